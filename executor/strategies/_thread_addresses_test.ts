import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { segmentThread } from "./_thread.ts";

// A board prints a long address pasted into a post with its middle left out.

/** A post: a header with the author's name and date, then its body. */
function post(name: string, date: string, body: string): string {
  return `<div class="wpis"><div class="naglowek"><a class="username" href="/u/${name}">${name}</a>
    <span class="data">${date}</span></div><div class="tresc">${body}</div></div>`;
}

Deno.test("segmentThread() writes out an address the board shortened, keeps other link texts", () => {
  const long = "https://git.example.org/projekt/iso/-/merge_requests/374";
  const other = "https://wiki.example.org/strona/rozruch/systemd-boot/konfiguracja";
  const document = parsePage(
    `<html><body><div class="watek">${
      post(
        "Kasia",
        "2025-11-02 06:23:21",
        `Obraz urósł, bo jądro jest teraz kopiowane dwa razy; szczegóły w
        <a href="${long}">https://git.example.org/projekt/ … quests/374</a> tutaj.`,
      )
    }${
      post(
        "Marek",
        "2025-11-02 08:10:05",
        `Dzięki, to wszystko wyjaśnia. Opis jest też na
        <a href="${other}">wiki.example.org/strona/roz...guracja</a> oraz
        <a href="${other}">stronie wiki ... konfiguracja</a>.`,
      )
    }${
      post(
        "Ola",
        "2025-11-02 09:44:40",
        `A tu inny adres: <a href="https://inny.example/x/y">https://git.example.org/ ... /y</a>.`,
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  for (
    const kept of [
      `szczegóły w ${long} tutaj.`,
      `na ${other} oraz`,
      "stronie wiki ... konfiguracja",
      "https://git.example.org/ ... /y",
    ]
  ) {
    assert.ok(text.includes(kept), `should show ${kept}:\n${text}`);
  }
  assert.equal(found.addresses, 2);
});
