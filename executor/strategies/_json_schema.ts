/**
 * A small JSON Schema validator for the subset the llm strategy supports:
 * `type` (a name or a list; `integer` included), `properties`, `required`,
 * `items` (one schema for every element), `enum`, `const`, and
 * `additionalProperties` (`false` or a schema). Other keywords are ignored.
 * No I/O.
 *
 * @module
 */

import { UsageError } from "@riptide/core/base";

const TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

/** The JSON type name of a value (`integer` for whole numbers is reported as `number`). */
function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeOf(value) === type;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * Checks a schema's shape: an object whose `type`, `properties`, `required`,
 * `items`, `enum` and `additionalProperties` are well-formed, recursively.
 *
 * @throws {UsageError} naming the first problem, e.g. `Invalid JSON schema at $.properties.a: unknown type "text"`.
 */
export function checkSchema(schema: unknown, path = "$"): void {
  if (!isRecord(schema)) {
    if (schema === true || schema === false) return;
    throw new UsageError(`Invalid JSON schema at ${path}: expected an object`);
  }
  const { type, properties, required, items, additionalProperties } = schema;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    for (const t of types) {
      if (typeof t !== "string" || !TYPES.has(t)) {
        throw new UsageError(`Invalid JSON schema at ${path}: unknown type ${describe(t)}`);
      }
    }
  }
  if (properties !== undefined) {
    if (!isRecord(properties)) {
      throw new UsageError(`Invalid JSON schema at ${path}: "properties" must be an object`);
    }
    for (const [key, sub] of Object.entries(properties)) {
      checkSchema(sub, `${path}.properties.${key}`);
    }
  }
  if (
    required !== undefined &&
    (!Array.isArray(required) || !required.every((r) => typeof r === "string"))
  ) {
    throw new UsageError(`Invalid JSON schema at ${path}: "required" must be a list of names`);
  }
  if (items !== undefined) checkSchema(items, `${path}.items`);
  if (schema.enum !== undefined && !Array.isArray(schema.enum)) {
    throw new UsageError(`Invalid JSON schema at ${path}: "enum" must be a list`);
  }
  if (additionalProperties !== undefined && typeof additionalProperties !== "boolean") {
    checkSchema(additionalProperties, `${path}.additionalProperties`);
  }
}

/**
 * Validates a value against a schema (the supported subset).
 * Returns the problems found, each as `<path>: <problem>`, at most ten.
 *
 * @example
 * ```ts
 * validateJson({ price: "9" }, { type: "object", properties: { price: { type: "number" } } });
 * // ["$.price: expected number, got string"]
 * ```
 */
export function validateJson(value: unknown, schema: unknown): string[] {
  const errors: string[] = [];
  walk(value, schema, "$", errors, 10);
  // walk() stops descending at the limit; siblings checked in one step may overshoot it.
  return errors.slice(0, 10);
}

function walk(
  value: unknown,
  schema: unknown,
  path: string,
  errors: string[],
  limit: number,
): void {
  if (errors.length >= limit) return;
  if (schema === false) {
    errors.push(`${path}: not allowed`);
    return;
  }
  if (!isRecord(schema)) return;
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    if (!types.some((t) => matchesType(value, t))) {
      errors.push(`${path}: expected ${types.join(" or ")}, got ${typeOf(value)}`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, value))) {
    errors.push(`${path}: ${describe(value)} is not one of ${describe(schema.enum)}`);
  }
  if ("const" in schema && !deepEqual(schema.const, value)) {
    errors.push(`${path}: expected ${describe(schema.const)}, got ${describe(value)}`);
  }
  if (isRecord(value)) {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    if (Array.isArray(schema.required)) {
      for (const name of schema.required) {
        if (typeof name === "string" && !Object.hasOwn(value, name)) {
          errors.push(`${path}: missing required property "${name}"`);
        }
      }
    }
    for (const [key, item] of Object.entries(value)) {
      if (Object.hasOwn(properties, key)) {
        walk(item, properties[key], `${path}.${key}`, errors, limit);
      } else if (schema.additionalProperties === false) {
        errors.push(`${path}: unexpected property "${key}"`);
      } else if (isRecord(schema.additionalProperties)) {
        walk(item, schema.additionalProperties, `${path}.${key}`, errors, limit);
      }
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => walk(item, schema.items, `${path}[${i}]`, errors, limit));
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
