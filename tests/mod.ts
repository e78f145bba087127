/**
 * End-to-end test helpers (not published).
 *
 * @module
 */
export {};
