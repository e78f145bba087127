import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import {
  desktopDisplays,
  desktopPositions,
  dropNarrowTwins,
  hiddenOnDesktop,
  markNarrowCopies,
  markPinned,
  NARROW_ATTR,
  PINNED_ATTR,
  pinnedOnDesktop,
} from "./_style_sheets.ts";
import { autoHtml } from "./_test_page.ts";

/**
 * A component library's rules, one hashed class per block: `.css-wide` shows from 62em
 * up, `.css-narrow` below 62em; `.css-closed` is hidden on every screen (a closed
 * panel's), and `.css-rand` only pads a block at some widths.
 */
const SHEET =
  `.css-wide{display:none;}@media screen and (min-width: 62em){.css-wide{display:block;}}
  .css-narrow{display:block;}@media screen and (min-width: 62em){.css-narrow{display:none;}}
  .css-closed{display:none}@media print{.css-closed{display:block}}
  @media (max-width:600px){.css-rand{padding:4px}} /* .css-hint{display:none} */`;

/** Whether an element of the given classes is hidden on a desktop by `css`. */
function hidden(css: string, classes: string): boolean {
  const { document } = parseHTML(`<html><body><div class="${classes}">x</div></body></html>`);
  const el = document.querySelector("div") as unknown as Element;
  return hiddenOnDesktop(el, desktopDisplays(css));
}

Deno.test("hiddenOnDesktop() reads what a width query hides on a desktop", () => {
  assert.equal(hidden(SHEET, "css-narrow"), true);
  assert.equal(hidden(SHEET, "css-wide"), false);
  // Hidden on every screen, or only padded by a width query: scripts show it.
  assert.equal(hidden(SHEET, "css-closed"), false);
  assert.equal(hidden(SHEET, "css-rand"), false);
  // The phone's rule comes last but does not apply on a desktop; an !important rule
  // outweighs a later one.
  const phone =
    `.m{display:none!important}@media (max-width:767px){.m{display:block}.d{display:none}}.m{display:flex}`;
  assert.equal(hidden(phone, "m"), true);
  assert.equal(hidden(phone, "d"), false);
});

Deno.test("hiddenOnDesktop() weighs an element's utility classes in the sheet's order", () => {
  const utilities = `.hidden{display:none}.block{display:block}
    @media (min-width:1024px){.lg\\:hidden{display:none}.lg\\:block{display:block}}
    @media (min-width:1280px){.xl\\:block{display:block}}`;
  assert.equal(hidden(utilities, "block lg:hidden"), true);
  assert.equal(hidden(utilities, "hidden lg:block"), false);
  assert.equal(hidden(utilities, "lg:hidden xl:block"), false);
});

/** A fire-pit shop's panel (in Spanish) written once per screen size, the phone's first. */
function shopPage(twin: boolean): string {
  const panel = (cls: string, extra: string): string =>
    `<div class="${cls}"><h3>Tranquilidad adicional</h3><p>Estos accesorios de protección
    mantienen la seguridad de tu familia en cada fuego${extra}.</p></div>`;
  return `<html><head><title>Accesorios</title><style>${SHEET}</style></head><body><main>
    <h1>Accesorios para fogatas</h1>
    <p>Todo lo que necesitas para disfrutar del fuego sin humo en tu jardín, en la playa o
    en el campo, con garantía de por vida y envío gratuito a todo el país.</p>
    <section>${panel("css-narrow", "")}${
    twin ? panel("css-wide", ", noche tras noche") : "<p>Sin copia al lado.</p>"
  }</section></main></body></html>`;
}

Deno.test("markNarrowCopies() and dropNarrowTwins() keep the wide screen's copy", () => {
  const { document } = parseHTML(shopPage(true));
  const body = document.body as unknown as Element;
  assert.equal(markNarrowCopies(document as unknown as Document, body), 1);
  assert.equal(body.querySelector(".css-narrow")?.hasAttribute(NARROW_ATTR), true);
  assert.equal(dropNarrowTwins(body), 1);
  assert.equal(body.querySelector(".css-narrow"), null);
  assert.notEqual(body.querySelector(".css-wide"), null);
});

