import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { extractAuto } from "./auto.ts";
import { isLinkTree } from "./_navigation.ts";

function list(html: string): Element {
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  return document.body.firstElementChild as unknown as Element;
}

const link = (text: string): string => `<li><a href="/${text.length}">${text}</a></li>`;

/** A site's page tree: four sections of links, each with its pages. */
const TREE = `<ul class="hero-select__list">${
  ["Audit", "Tax", "Advisory", "Technology"].map((s) =>
    `<li><a href="/${s}">${s}</a><ul>${
      ["Reviews", "Compliance", "Planning"].map((p) => link(`${s} ${p}`)).join("")
    }</ul></li>`
  ).join("")
}</ul>`;

Deno.test("isLinkTree() tells a tree of links from a page's own lists", async (t) => {
  await t.step("a nested list that is all links is a tree", () => {
    assert.equal(isLinkTree(list(TREE)), true);
  });
  await t.step("a flat list of links is not a tree (a list of items)", () => {
    const flat = `<ul>${
      Array.from({ length: 12 }, (_, i) => link(`Item number ${i}`)).join("")
    }</ul>`;
    assert.equal(isLinkTree(list(flat)), false);
  });
  await t.step("a nested list that says something besides its links is the page's", () => {
    const steps = `<ol>${
      ["Install", "Configure", "Deploy"].map((s) =>
        `<li>${s} the service: follow these steps in order.<ul>${
          ["one", "two", "three"].map((x) =>
            `<li>Run the <a href="/${x}">${x}</a> command and wait for it to finish.</li>`
          ).join("")
        }</ul></li>`
      ).join("")
    }</ol>`;
    assert.equal(isLinkTree(list(steps)), false);
  });
});

Deno.test("extractAuto() drops a page tree of links outside <nav> from a service page", async () => {
  const section = (h: string, p: string): string => `<section><h2>${h}</h2><p>${p}</p></section>`;
  const html = `<html><body><main>
    <div class="hero"><h1>Payroll consulting</h1>
    <p>Our consultants set up and run payroll for firms of ten to five hundred people.</p>
    <div class="hero-select">${TREE}</div></div>
    ${section("Setup", "We move your payroll from spreadsheets or another provider in one month.")}
    ${section("Running", "Each month we pay your staff, file the returns and send you one report.")}
    ${section("Audits", "Once a year we check every payslip against the law and your contracts.")}
    </main></body></html>`;
  const url = "https://consultancy.example/services/payroll/";
  const out = await extractAuto(
    {
      url,
      finalUrl: url,
      status: 200,
      contentType: "text/html",
      html,
      bytes: html.length,
    },
    {},
  );
  assert.ok(out.content.includes("set up and run payroll"), out.content);
  assert.ok(out.content.includes("file the returns"), out.content);
  assert.ok(!out.content.includes("Tax Compliance"), out.content);
  assert.ok(!out.content.includes("Advisory Planning"), out.content);
});
