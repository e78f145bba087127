import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { isListPage, thinChoice } from "./_article_shape.ts";

function element(html: string): Element {
  const body = parsePage(`<html><body>${html}</body></html>`).body as unknown as Element;
  return body.firstElementChild!;
}

const INTRO = '<p>An <a href="/i">index</a> of <a href="/n">notable languages</a>, <a href="/h">' +
  'in use or historical</a>; <a href="/d">dialects</a> are not <a href="/x">included</a>.</p>';

function lists(from: number, to: number): string {
  let out = "";
  for (let k = from; k < to; k++) {
    let items = "";
    for (let i = 0; i < 6; i++) items += `<li><a href="/l${k}-${i}">Language ${k}-${i}</a></li>`;
    out += `<h2>Part ${k}</h2><ul>${items}</ul>`;
  }
  return out;
}

Deno.test("isListPage() takes an index whose chosen block kept a few of its link lists", () => {
  // The scorer kept the introduction and the first lists; the region holds all of them.
  const root = element(`<div>${INTRO}${lists(0, 5)}</div>`);
  const region = element(`<main>${INTRO}${lists(0, 26)}</main>`);
  assert.ok(isListPage(root, region));
  // An article with a list of links in its text is not a list page.
  const prose = "<p>" + "Rock pools warm faster than the open sea, the survey found. ".repeat(12) +
    "</p>";
  const article = element(`<div>${prose}${lists(0, 1)}${prose}</div>`);
  assert.ok(!isListPage(article, element(`<main>${prose}${lists(0, 1)}${prose}</main>`)));
});

Deno.test("thinChoice() reads a short block that leaves out a section's heading as headed", () => {
  const hero = "<h1>The platform for building your APIs</h1>" +
    "<p>Design, test, manage and share APIs and services, built for whole teams.</p>" +
    "<p>Start from a collection, call it from any tool, and watch every request and " +
    "response as your team works on it together, from the first draft to the release.</p>";
  const closing = "<h2>The world's APIs are built and shipped here</h2>" +
    "<p>Join the many teams who build on it every day, in every industry.</p>";
  const region = element(`<main><section>${hero}</section><section>${closing}</section></main>`);
  const block = element(`<section>${hero}</section>`);
  assert.equal(thinChoice(block, region, null), "headed");
  // The block that holds the heading misses nothing.
  assert.equal(thinChoice(region.cloneNode(true) as Element, region, null), null);
  // A short heading ("Pricing") is a label, not a section the block left out.
  const labelled = element(`<main><section>${hero}</section><h2>Pricing</h2></main>`);
  assert.equal(thinChoice(block, labelled, null), null);
});
