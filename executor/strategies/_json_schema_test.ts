import assert from "node:assert/strict";
import { UsageError } from "@riptide/core/base";
import { checkSchema, validateJson } from "./_json_schema.ts";

Deno.test("validateJson() checks the supported JSON Schema subset", async (t) => {
  await t.step("type accepts each JSON type, integer only for whole numbers", () => {
    assert.deepEqual(validateJson("a", { type: "string" }), []);
    assert.deepEqual(validateJson(1.5, { type: "number" }), []);
    assert.deepEqual(validateJson(2, { type: "integer" }), []);
    assert.deepEqual(validateJson(true, { type: "boolean" }), []);
    assert.deepEqual(validateJson(null, { type: "null" }), []);
    assert.deepEqual(validateJson([], { type: "array" }), []);
    assert.deepEqual(validateJson({}, { type: "object" }), []);
    assert.deepEqual(validateJson(1.5, { type: "integer" }), ["$: expected integer, got number"]);
    assert.deepEqual(validateJson([], { type: "object" }), ["$: expected object, got array"]);
    assert.deepEqual(validateJson(null, { type: "object" }), ["$: expected object, got null"]);
  });

  await t.step("a list of types accepts any of them", () => {
    assert.deepEqual(validateJson(null, { type: ["string", "null"] }), []);
    assert.deepEqual(validateJson(3, { type: ["string", "null"] }), [
      "$: expected string or null, got number",
    ]);
  });

  await t.step("properties are checked recursively with their paths", () => {
    const schema = {
      type: "object",
      properties: {
        name: { type: "string" },
        address: { type: "object", properties: { zip: { type: "string" } } },
      },
    };
    assert.deepEqual(validateJson({ name: "a", address: { zip: "1" } }, schema), []);
    assert.deepEqual(validateJson({ name: 1, address: { zip: 2 } }, schema), [
      "$.name: expected string, got number",
      "$.address.zip: expected string, got number",
    ]);
  });

  await t.step("required names missing properties", () => {
    assert.deepEqual(validateJson({ a: 1 }, { type: "object", required: ["a", "b"] }), [
      '$: missing required property "b"',
    ]);
  });

  await t.step("additionalProperties false rejects unknown keys; a schema checks them", () => {
    const closed = { type: "object", properties: { a: {} }, additionalProperties: false };
    assert.deepEqual(validateJson({ a: 1, b: 2 }, closed), ['$: unexpected property "b"']);
    const typed = { type: "object", additionalProperties: { type: "number" } };
    assert.deepEqual(validateJson({ x: 1, y: "2" }, typed), ["$.y: expected number, got string"]);
    assert.deepEqual(validateJson({ a: 1, b: 2 }, { type: "object", properties: { a: {} } }), []);
  });

  await t.step("items applies to every element with its index", () => {
    const schema = { type: "array", items: { type: "object", required: ["id"] } };
    assert.deepEqual(validateJson([{ id: 1 }, {}, { id: 3 }], schema), [
      '$[1]: missing required property "id"',
    ]);
  });

  await t.step("enum and const compare by value", () => {
    assert.deepEqual(validateJson("b", { enum: ["a", "b"] }), []);
    assert.deepEqual(validateJson({ k: [1] }, { enum: [{ k: [1] }] }), []);
    assert.deepEqual(validateJson("c", { enum: ["a", "b"] }), ['$: "c" is not one of ["a","b"]']);
    assert.deepEqual(validateJson(2, { const: 1 }), ["$: expected 1, got 2"]);
  });

  await t.step("an empty schema or true accepts anything; false accepts nothing", () => {
    assert.deepEqual(validateJson({ any: [1] }, {}), []);
    assert.deepEqual(validateJson(1, true), []);
    assert.deepEqual(validateJson(1, false), ["$: not allowed"]);
  });

  await t.step("at most ten problems are reported", () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    assert.equal(validateJson(many, { type: "object", additionalProperties: false }).length, 10);
  });
});

Deno.test("checkSchema() rejects malformed schemas as usage errors", async (t) => {
  await t.step("well-formed schemas pass", () => {
    checkSchema({
      type: "object",
      properties: { a: { type: ["string", "null"] }, b: { type: "array", items: { enum: [1] } } },
      required: ["a"],
      additionalProperties: false,
    });
    checkSchema(true);
  });

  await t.step("bad shapes are named with their path", () => {
    assert.throws(() => checkSchema("string"), UsageError);
    assert.throws(
      () => checkSchema({ properties: { a: { type: "text" } } }),
      { message: 'Invalid JSON schema at $.properties.a: unknown type "text"' },
    );
    assert.throws(() => checkSchema({ required: "a" }), /"required" must be a list of names/);
    assert.throws(() => checkSchema({ items: 3 }), /at \$\.items: expected an object/);
    assert.throws(() => checkSchema({ enum: "a" }), /"enum" must be a list/);
  });
});
