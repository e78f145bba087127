import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { segmentThread } from "./_thread.ts";

// The citation that heads a quote in a reply: the engine's line naming the post quoted.

/** A post: a user card with the author's name and date, then its body. */
function post(name: string, date: string, body: string): string {
  return `<div class="mensaje"><div class="autor"><a class="username" href="/u/${name}">${name}</a>
    <span class="fecha">${date}</span></div><div class="contenido">${body}</div></div>`;
}

Deno.test("segmentThread() drops the citation heading a quote, keeps the quoted words and a saying's source", () => {
  const document = parsePage(
    `<html><body><div class="tema">${
      post(
        "Lucía",
        "12 mar 2024, 10:15",
        "<p>Mi huerto en el balcón recibe sol solo por la mañana.</p><p>¿Qué hortalizas puedo plantar?</p>",
      )
    }${
      post(
        "Andrés",
        "12 mar 2024, 11:40",
        `<blockquote><cite><a href="/p/1">Lucía</a> escribió: <a href="/p/1">↑</a> 12 mar 2024, 10:15</cite>
        <p>Mi huerto en el balcón recibe sol solo por la mañana.</p></blockquote>
        <p>Lechugas, espinacas y rúcula crecen bien con cuatro horas de sol directo.</p>
        <p>Riega por la tarde, cuando el sol ya no da en las macetas.</p>
        <blockquote><p>Quien siembra en marzo, cosecha en mayo.</p>
        <cite>Refranero popular</cite></blockquote>`,
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  assert.ok(!text.includes("escribió"), `should drop the citation:\n${text}`);
  for (
    const kept of [
      "11:40 Mi huerto en el balcón",
      "Lechugas, espinacas",
      "cosecha en mayo.",
      "Refranero popular",
    ]
  ) {
    assert.ok(text.includes(kept), `should keep ${kept}:\n${text}`);
  }
  assert.equal(found.citations, 1);
});
