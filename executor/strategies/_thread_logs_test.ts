import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { segmentThread } from "./_thread.ts";

// Logs a poster pastes whole into a post: hundreds of lines for others to search through.

/** A post: a user card with the author's name and date, then its body. */
function post(name: string, date: string, body: string): string {
  return `<div class="messaggio"><div class="autore"><a class="username" href="/u/${name}">${name}</a>
    <span class="data">${date}</span></div><div class="testo">${body}</div></div>`;
}

/** A build log of `n` lines, each a time and a step. */
function log(n: number): string {
  const line = (i: number): string => {
    const minute = String(i % 60).padStart(2, "0");
    return `10:${minute}:12: passo ${i} installazione del pacchetto modulo-${i}`;
  };
  return Array.from({ length: n }, (_, i) => line(i)).join("\n");
}

/** A program of `n` lines, none of them a time. */
function program(n: number): string {
  return Array.from(
    { length: n },
    (_, i) => `const passo${i} = installa("componente-${i}", opzioni);`,
  )
    .join("\n");
}

/** Segments a thread of `posts` and gives what it found and the page's text after. */
function segmented(...posts: string[]): { found: ReturnType<typeof segmentThread>; text: string } {
  const document = parsePage(
    `<html><body><div class="discussione">${posts.join("")}</div></body></html>`,
  );
  const found = segmentThread(document.body);
  return { found, text: (document.body.textContent ?? "").replace(/\s+/g, " ") };
}

Deno.test("segmentThread() drops a log pasted whole into a post, keeps a snippet and a program", () => {
  const { found, text } = segmented(
    post(
      "Giulia",
      "3 apr 2024, 09:10",
      `<p>La pubblicazione del sito si ferma senza un errore chiaro.</p>
      <p>Ecco il registro completo della compilazione:</p><pre><code>${log(120)}</code></pre>
      <p>Qualcuno sa dirmi cosa non va?</p>`,
    ),
    post(
      "Sara",
      "3 apr 2024, 09:50",
      `<p>Succede anche a me da ieri sera, con lo stesso modello di sito.</p>
      <p>Il mio script di installazione è questo:</p><pre><code>${program(80)}</code></pre>`,
    ),
    post(
      "Marco",
      "3 apr 2024, 10:25",
      `<p>Prova a impostare la versione di Node nel file di configurazione:</p>
      <pre><code>[build]\n  comando = "npm run build"\n  versione = "20"</code></pre>
      <p>Poi svuota la cache e ripubblica.</p>`,
    ),
    post(
      "Giulia",
      "3 apr 2024, 11:05",
      "<p>Grazie, con la versione nel file di configurazione la pubblicazione è andata a buon fine.</p>",
    ),
    post(
      "Sara",
      "3 apr 2024, 11:30",
      "<p>Confermo, anche da me adesso la pubblicazione funziona.</p>",
    ),
    post("Marco", "3 apr 2024, 12:10", "<p>Bene, segno la discussione come risolta.</p>"),
  );
  assert.equal(found.posts, 6);
  assert.ok(!text.includes("modulo-7"), `should drop the log:\n${text}`);
  for (
    const kept of [
      "Ecco il registro completo della compilazione:",
      "Qualcuno sa dirmi cosa non va?",
      'comando = "npm run build"',
      "Poi svuota la cache",
      "Succede anche a me",
      'const passo79 = installa("componente-79", opzioni);',
      "è andata a buon fine",
    ]
  ) {
    assert.ok(text.includes(kept), `should keep ${kept}:\n${text}`);
  }
  assert.equal(found.logs, 1);
});

Deno.test("segmentThread() drops a log that stray backticks split into pieces of inline code, keeps a paragraph with code", () => {
  // The log's lines run together in one paragraph; two words lost their backticks and sit
  // between the pieces, as text.
  const lines = log(120).split("\n");
  const pasted = `<p><code>${lines.slice(0, 50).join(" ")}</code>moduloPrincipale<code>${
    lines.slice(50, 100).join(" ")
  }</code>compilaStile<code>${lines.slice(100).join(" ")}</code></p>`;
  const { found, text } = segmented(
    post(
      "Giulia",
      "3 apr 2024, 09:10",
      `<p>La pubblicazione del sito si ferma senza un errore chiaro.</p>
      <p>Ecco il registro completo della compilazione:</p>${pasted}
      <p>Qualcuno sa dirmi cosa non va?</p>`,
    ),
    post(
      "Marco",
      "3 apr 2024, 10:25",
      `<p>Alle 10:15 o alle 10:20 il servizio riparte: imposta <code>NODE_VERSION</code> a 20
      nel file <code>netlify.toml</code>, poi svuota la cache e ripubblica il sito.</p>`,
    ),
    post("Giulia", "3 apr 2024, 11:05", "<p>Grazie, adesso la pubblicazione funziona.</p>"),
    post("Sara", "3 apr 2024, 11:30", "<p>Confermo, anche da me funziona.</p>"),
    post("Marco", "3 apr 2024, 12:10", "<p>Bene, segno la discussione come risolta.</p>"),
  );
  assert.equal(found.posts, 5);
  for (const gone of ["modulo-7", "modulo-77", "moduloPrincipale", "compilaStile", "modulo-119"]) {
    assert.ok(!text.includes(gone), `should drop ${gone}:\n${text}`);
  }
  for (
    const kept of [
      "Ecco il registro completo della compilazione:",
      "Qualcuno sa dirmi cosa non va?",
      "imposta NODE_VERSION a 20 nel file netlify.toml",
    ]
  ) {
    assert.ok(text.includes(kept), `should keep ${kept}:\n${text}`);
  }
  assert.equal(found.logs, 1);
});
