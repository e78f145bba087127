import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { segmentThread } from "./_thread.ts";

// Links in a thread that are buttons: they lead nowhere and run a script when clicked.

/** A post whose body holds a code box under a label and a script link that selects it. */
function post(name: string, date: string, text: string, code: string): string {
  return `<div class="post"><div class="postprofile"><a class="username" href="/u/${name}">${name}</a>
    <span class="postdate">${date}</span></div><div class="content">${text}
    <div class="codebox"><p>Kod: <a href="#" onclick="selectCode(this); return false;">Zaznacz wszystko</a></p>
    <pre><code>${code}</code></pre></div></div></div>`;
}

Deno.test("segmentThread() drops a code box's select link and its label, keeps the code", () => {
  const document = parsePage(
    `<html><body><div class="topic">${
      post(
        "Szuwar",
        "21.02.2024 09:12",
        "Po aktualizacji dioda zasilania nadal świeci, mimo wpisów w pliku konfiguracyjnym:",
        "dtparam=pwr_led_trigger=none",
      )
    }${
      post(
        "Kormoran",
        "21.02.2024 10:40",
        "Na nowszej płytce ten parametr ma inną nazwę, spróbuj tak:",
        "dtparam=pwr_led_activelow=off",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  const text = document.body.textContent ?? "";
  for (
    const kept of ["dtparam=pwr_led_trigger=none", "dtparam=pwr_led_activelow=off", "spróbuj tak"]
  ) {
    assert.ok(text.includes(kept), `should keep ${kept}:\n${text}`);
  }
  for (const gone of ["Zaznacz wszystko", "Kod:"]) {
    assert.ok(!text.includes(gone), `should drop ${gone}:\n${text}`);
  }
});

Deno.test("segmentThread() keeps a block where a script link stands beside longer text", () => {
  const document = parsePage(
    `<html><body><div class="topic">${
      post("Szuwar", "21.02.2024 09:12", "Pierwszy wpis z kodem poniżej.", "a=1")
    }${
      post("Kormoran", "21.02.2024 10:40", "Drugi wpis z kodem poniżej.", "b=2")
    }</div><p class="note">Regulamin forum obowiązuje wszystkich użytkowników bez wyjątku, <a href="#" onclick="toggle()">rozwiń</a></p></body></html>`,
  );
  segmentThread(document.body);
  const text = document.body.textContent ?? "";
  assert.ok(text.includes("Regulamin forum obowiązuje"), text);
  assert.ok(!text.includes("rozwiń"), text);
  assert.ok(!text.includes("Zaznacz wszystko"), text);
});
