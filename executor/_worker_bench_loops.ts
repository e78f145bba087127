/**
 * The baselines of `worker_bench.ts` (private to the bench): the same fetch
 * and extract work as a job, without the job system, and the process's CPU
 * time.
 *
 * @module
 */

import type { Strategy } from "@riptide/core/base";
import { extract, type Page } from "./extract.ts";
import { decodeBody, fetchPage } from "./fetch.ts";
import { HostLimiter } from "./_host_limiter.ts";

/** A case's URLs and the same pages in memory. */
export interface Case {
  label: string;
  urls: string[];
  /** The same pages, fetched once and decoded, for the extract-only loop. */
  pages: Page[];
}

/**
 * CPU time of this process (user + system, all threads) in seconds, from
 * /proc (Linux); NaN elsewhere. Less sensitive than wall time to other
 * processes on a shared machine.
 */
export function cpuSeconds(): number {
  try {
    const stat = Deno.readTextFileSync("/proc/self/stat");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the whole line (11 and 12 here), in ticks.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Wall and CPU seconds of a run. */
export interface Timing {
  wall: number;
  cpu: number;
}

/** A sequential `fetchPage` + `extract` loop over the case's URLs; seconds. */
export async function timePlainLoop(c: Case, strategy: Strategy): Promise<number> {
  const t0 = performance.now();
  for (const url of c.urls) {
    const page = await fetchPage(url, { retries: 0 });
    await extract(page, strategy, {});
  }
  return (performance.now() - t0) / 1000;
}

// The same fetch + extract work with the worker's concurrency (8 lanes, 2
// requests per host) but no job system: no store, logs, progress or queue.
export async function timePlainConcurrent(urls: string[], strategy: Strategy): Promise<Timing> {
  const hosts = new HostLimiter(2);
  let next = 0;
  const c0 = cpuSeconds();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const page = await fetchPage(url, {
        retries: 0,
        acquireHost: (host, signal) => hosts.acquire(host, signal),
      });
      await extract(page, strategy, {});
    }
  }));
  return { wall: (performance.now() - t0) / 1000, cpu: cpuSeconds() - c0 };
}

/** `extract` alone over the case's pages, already in memory; seconds. */
export async function timeExtractOnly(c: Case, strategy: Strategy): Promise<number> {
  const t0 = performance.now();
  for (const page of c.pages) await extract(page, strategy, {});
  return (performance.now() - t0) / 1000;
}

/** The case `label` of `urls`, each page fetched once and decoded. */
export async function buildCase(label: string, urls: string[]): Promise<Case> {
  const pages: Page[] = [];
  for (const url of urls) {
    const res = await fetch(url);
    const bytes = new Uint8Array(await res.arrayBuffer());
    pages.push({
      url,
      finalUrl: url,
      status: 200,
      contentType: "text/html",
      html: decodeBody(bytes, {
        headerCharset: /charset=([^;]+)/.exec(res.headers.get("content-type") ?? "")?.[1] ??
          null,
        sniffMeta: true,
        warnings: [],
      }),
      bytes: bytes.byteLength,
    });
  }
  return { label, urls, pages };
}
