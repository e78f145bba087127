import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { removeBoilerplate } from "./_boilerplate.ts";
import { dropIconGlyphs, isIllustration } from "./_decoration.ts";

function body(html: string): Element {
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  return document.body as unknown as Element;
}

/** A landing page's section beside a mock-up of the product: a board of sample tasks. */
function landingPage(): Element {
  const task = (n: number): string =>
    `<li><span>TAR-${n}</span> <p>Revisar la sincronización de rutas del vehículo número ${n} antes de la entrega semanal.</p></li>`;
  const board = Array.from({ length: 6 }, (_, i) => task(100 + i)).join("");
  return body(`<main><h1>Planifica los proyectos de tu equipo</h1>
    <section><h2>Un tablero para cada equipo</h2>
    <p>Organiza el trabajo en tableros que todo el equipo entiende de un vistazo y que se actualizan solos.</p>
    <p>Cada tarea lleva su responsable, su fecha y su estado, y el tablero avisa a quien corresponda cuando algo cambia o se retrasa.</p>
    <p>Los informes semanales se preparan sin esfuerzo: el tablero reúne lo hecho, lo pendiente y lo bloqueado, con los motivos de cada retraso.</p>
    <p>Puedes empezar con una plantilla o importar tus listas de tareas de otras herramientas en unos minutos, sin perder comentarios ni adjuntos.</p>
    <div class="section-illustration"><ul>${board}</ul></div></section>
    <section class="service-graphic-design"><h3>Diseño gráfico</h3>
    <p>Creamos la identidad visual de tu marca, del logotipo a la papelería.</p></section>
    </main>`);
}

Deno.test("removeBoilerplate() drops a mock-up drawn in HTML beside a landing page's section", () => {
  const page = landingPage();
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Un tablero para cada equipo"), text);
  assert.ok(text.includes("se actualizan solos"), text);
  assert.ok(!text.includes("TAR-105"), text);
  // A section with a heading is not an illustration, whatever its name says.
  assert.ok(text.includes("Creamos la identidad visual"), text);
});

Deno.test("isIllustration() takes a block named a picture that holds no heading", () => {
  const page = landingPage();
  assert.equal(isIllustration(page.querySelector(".section-illustration")!), true);
  assert.equal(isIllustration(page.querySelector(".service-graphic-design")!), false);
  const heading = body(`<h3 id="graphic-tools">Herramientas</h3>`).firstElementChild!;
  assert.equal(isIllustration(heading), false);
});

Deno.test("dropIconGlyphs() drops an icon font's letter, not an initial or a named icon's label", () => {
  const page = body(
    `<div class="blurb"><div class="blurb-image"><span class="et-pb-icon">Z</span></div>
    <h4>College Admissions Initial Consultation</h4></div>
    <div class="card"><span class="avatar">J</span><span class="icon-label">Sale</span>
    <span class="icon"><b>N</b></span></div>`,
  );
  assert.equal(dropIconGlyphs(page), 1);
  const text = page.textContent ?? "";
  assert.ok(!text.includes("Z"), text);
  assert.ok(text.includes("College Admissions"), text);
  // An initial in a box not named an icon, a word and a letter in a child element stay.
  assert.ok(text.includes("J") && text.includes("Sale") && text.includes("N"), text);
});