Deno.test("dropNarrowTwins() keeps a narrow block with no twin beside it", () => {
  const { document } = parseHTML(shopPage(false));
  const body = document.body as unknown as Element;
  assert.equal(markNarrowCopies(document as unknown as Document, body), 1);
  assert.equal(dropNarrowTwins(body), 0);
  assert.equal(body.querySelectorAll(".css-narrow").length, 1);
});

Deno.test("auto shows a block the page writes once per screen size once", async () => {
  const { content } = await autoHtml(shopPage(true), "https://tienda.example/accesorios");
  assert.equal(content.split("Tranquilidad adicional").length - 1, 1);
  assert.match(content, /noche tras noche/);
});

Deno.test("desktopDisplays() reads past nested blocks and any case of the property", () => {
  // A query's block holding a nested one (`@supports`), a rule naming its property in
  // capitals, a rule setting no display, and a sheet cut off inside an open
  // block (read to its end, no further).
  const nested = `@media (min-width:1024px){@supports (display:grid){.g{display:grid}}
    .n{DISPLAY:None}.p{padding:0}}.after{display:none}@media (max-width:600px){.cut{display:none}`;
  const displays = desktopDisplays(nested);
  assert.equal(displays.get("n")?.value, "none");
  assert.equal(displays.get("n")?.responsive, true);
  assert.equal(displays.has("p"), false);
  assert.equal(displays.get("after")?.value, "none");
  assert.equal(displays.get("after")?.responsive, false);
  assert.equal(displays.get("g")?.value, "grid");
  assert.equal(displays.has("cut"), false);
});

Deno.test("markNarrowCopies() reads each element of a class list, not only the first", () => {
  // Three elements of one class list: a short one, a table's row, and a long one.
  const long = "Estos accesorios mantienen la seguridad de tu familia en cada fuego.";
  const { document } = parseHTML(
    `<html><head><style>${SHEET}</style></head><body><p class="css-narrow">Corto</p>
    <table><tr class="css-narrow"><td>${long}</td></tr></table>
    <p class="css-narrow">${long}</p></body></html>`,
  );
  const body = document.body as unknown as Element;
  assert.equal(markNarrowCopies(document as unknown as Document, body), 1);
  assert.equal(body.querySelectorAll(`p[${NARROW_ATTR}]`).length, 1);
  assert.equal(body.querySelector("p")?.hasAttribute(NARROW_ATTR), false);
});

/** Whether an element of the given classes and style is pinned on a desktop by `css`. */
function pinned(css: string, classes: string, style = ""): boolean {
  const { document } = parseHTML(
    `<html><body><div class="${classes}" style="${style}">x</div></body></html>`,
  );
  const el = document.querySelector("div") as unknown as Element;
  return pinnedOnDesktop(el, desktopPositions(css));
}

Deno.test("pinnedOnDesktop() reads the position a desktop screen gives", () => {
  const sheet = ".bar{position:fixed;bottom:0}.fixed{position:fixed}" +
    "@media (min-width:1024px){.lg\\:static{position:static}}" +
    ".card{background-position:fixed;position:relative}";
  assert.equal(pinned(sheet, "bar"), true);
  assert.equal(pinned(sheet, "note", "position: fixed; bottom: 0"), true);
  // Pinned on a narrow screen only (an off-canvas menu), or moved by its own style.
  assert.equal(pinned(sheet, "fixed lg:static"), false);
  assert.equal(pinned(sheet, "bar", "position:relative"), false);
  assert.equal(pinned(sheet, "card"), false);
  assert.equal(pinned(sheet, "card", "background-position: fixed"), false);
});

Deno.test("markPinned() marks the outermost pinned block that holds text", () => {
  const { document } = parseHTML(
    '<html><head><style>.bar{position:fixed}</style></head><body><div class="bar">' +
      '<div style="position:fixed">Alle akzeptieren</div></div>' +
      '<div style="position:fixed"><img src="/x.png"></div><p>Text</p></body></html>',
  );
  const body = document.body as unknown as Element;
  assert.equal(markPinned(document as unknown as Document, body), 1);
  assert.equal(body.querySelector(".bar")?.hasAttribute(PINNED_ATTR), true);
});
