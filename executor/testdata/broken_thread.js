// A thread module that fails while loading (for _extract_pool_test.ts).
throw new Error("broken on purpose");
