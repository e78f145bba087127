import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { segmentThread } from "./_thread.ts";

// Authors and dates written in post templates that name neither by a class word.

/** A thread of posts, each given as a user card, a header and a body. */
function thread(posts: readonly { card: string; head: string; text: string }[]): Document {
  return parsePage(
    `<html><body><div id="discussione">${
      posts.map(({ card, head, text }, i) =>
        `<div id="p${i}" class="blocco"><h2>${head}</h2><div class="corpo"><div class="sinistra">${card}</div>
        <div class="destra"><div class="messaggio"><p>${text}</p></div></div></div></div>`
      ).join("")
    }</div></body></html>`,
  );
}

Deno.test("segmentThread() takes the author from a user card written as a description list", () => {
  const card = (name: string): string =>
    `<dl><dt><strong>${name}</strong></dt><dd class="titolo"><strong>Membro</strong></dd>
    <dd><span>Iscritto: 2024-02-11</span></dd><dd><span>Messaggi: 48</span></dd></dl>`;
  const document = thread([
    {
      card: card("Giulia"),
      head: `<a href="#p0">2025-11-01 15:14:37</a>`,
      text: "Dopo l'aggiornamento la stampante non si risveglia più dallo standby da sola.",
    },
    {
      card: card("Marco"),
      head: `<a href="#p1">2025-11-02 06:23:21</a>`,
      text: "Da me ha funzionato disattivare il risparmio energetico nelle impostazioni.",
    },
  ]);
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, ["Giulia 2025-11-01 15:14:37", "Marco 2025-11-02 06:23:21"]);
});

Deno.test("segmentThread() takes no label of a card of labelled values for an author", () => {
  const card = `<dl><dt>Iscritto</dt><dd>2024-02-11</dd><dt>Messaggi</dt><dd>48</dd></dl>`;
  const document = thread([
    {
      card,
      head: `<a href="#p0">2025-11-01 15:14:37</a>`,
      text: "Dopo l'aggiornamento la stampante non si risveglia più dallo standby da sola.",
    },
    {
      card,
      head: `<a href="#p1">2025-11-02 06:23:21</a>`,
      text: "Da me ha funzionato disattivare il risparmio energetico nelle impostazioni.",
    },
  ]);
  assert.deepEqual(segmentThread(document.body).lines, [
    "2025-11-01 15:14:37",
    "2025-11-02 06:23:21",
  ]);
});

Deno.test("segmentThread() takes a post's date before the edit note nested in it", () => {
  const head = (date: string, edit: string): string =>
    `<span class="data">${date} <span class="modifica">(Ultima modifica: ${edit} da <a href="/utente/7">Giulia</a>. Modificato 1 volta in totale.)</span></span>`;
  const card = (name: string): string =>
    `<div class="post_author"><a href="/utente/${name}">${name}</a></div>`;
  const document = thread([
    {
      card: card("Giulia"),
      head: head("2019-02-23, 09:14 PM", "2024-01-05, 03:27 AM"),
      text: "Dopo l'aggiornamento la stampante non si risveglia più dallo standby da sola.",
    },
    {
      card: card("Marco"),
      head: head("2019-02-24, 05:31 PM", "2024-01-06, 10:02 AM"),
      text: "Da me ha funzionato disattivare il risparmio energetico nelle impostazioni.",
    },
  ]);
  const found = segmentThread(document.body);
  assert.deepEqual(found.lines, ["Giulia 2019-02-23, 09:14 PM", "Marco 2019-02-24, 05:31 PM"]);
});
