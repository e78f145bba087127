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

/** A post of an engine that folds long quotes: a user card, then its body. */
function bericht(name: string, date: string, body: string): string {
  return `<div class="bericht"><div class="gebruiker"><a class="username" href="/u/${name}">${name}</a>
    <span class="datum">${date}</span></div><blockquote class="berichtTekst">${body}</blockquote></div>`;
}

Deno.test("segmentThread() drops the control that unfolds a long quote, keeps short quoted words", () => {
  const document = parsePage(
    `<html><body><div class="onderwerp">${
      bericht(
        "Daan",
        "14-01-2025 09:12",
        "Welke hosting raden jullie aan voor een kleine server met tien spelers?",
      )
    }${
      bericht(
        "Sanne",
        "14-01-2025 10:47",
        `<blockquote class="citaat"><div class="citaatTekst">Ik had twee keer slechte ervaringen,
        een keer waren al mijn bestanden weg.</div><div class="citaatExpand">Klik om uit te klappen...</div></blockquote>
        Dat herken ik, daarom maak ik elke nacht zelf een back-up.`,
      )
    }${
      bericht(
        "Bram",
        "14-01-2025 11:03",
        `<blockquote class="citaat"><div class="bbCode-expandContent">Tien spelers?</div></blockquote>
        Dan is de kleinste server ruim genoeg.`,
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  assert.ok(!text.includes("Klik om uit te klappen"), `should drop the control:\n${text}`);
  for (const kept of ["al mijn bestanden weg.", "Tien spelers?", "elke nacht zelf een back-up."]) {
    assert.ok(text.includes(kept), `should keep ${kept}:\n${text}`);
  }
  assert.equal(found.expanders, 1);
});
