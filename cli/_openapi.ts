/**
 * The OpenAPI 3.1 document of `riptide serve` (`GET /openapi.json`). The job
 * submission schema is built from the submit command's options, so a new
 * submit flag is documented (and accepted) without touching this file.
 *
 * @module
 */

import { EXPORT_FORMATS } from "./commands/results.ts";
import { JOB_PRIORITIES, JOB_STATUSES } from "@riptide/core/base";
import type { SubmitField } from "./_api_submit.ts";
import cliManifest from "./deno.json" with { type: "json" };

const problem = {
  description: "An RFC 9457 problem (the CLI's one-line message in `detail`)",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};

const json = (ref: string, description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
});

const idParam = {
  name: "id",
  in: "path",
  required: true,
  description: "A full job id, a unique prefix of one, or the short id (job_5e6f)",
  schema: { type: "string" },
};

function fieldSchema(field: SubmitField): Record<string, unknown> {
  if (field.kind === "boolean") return { type: "boolean", description: field.description };
  const one = { type: ["string", "number"] };
  if (field.name === "schema") {
    return { description: field.description, oneOf: [{ type: "object" }, { type: "string" }] };
  }
  if (field.name === "selector" || field.name === "pattern") {
    return {
      description: field.description,
      oneOf: [
        { type: "array", items: { type: "string" } },
        { type: "object", additionalProperties: { type: "string" } },
      ],
    };
  }
  if (field.name === "tags") {
    return {
      description: field.description,
      oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
    };
  }
  return field.repeatable
    ? { description: field.description, oneOf: [one, { type: "array", items: one }] }
    : { description: field.description, ...one };
}

/** The document, with the submission fields given. */
export function openApiDocument(fields: readonly SubmitField[]): Record<string, unknown> {
  const submitProps: Record<string, unknown> = {};
  for (const field of fields) submitProps[field.name] = fieldSchema(field);
  submitProps.urls = { description: "the same as url", type: "array", items: { type: "string" } };
  return {
    openapi: "3.1.0",
    info: {
      title: "RipTide",
      version: cliManifest.version,
      description: "Extraction jobs over HTTP. Every request but /healthz needs " +
        "`Authorization: Bearer TOKEN` when the server has a token.",
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Problem: {
          type: "object",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
          },
          required: ["type", "title", "status", "detail"],
        },
        JobSubmit: {
          type: "object",
          description: "The flags of `riptide job-local submit` in snake_case " +
            "(--max-depth is max_depth); a switch is true or false; a repeatable flag takes an array",
          properties: submitProps,
          additionalProperties: false,
        },
        Submitted: {
          type: "object",
          description: "What `submit -o json` prints",
          properties: {
            job_id: { type: "string" },
            short_id: { type: "string" },
            status: { type: "string" },
            url_count: { type: "integer" },
            duplicates_dropped: { type: "integer" },
          },
        },
        Job: {
          type: "object",
          description: "The job's metadata.json (what `status -o json` prints)",
          properties: {
            id: { type: "string" },
            name: { type: ["string", "null"] },
            status: { enum: [...JOB_STATUSES] },
            priority: { enum: [...JOB_PRIORITIES] },
            urls: { type: "array", items: { type: "string" } },
            progress: { type: "object" },
          },
        },
        JobList: {
          type: "object",
          properties: {
            total: { type: "integer" },
            count: { type: "integer" },
            jobs: { type: "array", items: { $ref: "#/components/schemas/Job" } },
          },
        },
        Stats: { type: "object", description: "What `stats -o json` prints" },
        LogEntry: {
          type: "object",
          properties: {
            timestamp: { type: "string" },
            level: { type: "string" },
            message: { type: "string" },
            url: { type: ["string", "null"] },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      "/healthz": {
        get: {
          summary: "Liveness (no token needed)",
          security: [],
          responses: { 200: { description: '{"status":"ok"}' } },
        },
      },
      "/metrics": {
        get: {
          summary:
            "Prometheus text format (the families of `riptide metrics export --format prom`)",
          responses: { 200: { description: "text/plain; version=0.0.4" }, 401: problem },
        },
      },
      "/v1/jobs": {
        post: {
          summary: "Submit a job (riptide job-local submit)",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/JobSubmit" } } },
          },
          responses: {
            201: json("Submitted", "The job is stored as pending"),
            400: problem,
            401: problem,
            415: problem,
            422: problem,
          },
        },
        get: {
          summary: "List jobs, newest first (riptide job-local list)",
          parameters: [
            { name: "status", in: "query", schema: { enum: [...JOB_STATUSES] } },
            { name: "priority", in: "query", schema: { enum: [...JOB_PRIORITIES] } },
            { name: "tag", in: "query", schema: { type: "string" } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1 } },
          ],
          responses: { 200: json("JobList", "Jobs"), 400: problem, 401: problem },
        },
      },
      "/v1/jobs/{id}": {
        parameters: [idParam],
        get: {
          summary: "A job's status (riptide job-local status)",
          parameters: [{ name: "detailed", in: "query", schema: { type: "boolean" } }],
          responses: {
            200: json("Job", "The job"),
            400: problem,
            401: problem,
            404: problem,
            409: problem,
          },
        },
        delete: {
          summary: "Cancel a pending or running job (riptide job-local cancel)",
          responses: {
            200: { description: "{job_id, previous_status, status}" },
            401: problem,
            404: problem,
            409: problem,
          },
        },
      },
      "/v1/jobs/{id}/logs": {
        parameters: [idParam],
        get: {
          summary: "The job's log; with Accept: text/event-stream a live stream that ends " +
            "with the job (events log, then end)",
          parameters: [
            { name: "level", in: "query", schema: { type: "string" } },
            { name: "grep", in: "query", schema: { type: "string" } },
            { name: "lines", in: "query", schema: { type: "integer" } },
          ],
          responses: {
            200: {
              description: "The last lines as JSON, or an SSE stream",
              content: {
                "application/json": {
                  schema: { type: "array", items: { $ref: "#/components/schemas/LogEntry" } },
                },
                "text/event-stream": { schema: { type: "string" } },
              },
            },
            400: problem,
            401: problem,
            404: problem,
          },
        },
      },
      "/v1/jobs/{id}/results": {
        parameters: [idParam],
        get: {
          summary: "The job's results (partial while it runs: X-RipTide-Partial: true)",
          parameters: [{ name: "format", in: "query", schema: { enum: [...EXPORT_FORMATS] } }],
          responses: { 200: { description: "The export" }, 400: problem, 404: problem },
        },
      },
      "/v1/stats": {
        get: { summary: "Job statistics", responses: { 200: json("Stats", "Statistics") } },
      },
    },
  };
}
