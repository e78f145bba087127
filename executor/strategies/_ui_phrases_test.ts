import assert from "node:assert/strict";
import { COMMENTS_HEADING, UI_LABEL } from "./_ui_phrases.ts";

Deno.test("UI_LABEL reads a label set between dashes as the label", () => {
  // A magazine theme writes its ad slot's title between dashes ("- Advertisement -",
  // translated "- Anzeige -", "— Publicité —").
  for (const label of ["- Advertisement -", "- Anzeige -", "— Publicité —", "• Werbung •"]) {
    assert(UI_LABEL.test(label), label);
  }
  // A sign, a word or a number before the label is more than a dash: not read as one.
  for (const line of ["+ More", "Keine Anzeige", "Die Anzeige", "- Anzeige gegen Unbekannt"]) {
    assert(!UI_LABEL.test(line), line);
  }
});

Deno.test("COMMENTS_HEADING names a comment section, with its count, in compounds", () => {
  for (
    const heading of [
      "Kommentare (6)",
      "Leserkommentare",
      "Diskussion",
      "12 Comments",
      "Readers' comments",
      "Commentaires : 3",
      "Ihre Meinung",
      "Vos réactions (4)",
    ]
  ) {
    assert(COMMENTS_HEADING.test(heading), heading);
  }
  // The singular is an opinion piece; a heading that says more is a section of the text.
  for (
    const heading of [
      "Kommentar",
      "Kommentare zur Lage",
      "Diskussion der Ergebnisse",
      "Ihre Meinung zur Wahl",
    ]
  ) {
    assert(!COMMENTS_HEADING.test(heading), heading);
  }
});

Deno.test("UI_LABEL reads a German loading notice as a label, not a line that says more", () => {
  // A widget's or a search box's status while its results load ("Lade ...", "Lädt…").
  for (const label of ["Lade ...", "Lade…", "Lädt …", "Wird geladen..."]) {
    assert(UI_LABEL.test(label), label);
  }
  for (const line of ["Lade die Datei herunter", "Laden", "Lade-Infrastruktur"]) {
    assert(!UI_LABEL.test(line), line);
  }
});
