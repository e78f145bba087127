/**
 * Extraction results, shaped exactly like `results.json` on disk.
 *
 * @module
 */

import type { Strategy } from "./job.ts";

/** Metadata about one extracted page. */
export interface ExtractionMetadata {
  title: string | null;
  extraction_time_ms: number;
  strategy_used?: Strategy;
  byline?: string | null;
  published_at?: string | null;
  language?: string | null;
  site_name?: string | null;
  description?: string | null;
  word_count?: number;
  links?: number;
  quality_score?: number;
  http_status?: number;
  content_type?: string;
  bytes?: number;
  final_url?: string;
}

/** The result for one URL. */
export interface Extraction {
  url: string;
  status: "success" | "failed";
  content: string;
  error?: string;
  metadata: ExtractionMetadata;
  markdown?: string;
  fields?: Record<string, string[]>;
  matches?: Record<string, string[]>;
  data?: unknown;
}

/** The content of `results.json`. */
export interface JobResults {
  job_id: string;
  total_urls: number;
  successful: number;
  failed: number;
  extractions: Extraction[];
}

/** Builds `results.json` content from extractions, in the job's URL order. */
export function summarizeResults(
  jobId: string,
  urls: readonly string[],
  extractions: readonly Extraction[],
): JobResults {
  const order = new Map(urls.map((u, i) => [u, i] as const));
  const sorted = [...extractions].sort((a, b) =>
    (order.get(a.url) ?? Infinity) - (order.get(b.url) ?? Infinity)
  );
  return {
    job_id: jobId,
    total_urls: urls.length,
    successful: sorted.filter((e) => e.status === "success").length,
    failed: sorted.filter((e) => e.status === "failed").length,
    extractions: sorted,
  };
}
