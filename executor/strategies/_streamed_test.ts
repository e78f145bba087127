import assert from "node:assert/strict";
import { findMainContent, parsePage } from "./auto.ts";
import { blockText } from "./_clean.ts";
import { placeStreamedSegments } from "./_streamed.ts";

const DESCRIPTION = "Un escritorio elevable de tablero estrecho, de 60 centímetros de fondo, " +
  "para habitaciones pequeñas: sube de 57 a 124 centímetros con dos motores silenciosos " +
  "y guarda cuatro alturas en su panel de control.";

/** A streamed shop page: the layout with two boundaries, their parts after the footer. */
const PAGE = `<html><body><main><h1>Escritorio elevable E-60</h1>` +
  `<p class="precio">349,00 €</p>` +
  `<table><tr><td>Ancho del tablero</td><td>120 centímetros, de melamina blanca</td></tr>` +
  `<tr><td>Fondo del tablero</td><td>60 centímetros, cantos redondeados</td></tr>` +
  `<tr><td>Altura</td><td>de 57 a 124 centímetros, con cuatro memorias</td></tr>` +
  `<tr><td>Carga máxima</td><td>100 kilogramos repartidos sobre el tablero</td></tr></table>` +
  `<!--$?--><template id="B:0"></template><p>Cargando...</p><!--/$-->` +
  `<!--$?--><template id="B:1"></template>Cargando...<!--/$-->` +
  `</main><footer>Tienda de muebles</footer>` +
  `<div hidden id="S:0"><section><h2>Descripción</h2><p>${DESCRIPTION}</p></section></div>` +
  `<script>$RC=function(b,c){};$RC("B:0","S:0")</script>` +
  `<div hidden id="S:1"><p>Gana 17 € en puntos con tu compra</p></div>` +
  `<script>$RC("B:1","S:1")</script></body></html>`;

Deno.test("placeStreamedSegments() puts a streamed part with prose in its place", () => {
  const document = parsePage(PAGE);
  assert.equal(placeStreamedSegments(document.body), 1);
  const main = document.querySelector("main")!;
  const text = main.textContent ?? "";
  assert.ok(text.includes("dos motores silenciosos"), text);
  assert.ok(!text.includes("Cargando"), "the fallbacks go, that of a part left hidden too");
  assert.ok(!text.includes("Gana 17"), "a part without prose stays hidden");
  assert.equal(document.getElementById("S:0")?.outerHTML, undefined);
  assert.ok(document.getElementById("S:1")?.hasAttribute("hidden"));
});

Deno.test("auto reads a product's description streamed after the footer", () => {
  const { root } = findMainContent(PAGE, "https://muebles.example/p/escritorio-e-60");
  const text = blockText(root!);
  assert.ok(text.includes("dos motores silenciosos"), text);
  assert.ok(!text.includes("Gana 17"), text);
});

Deno.test("placeStreamedSegments() fills a placeholder with its segment and skips missing ones", () => {
  const document = parsePage(
    `<html><body><div id="a"><template id="P:2"></template></div>` +
      `<div hidden id="S:2"><span>Patas de acero</span></div>` +
      `<script>$RS("S:2","P:2");$RC("B:9","S:9")</script></body></html>`,
  );
  assert.equal(placeStreamedSegments(document.body), 1);
  assert.equal(document.getElementById("a")?.textContent, "Patas de acero");
});
