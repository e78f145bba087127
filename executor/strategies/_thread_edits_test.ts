import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { segmentThread } from "./_thread.ts";

// Edit notes an engine writes into a post's body when its author edits it.

/** A post: a user card with the author's name and date, a body, maybe an edit note in it. */
function post(name: string, date: string, text: string, note = ""): string {
  return `<article class="beitrag"><div class="profil"><a class="username" href="/u/${name}">${name}</a>
    <time datetime="2024-03-05T10:00:00Z">${date}</time></div><div class="inhalt"><p>${text}</p>${note}</div></article>`;
}

Deno.test("segmentThread() drops an edit note naming the post's author, keeps a quote's heading", () => {
  const document = parsePage(
    `<html><body><div class="thema">${
      post(
        "Birgit",
        "5. März 2024",
        "Seit dem letzten Update startet der Drucker nach dem Standby nicht mehr von selbst.",
        `<span class="hinweis"><strong>Zuletzt bearbeitet am <time datetime="2024-03-06T08:00:00Z">6. März</time> von Birgit</strong> Tippfehler korrigiert</span>`,
      )
    }${
      post(
        "Konrad",
        "6. März 2024",
        `<blockquote><div class="zitat">Am <time datetime="2024-03-05T10:00:00Z">5. März</time> schrieb Birgit:</div>Seit dem letzten Update startet der Drucker nicht mehr.</blockquote>Bei mir half es, den Energiesparmodus in den Einstellungen abzuschalten.`,
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.equal(found.edits, 1);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  for (const gone of ["Zuletzt bearbeitet", "Tippfehler korrigiert"]) {
    assert.ok(!text.includes(gone), `should drop ${gone}:\n${text}`);
  }
  for (const kept of ["schrieb Birgit", "Energiesparmodus", "startet der Drucker nach dem"]) {
    assert.ok(text.includes(kept), `should keep ${kept}:\n${text}`);
  }
});

Deno.test("segmentThread() drops a moderator's edit note closing a post, keeps a post's own date", () => {
  const document = parsePage(
    `<html><body><div class="thema">${
      post(
        "Birgit",
        "5. März 2024",
        "Seit dem letzten Update startet der Drucker nach dem Standby nicht mehr von selbst.",
        `<span class="hinweis"><strong>Bearbeitet am <time datetime="2024-03-07T08:00:00Z">7. März</time> von Moderator Ulf</strong> (Verlauf ansehen)</span>`,
      )
    }${
      post(
        "Konrad",
        "6. März 2024",
        `Der Techniker kommt am <time datetime="2024-03-08T09:00:00Z">8. März</time> vorbei, danach weiß ich mehr.`,
      )
    }${
      post(
        "Lena",
        "6. März 2024",
        `Bei mir half es, den Energiesparmodus abzuschalten.</p><p>Termin: <time datetime="2024-03-09T09:00:00Z">9. März</time>`,
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  for (const gone of ["Bearbeitet am", "Moderator Ulf", "Verlauf ansehen"]) {
    assert.ok(!text.includes(gone), `should drop ${gone}:\n${text}`);
  }
  for (
    const kept of [
      "startet der Drucker",
      "Der Techniker kommt am 8. März vorbei",
      "Termin: 9. März",
      "Energiesparmodus",
    ]
  ) {
    assert.ok(text.includes(kept), `should keep ${kept}:\n${text}`);
  }
});
