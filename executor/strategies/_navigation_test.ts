import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { extractAuto, findMainContent } from "./auto.ts";
import {
  dropBareLinkRuns,
  dropBreadcrumbTrails,
  dropEmbedLabels,
  dropGuideContents,
  dropHeadingPermalinks,
  dropOrphanNoteCalls,
  dropOrphanTocLabels,
  dropPlaceholderLinks,
  dropPointerLines,
  dropRelationBars,
  dropSeparatedLinkRows,
  dropSkipLinks,
  dropSlotTokens,
  dropTablesOfContents,
  isLinkTree,
  isNamedMenu,
  TOC_ENTRY_ATTR,
} from "./_navigation.ts";
import { autoHtml } from "./_test_page.ts";
import { normalize } from "./_measure.ts";

function list(html: string): Element {
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  return document.body.firstElementChild as unknown as Element;
}

const link = (text: string): string => `<li><a href="/${text.length}">${text}</a></li>`;

/** A site's page tree: four sections of links, each with its pages. */
const TREE = `<ul class="hero-select__list">${
  ["Audit", "Tax", "Advisory", "Technology"].map((s) =>
    `<li><a href="/${s}">${s}</a><ul>${
      ["Reviews", "Compliance", "Planning"].map((p) => link(`${s} ${p}`)).join("")
    }</ul></li>`
  ).join("")
}</ul>`;

Deno.test("isLinkTree() tells a tree of links from a page's own lists", async (t) => {
  await t.step("a nested list that is all links is a tree", () => {
    assert.equal(isLinkTree(list(TREE)), true);
  });
  await t.step("a flat list of links is not a tree (a list of items)", () => {
    const flat = `<ul>${
      Array.from({ length: 12 }, (_, i) => link(`Item number ${i}`)).join("")
    }</ul>`;
    assert.equal(isLinkTree(list(flat)), false);
  });
  await t.step("a nested list that says something besides its links is the page's", () => {
    const steps = `<ol>${
      ["Install", "Configure", "Deploy"].map((s) =>
        `<li>${s} the service: follow these steps in order.<ul>${
          ["one", "two", "three"].map((x) =>
            `<li>Run the <a href="/${x}">${x}</a> command and wait for it to finish.</li>`
          ).join("")
        }</ul></li>`
      ).join("")
    }</ol>`;
    assert.equal(isLinkTree(list(steps)), false);
  });
  await t.step("a list of cards, each one link around its facts' list, is not a tree", () => {
    // A job board's list (WP Job Manager): each job is one link around its title, its
    // employer, its place and a list of its type and date.
    const jobs = `<ul class="job_listings">${
      [
        "Elektroniker",
        "Pflegefachkraft",
        "Buchhalter",
        "Erzieher",
        "Lagerist",
        "Koch",
        "Maler",
        "Gärtner",
      ]
        .map((j, i) =>
          `<li class="post-${30 + i} job_listing"><a href="/stellen/${i}/"><div class="position">` +
          `<h3>${j}</h3><div class="company"><strong>Hofmann GmbH</strong></div></div>` +
          `<div class="location">Freiburg</div><ul class="meta"><li class="job-type">Vollzeit</li>` +
          `<li class="date"><time datetime="2026-04-20">vor 2 Tagen</time></li></ul></a></li>`
        ).join("")
    }</ul>`;
    assert.equal(isLinkTree(list(jobs)), false);
  });
});

Deno.test("extractAuto() drops a page tree of links outside <nav> from a service page", async () => {
  const section = (h: string, p: string): string => `<section><h2>${h}</h2><p>${p}</p></section>`;
  const html = `<html><body><main>
    <div class="hero"><h1>Payroll consulting</h1>
    <p>Our consultants set up and run payroll for firms of ten to five hundred people.</p>
    <div class="hero-select">${TREE}</div></div>
    ${section("Setup", "We move your payroll from spreadsheets or another provider in one month.")}
    ${section("Running", "Each month we pay your staff, file the returns and send you one report.")}
    ${section("Audits", "Once a year we check every payslip against the law and your contracts.")}
    </main></body></html>`;
  const url = "https://consultancy.example/services/payroll/";
  const out = await extractAuto(
    {
      url,
      finalUrl: url,
      status: 200,
      contentType: "text/html",
      html,
      bytes: html.length,
    },
    {},
  );
  assert.ok(out.content.includes("set up and run payroll"), out.content);
  assert.ok(out.content.includes("file the returns"), out.content);
  assert.ok(!out.content.includes("Tax Compliance"), out.content);
  assert.ok(!out.content.includes("Advisory Planning"), out.content);
});

Deno.test("isNamedMenu() takes a side menu whose labels its scripts link, not a restaurant's menu", async (t) => {
  // A shop's drawer: each entry a label and its offer, the links filled in by a script.
  const entry = (label: string, offer: string): string =>
    `<li class="sidemenu-item"><span class="sidemenu-item-title">${label}</span>` +
    `<span class="sidemenu-item-flare">${offer}</span><ul class="sidemenu-submenu"></ul>` +
    `<a href="#" class="sidemenu-back">Zurück</a></li>`;
  const drawer = list(
    `<div class="sidemenu-container"><ul>${
      [
        entry("NEUHEITEN", "Jetzt entdecken"),
        entry("GELDBÖRSEN", "BIS ZU 40 % RABATT"),
        entry("KOFFER & TASCHEN", "BIS ZU 44 % RABATT"),
        entry("EHERINGE", "BIS ZU 32 % RABATT"),
      ].join("")
    }</ul></div>`,
  );
  await t.step("a side menu of unlinked labels", () => assert.equal(isNamedMenu(drawer), true));
  const dishes = list(
    `<div class="menu"><h2>Mittagskarte</h2><ul>` +
      `<li>Kürbissuppe mit Kernöl und geröstetem Brot, 6,50 €</li>` +
      `<li>Wiener Schnitzel vom Kalb mit Kartoffelsalat, 18,90 €</li>` +
      `<li>Apfelstrudel mit Vanillesauce, 5,80 €</li></ul></div>`,
  );
  await t.step("a restaurant's menu of dishes", () => assert.equal(isNamedMenu(dishes), false));
});

Deno.test("isNamedMenu() reads a menu name glued after its place: litemenu, mainmenu", async (t) => {
  const menu = (name: string): Element =>
    list(
      `<div id="${name}"><ul>${
        ["Artículos y análisis", "Archivo de noticias", "Foros", "Contacto"].map(link).join("")
      }</ul></div>`,
    );
  await t.step("a site's menu of links", () => {
    assert.equal(isNamedMenu(menu("litemenu")), true);
    assert.equal(isNamedMenu(menu("mainmenu2")), true);
  });
  const dishes = list(
    `<div class="lunchmenu"><h2>Menú del día</h2><ul>` +
      `<li>Gazpacho andaluz con pan tostado y aceite de oliva, 6,50 €</li>` +
      `<li>Merluza a la plancha con patatas panaderas, 14,90 €</li>` +
      `<li>Flan casero con nata, 4,80 €</li></ul></div>`,
  );
  await t.step("a restaurant's menu of dishes, whatever its name", () => {
    assert.equal(isNamedMenu(dishes), false);
  });
});

Deno.test("dropTablesOfContents() takes a page's table of contents with its label", () => {
  const { document } = parseHTML(
    "<html><body><main><h1>Einführung</h1>" +
      '<div class="box"><div>Inhaltsverzeichnis</div><nav><ul>' +
      '<li><a href="#ueber">Über diese Reihe</a></li><li><a href="#lernen">Was Sie lernen</a></li>' +
      "</ul></nav></div>" +
      '<details><summary>Inhalt</summary><div><div><a href="#ueber">1. Über</a></div>' +
      '<div><a href="#lernen">2. Lernen</a></div></div></details>' +
      '<h2 id="ueber">Über diese Reihe</h2><p>Sie installieren Docker und starten einen Container.</p>' +
      '<h2 id="lernen">Was Sie lernen</h2><p>Siehe <a href="#ueber">oben</a> und ' +
      '<a href="/weiter">die nächste Seite</a>.</p></main></body></html>',
  );
  const body = document.body as unknown as Element;
  assert.equal(dropTablesOfContents(body), 2);
  const text = body.textContent ?? "";
  for (const gone of ["Inhaltsverzeichnis", "Inhalt", "1. Über"]) {
    assert.ok(!text.includes(gone), `drops ${gone}`);
  }
  for (const kept of ["Einführung", "Sie installieren Docker", "die nächste Seite"]) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
  // The headings the contents led to are marked as the page's sections; the title is not.
  const marked = [...body.querySelectorAll(`[${TOC_ENTRY_ATTR}]`)].map((h) => h.id);
  assert.deepEqual(marked, ["ueber", "lernen"]);
});

Deno.test("dropGuideContents() takes the contents of a guide written over several pages", async (t) => {
  const here = "https://example.org/guia-de-jardineria";
  const chapter = (path: string, title: string): string =>
    `<a class="entrada" href="https://example.org${path}">${title}</a>`;
  const page = (contents: string): Element => {
    const { document } = parseHTML(
      '<html><body><main><div class="col">' + contents + "</div><article>" +
        "<h1>Introducción</h1><p>Un jardín empieza por la tierra: antes de plantar, " +
        "conviene saber qué suelo tiene y cuánta luz recibe.</p></article></main></body></html>",
    );
    return document.body as unknown as Element;
  };
  const guide = (label: string): string =>
    `<h4>${label}</h4>` + chapter("/guia-de-jardineria", "1. Introducción") +
    chapter("/guia-de-jardineria/suelos", "2. Suelos") +
    chapter("/guia-de-jardineria/riego", "3. Riego");
  await t.step("a label over links to this page and to its neighbours", () => {
    const body = page(guide("Table of Contents:"));
    assert.equal(dropGuideContents(body, here + "/"), 1);
    const text = body.textContent ?? "";
    assert.ok(!text.includes("Table of Contents") && !text.includes("2. Suelos"));
    assert.ok(text.includes("Un jardín empieza por la tierra"));
  });
  await t.step("a book's chapters, none of them this page", () => {
    const body = page(guide("Contents"));
    assert.equal(dropGuideContents(body, "https://example.org/otra-pagina"), 0);
    assert.ok((body.textContent ?? "").includes("2. Suelos"));
  });
  await t.step("links set in a sentence beside them", () => {
    const body = page(
      guide("Contents") +
        "<p>Cada capítulo trae ejercicios para hacer en casa.</p>",
    );
    assert.equal(dropGuideContents(body, here), 0);
  });
  await t.step("a page with no address", () => {
    assert.equal(dropGuideContents(page(guide("Contents"))), 0);
  });
});

Deno.test("dropTablesOfContents() leaves a row of picture cards that lead to the page's sections", () => {
  const card = (id: string, title: string): string =>
    `<li><a href="#${id}"><img src="/${id}.png" alt=""><div>${title}</div></a></li>`;
  const { document } = parseHTML(
    '<html><body><main><h1>Teléfono Nube 13</h1><div class="destacados"><ul>' +
      card("bateria", "Batería de silicio ultradelgada") +
      card("camara", "Cámara para retratos de estudio") + "</ul></div>" +
      '<h2 id="bateria">Batería</h2><p>Dos días de uso con una sola carga.</p>' +
      '<h2 id="camara">Cámara</h2><p>Tres lentes y un sensor grande.</p></main></body></html>',
  );
  const body = document.body as unknown as Element;
  assert.equal(dropTablesOfContents(body), 0);
  assert.ok((body.textContent ?? "").includes("Batería de silicio ultradelgada"));
});

Deno.test("findMainContent() takes a service page's table of contents, as an article's", () => {
  const section = (id: string, title: string, text: string): string =>
    `<section><h2 id="${id}">${title}</h2><p>${text}</p></section>`;
  const html = "<html><head><title>Curso de cadena de bloques</title></head><body><main>" +
    "<h1>Curso de cadena de bloques</h1>" +
    '<div class="indice"><ul><li><a href="#resumen">Resumen del curso</a></li>' +
    '<li><a href="#material">Material adicional</a></li>' +
    '<li><a href="#preguntas">Preguntas frecuentes</a></li></ul></div>' +
    section(
      "resumen",
      "Resumen del curso",
      "Aprenda los fundamentos de las cadenas de bloques empresariales en treinta lecciones " +
        "con ejercicios prácticos, casos reales y un examen final que certifica lo aprendido.",
    ) +
    section(
      "material",
      "Material adicional",
      "Cada alumno recibe guías descargables, plantillas de proyectos y acceso a las " +
        "grabaciones de todas las sesiones en directo durante un año completo.",
    ) +
    section(
      "preguntas",
      "Preguntas frecuentes",
      "El curso no exige conocimientos previos de programación; basta con saber usar una " +
        "hoja de cálculo y tener ganas de aprender algo nuevo cada semana.",
    ) + "</main></body></html>";
  const { root } = findMainContent(html, "https://ejemplo.es/curso", "service");
  // Each section's title once: its heading, not its entry in the contents as well.
  assert.equal((root?.textContent ?? "").split("Material adicional").length - 1, 1);
  assert.ok((root?.textContent ?? "").includes("guías descargables"));
});

Deno.test("dropTablesOfContents() takes a table of contents laid out in a table's cell", () => {
  // An old page lays its contents out as a table: one cell of links to its sections,
  // one to a line each (<br>), with no list around them.
  const { document } = parseHTML(
    "<html><body><main><h2>Przewodnik dla początkujących</h2>" +
      '<table width="100%"><tr><td><a href="#start">Uruchamianie i zatrzymywanie</a><br>' +
      '<a href="#pliki">Struktura pliku konfiguracji</a><br>' +
      '<a href="#proxy">Prosty serwer proxy</a><br></td></tr></table>' +
      "<p>Ten przewodnik opisuje kilka prostych zadań.</p>" +
      '<h2 id="start">Uruchamianie i zatrzymywanie</h2><p>Serwer uruchamia się poleceniem.</p>' +
      '<h2 id="pliki">Struktura pliku konfiguracji</h2><p>Plik składa się z dyrektyw.</p>' +
      '<h2 id="proxy">Prosty serwer proxy</h2><p>Serwer przekazuje żądania dalej.</p>' +
      '<table><tr><td>Polecenie uruchamia serwer</td><td><a href="#start">start</a> ' +
      '<a href="#pliki">pliki</a></td></tr><tr><td>Inne polecenie</td><td>-</td></tr>' +
      "</table></main></body></html>",
  );
  const body = document.body as unknown as Element;
  assert.equal(dropTablesOfContents(body), 1);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Prosty serwer proxyTen"), text);
  assert.equal(text.split("Struktura pliku konfiguracji").length, 2, text);
  // A table of data with links to the sections in a cell is no table of contents.
  assert.ok(text.includes("Polecenie uruchamia serwer"), text);
});

Deno.test("dropTablesOfContents() finds the headings a table of contents names with escapes kept in their ids", () => {
  // The template builds each id from its heading and keeps the escapes of the letters
  // it does not spell ("–" as %E2%80%93); one id has none to escape.
  const { document } = parseHTML(
    "<html><body><main><h1>Guía de la huerta</h1>" +
      '<div class="indice"><p class="titulo">Contenido:</p><nav><ul>' +
      '<li><a href="#Riego-%E2%80%93-cuando-y-cuanto">Riego – cuándo y cuánto</a></li>' +
      '<li><a href="#Poda-%E2%80%93-herramientas">Poda – herramientas</a></li>' +
      '<li><a href="#Cosecha">Cosecha</a></li></ul></nav></div>' +
      '<h2><span id="Riego-%E2%80%93-cuando-y-cuanto"></span>Riego – cuándo y cuánto</h2>' +
      "<p>Riegue temprano, cuando el sol aún no calienta la tierra.</p>" +
      '<h2><span id="Poda-%E2%80%93-herramientas"></span>Poda – herramientas</h2>' +
      "<p>Unas tijeras limpias evitan que las plantas enfermen.</p>" +
      '<h2 id="Cosecha">Cosecha</h2><p>Coseche por la mañana.</p></main></body></html>',
  );
  const body = document.body as unknown as Element;
  assert.equal(dropTablesOfContents(body), 1);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Contenido:"), "drops the label");
  assert.ok(!text.includes("cuántoPoda"), "drops the list");
  assert.ok(text.includes("Riegue temprano"), "keeps the text");
  assert.ok(text.includes("Poda – herramientas"), "keeps the headings");
});

Deno.test("dropTablesOfContents() takes a table of contents' label beside the toggle that folds it", () => {
  // The label's box holds a link that leads nowhere: the button that folds the list.
  const { document } = parseHTML(
    "<html><body><main><h1>Impianti idraulici</h1>" +
      '<div id="toc-box"><div class="toc-title"><p>Indice dei contenuti</p>' +
      '<a href="#" class="toc-toggle" aria-label="Apri o chiudi"><span style="display:none">Apri</span></a></div>' +
      '<nav><ul><li><a href="#tubi">I tubi</a></li><li><a href="#scarichi">Gli scarichi</a></li>' +
      "</ul></nav></div>" +
      '<h2 id="tubi">I tubi</h2><p>Il rame dura decenni, la plastica costa meno.</p>' +
      '<h2 id="scarichi">Gli scarichi</h2><p>Ogni scarico ha bisogno di un sifone.</p></main></body></html>',
  );
  const body = document.body as unknown as Element;
  assert.equal(dropTablesOfContents(body), 1);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Indice dei contenuti"), "drops the label");
  assert.ok(!text.includes("I tubiGli scarichi"), "drops the list");
  assert.ok(text.includes("Il rame dura decenni"), "keeps the text");
});

Deno.test("dropTablesOfContents() takes a table of contents whose headings get their ids from scripts", () => {
  // The page's scripts give the headings the ids the links name: the links name the
  // headings. A list whose links name no heading (an index of another page) stays.
  const { document } = parseHTML(
    "<html><body><main><h1>Tendenze per i ricevimenti</h1>" +
      '<section><h2 class="toc-label">Vai a:</h2><ul>' +
      '<li><a href="#menu-su-misura">Menù su misura</a></li>' +
      '<li><a href="#fiori-come-architettura">Fiori come architettura</a></li></ul></section>' +
      "<h2>Menù su misura</h2><p>Ogni invitato trova al suo posto un menù scritto a mano.</p>" +
      "<h2>Fiori come architettura</h2><p>I fiori salgono lungo archi e colonne.</p>" +
      '<ul><li><a href="#primo">Il primo capitolo</a></li><li><a href="#secondo">Il secondo</a></li></ul>' +
      "</main></body></html>",
  );
  const body = document.body as unknown as Element;
  assert.equal(dropTablesOfContents(body), 1);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Vai a:"), "drops the label");
  assert.ok(!text.includes("Menù su misuraFiori"), "drops the list");
  assert.ok(text.includes("I fiori salgono"), "keeps the text");
  assert.ok(text.includes("Menù su misura"), "keeps the headings");
  assert.ok(text.includes("Il primo capitolo"), "keeps a list that names no heading");
});

Deno.test("dropRelationBars() drops the links to a manual's neighbouring pages", () => {
  const { document } = parseHTML(
    '<html><body><main><div class="kopf"><table><tr><th colspan="3">SELECT</th></tr><tr>' +
      '<td><a accesskey="p" href="grant.html">Zurück</a></td>' +
      '<td><a accesskey="u" href="befehle.html">Nach oben</a></td>' +
      '<td><a accesskey="n" href="insert.html">Weiter</a></td></tr></table></div>' +
      "<h1>SELECT</h1><p>SELECT liest Zeilen aus einer Tabelle; siehe " +
      '<a rel="next" href="insert.html">INSERT</a> für das Schreiben.</p>' +
      '<div class="fuss"><a rel="next" href="insert.html"><div><span>Weiter</span>' +
      "<h3>INSERT</h3><p>Zeilen in eine Tabelle schreiben</p></div></a></div>" +
      "</main></body></html>",
  );
  const body = document.body as unknown as Element;
  assert.equal(dropRelationBars(body), 2);
  const text = body.textContent ?? "";
  for (const gone of ["Zurück", "Nach oben", "Weiter", "Zeilen in eine Tabelle schreiben"]) {
    assert.ok(!text.includes(gone), `drops ${gone}`);
  }
  assert.ok(text.includes("siehe INSERT für das Schreiben"), "keeps a link inside a sentence");
  assert.ok(text.includes("SELECT liest Zeilen"), "keeps the page's text");
});

Deno.test("an article's table of contents goes with its label, links by the page's address", () => {
  const url = "https://cocina.example/blog/pan-de-masa-madre";
  const para = (s: string) =>
    `<p>${s} La masa necesita tiempo, calor y paciencia; cada paso cuenta para el resultado final del pan.</p>`;
  const html =
    "<html><head><title>Pan de masa madre</title></head><body><header><a href='/'>Inicio</a></header>" +
    "<main><article><h1>Pan de masa madre</h1>" +
    '<div class="indice"><p class="conmutador">Índice de contenidos</p><ol style="display: none">' +
    '<li><a href="/blog/pan-de-masa-madre#ingredientes">Los ingredientes</a></li>' +
    '<li><a href="/blog/pan-de-masa-madre#amasado">El amasado</a></li>' +
    '<li><a href="https://cocina.example/blog/pan-de-masa-madre#horneado">El horneado</a></li></ol></div>' +
    `<h2 id="ingredientes">Los ingredientes</h2>${para("Harina, agua y sal.")}${
      para("Una masa madre activa.")
    }` +
    `<h2 id="amasado">El amasado</h2>${para("Amase diez minutos.")}${
      para("Deje reposar la masa.")
    }` +
    `<h2 id="horneado">El horneado</h2>${para("Horno a 250 grados.")}${
      para("Vea <a href='/blog/otra-receta#horno'>otra receta</a>.")
    }` +
    "</article></main><footer><p>Cocina Ejemplo</p></footer></body></html>";
  const { root } = findMainContent(html, url, "article");
  const text = root?.textContent ?? "";
  assert.ok(!text.includes("Índice de contenidos"), "drops the label");
  assert.ok(!text.includes("El amasadoEl horneado"), "drops the list");
  assert.ok(text.includes("Harina, agua y sal."), "keeps the text");
  assert.ok(text.includes("otra receta"), "keeps a link to another page");
});

Deno.test("an article keeps a heading whose permalink leads to an empty anchor beside it", async () => {
  // Each heading holds its own anchor, an empty <a id>, then the link to it: the link
  // points back up the page, to an element before it, but inside its own heading.
  const section = (id: string, title: string, text: string): string =>
    `<h2 class="titel"><a id="${id}"></a><a href="#${id}"><span>${title}</span><img alt="teilen" src="/teilen.svg"></a></h2><p>${text}</p>`;
  const html = `<html><body><header><a href="/">Start</a></header><main><article>
    <h1>Der Garten im Winter</h1>
    <p>Im Winter ruht der Garten, doch wer ihn im Herbst richtig vorbereitet, erntet im Frühjahr früher und mehr als die Nachbarn.</p>
    ${
    section(
      "boden",
      "Den Boden schützen",
      "Eine Schicht aus Laub und Stroh hält den Boden feucht und warm, und die Würmer arbeiten den ganzen Winter unter ihr weiter.",
    )
  }
    ${
    section(
      "pflanzen",
      "Empfindliche Pflanzen einpacken",
      "Rosen und junge Obstbäume bekommen einen Mantel aus Vlies, der Luft durchlässt und den Frost der klaren Nächte abhält.",
    )
  }
    <p><a href="#boden">Nach oben</a></p>
    </article></main></body></html>`;
  const { content } = await autoHtml(html, "https://garten.example/winter");
  assert.ok(content.includes("Den Boden schützen"), content);
  assert.ok(content.includes("Empfindliche Pflanzen einpacken"), content);
  // A link back up the page alone in its block still goes.
  assert.ok(!content.includes("Nach oben"), content);
});

Deno.test("auto drops the link that opens a product page by jumping to its text", () => {
  const html = `<html><head><title>Silla de oficina Lince | Tienda</title></head><body>
    <main><a href="#bd">Saltar al contenido principal</a><span id="bd"></span>
    <h1>Silla de oficina Lince</h1>
    <p>Respaldo de malla transpirable, reposabrazos regulables en altura y ruedas que no
      rayan el parquet; el asiento baja hasta 42 centímetros.</p>
    <p>Se entrega montada en dos piezas y se termina de armar en diez minutos.</p>
    </main></body></html>`;
  const mc = findMainContent(html, "https://tienda.example/silla-lince", "product");
  const text = mc.root?.textContent ?? "";
  assert.ok(text.includes("Respaldo de malla"), text);
  assert.ok(!text.includes("Saltar al contenido"), text);
});

Deno.test("dropSlotTokens() drops a template's unfilled slot or shortcode, not a bracketed word", () => {
  const { document } = parseHTML(
    `<html><body><main><p>Event yoga typically costs between $200 and $250 per hour.</p>` +
      `<p>[CTA_MODULE]</p>` +
      `<p>[button link=”/submit-review/” type=”big”] Send us YOUR review[/button]</p>` +
      `<p>[quote=Ann]Hire a teacher with a first-aid certificate.[/quote]</p>` +
      `<p>[sic]</p><p>[Unit]</p>` +
      `<p>Put the option under [Service] as the manual says, then restart the unit.</p>` +
      `<pre><code>[BUILD_OPTIONS]</code></pre>` +
      `</main></body></html>`,
  );
  const main = document.querySelector("main") as unknown as Element;
  assert.equal(dropSlotTokens(main), 2);
  const text = main.textContent ?? "";
  assert.ok(!text.includes("CTA_MODULE") && !text.includes("YOUR review"), text);
  // Lower case, no underscore, a token in a sentence or in code, BBCode: the text's own.
  for (const kept of ["[sic]", "[Unit]", "under [Service]", "[BUILD_OPTIONS]", "first-aid"]) {
    assert.ok(text.includes(kept), `${kept}: ${text}`);
  }
});

Deno.test("dropEmbedLabels() drops a frame's one-word label, not a caption or a sentence", () => {
  const frame = '<iframe src="https://video.example/embed/x1" title="Video player"></iframe>';
  const { document } = parseHTML(
    `<html><body><main><p>The carrier explains its claims process in this video.</p>` +
      `<p>EMBED:${frame}</p>` +
      `<p><strong>Video:</strong> ${frame}</p>` +
      `<p>Watch the interview: ${frame}</p>` +
      `<p>Note:</p><p>The rates below are for 2025.</p>` +
      `</main></body></html>`,
  );
  const main = document.querySelector("main") as unknown as Element;
  assert.equal(dropEmbedLabels(main), 2);
  const text = main.textContent ?? "";
  assert.ok(!text.includes("EMBED:") && !text.includes("Video:"), text);
  // The frames stay for the scorer to judge.
  assert.equal(main.querySelectorAll("iframe").length, 3);
  // A label of several words, or one over a paragraph without a frame, stays.
  for (const kept of ["Watch the interview:", "Note:", "The carrier explains"]) {
    assert.ok(text.includes(kept), `${kept}: ${text}`);
  }
});

Deno.test("dropOrphanTocLabels() drops a contents label over nothing, not one over its table", () => {
  const prose = "<p>When it comes to improving your home, one of the first questions is cost, " +
    "and the answer depends on the room.</p>";
  const { document } = parseHTML(
    `<html><body><main>` +
      // The narrow screen's copy of the label; its table went with the side column.
      `<div class="toc-head mobile"><h3>Table of Content</h3></div>` +
      `<div class="body">${prose}</div>` +
      // A label over its table stays (the chrome pass judges the table).
      `<div class="toc-head"><h3>Contents</h3></div>` +
      `<div class="toc"><ul><li><a href="#costs">Costs</a></li><li><a href="#rooms">Rooms</a>` +
      `</li></ul></div>` +
      // So does a book's, over its chapters and their pages.
      `<div><strong>Table Of Content</strong></div>` +
      `<div>Illusions of Nature 3</div><div>Knowledge Extinction 16</div>` +
      // A heading of the text's own, over a sentence that introduces the table, stays.
      `<section><h2>Table of Contents</h2><p>This article is long; pick a section below.</p>` +
      `</section>` +
      `</main></body></html>`,
  );
  const main = document.querySelector("main") as unknown as Element;
  assert.equal(dropOrphanTocLabels(main), 1);
  const text = main.textContent ?? "";
  assert.equal(main.querySelectorAll(".mobile").length, 0, text);
  for (const kept of ["Contents", "Table Of Content", "Table of Contents", "improving your"]) {
    assert.ok(text.includes(kept), `${kept}: ${text}`);
  }
});

Deno.test("dropOrphanTocLabels() reads the labels other languages set over a table", () => {
  const prose = "<p>Wer seine Wohnung renovieren will, fragt zuerst nach den Kosten, und die " +
    "Antwort hängt vom Raum ab.</p>";
  for (
    const label of [
      "Auf dieser Seite",
      "Sur cette page",
      "In questo articolo",
      "Nesta página",
      "Оглавление",
      "İçindekiler",
      "جدول المحتويات",
      "목차",
      "文章目录",
    ]
  ) {
    const { document } = parseHTML(
      `<html><body><main><div class="toc-head"><span>${label}</span></div>` +
        `<div class="body">${prose}</div></main></body></html>`,
    );
    const main = document.querySelector("main") as unknown as Element;
    assert.equal(dropOrphanTocLabels(main), 1, label);
    assert.ok(!(main.textContent ?? "").includes(label), label);
  }
});

Deno.test("dropPlaceholderLinks() drops a bare path on its own line, not a path in a sentence", () => {
  const { document } = parseHTML(
    `<html><body><main><p>Los ficheros de registro se guardan durante treinta días y después ` +
      `se comprimen. La ruta <a href="/docs/registros/rotacion">/docs/registros/rotacion</a> ` +
      `explica cómo cambiarlo.</p>` +
      `<div class="fragmento"><div><a href="/es/blog/fragmentos/aviso-legal">` +
      `/es/blog/fragmentos/aviso-legal</a></div></div>` +
      `<p><a href="https://ejemplo.org/docs/guia">https://ejemplo.org/docs/guia</a></p>` +
      `<p><a href="/es/blog/otra-entrada">Otra entrada del blog</a></p>` +
      `</main></body></html>`,
  );
  const main = document.querySelector("main") as unknown as Element;
  assert.equal(dropPlaceholderLinks(main), 1);
  const text = main.textContent ?? "";
  assert.ok(!text.includes("aviso-legal"), text);
  assert.equal(main.querySelector(".fragmento"), null);
  // A path a sentence names, a full address written out and a link with words stay.
  for (
    const kept of ["/docs/registros/rotacion", "https://ejemplo.org/docs/guia", "Otra entrada"]
  ) {
    assert.ok(text.includes(kept), `${kept}: ${text}`);
  }
});

Deno.test("dropSkipLinks() keeps a heading's permalink and a post's own number", () => {
  const { document } = parseHTML(
    `<html><body><div id="inhalt"><h2 id="aufbau"><a href="#aufbau">Aufbau</a></h2>` +
      `<p>Die Schrauben zuerst nur lose eindrehen und erst am Ende fest anziehen, damit ` +
      `sich das Gestell ausrichten lässt. Danach die Platte auflegen und mit den vier ` +
      `kurzen Schrauben von unten befestigen.</p></div>` +
      `<article id="beitrag-7"><a href="#beitrag-7">#1</a><p>Bei mir hat der Aufbau ` +
      `zwanzig Minuten gedauert, die Anleitung ist gut bebildert und die Teile sind ` +
      `nummeriert, sodass man nichts verwechseln kann. Nur der Inbusschlüssel war etwas ` +
      `klein geraten.</p></article></body></html>`,
  );
  const inhalt = document.getElementById("inhalt") as unknown as Element;
  assert.equal(dropSkipLinks(inhalt), 0);
  const beitrag = document.getElementById("beitrag-7") as unknown as Element;
  assert.equal(dropSkipLinks(beitrag), 0);
  const page = parseHTML(
    `<html><body><div id="oben"><a href="#inhalt">Zum Inhalt springen</a>` +
      `<p>Die Schrauben zuerst nur lose eindrehen.</p></div><div id="inhalt">` +
      `<p>${"Die Platte mit den vier kurzen Schrauben von unten befestigen. ".repeat(5)}</p>` +
      `</div></body></html>`,
  ).document;
  const oben = page.getElementById("oben") as unknown as Element;
  assert.equal(dropSkipLinks(oben), 1);
  assert.ok(!(oben.textContent ?? "").includes("Zum Inhalt"));
});

Deno.test("dropSkipLinks() finds a skip link's target in a root detached from the page", () => {
  // A Dutch list article whose opening line jumps to the list, further down the text; the
  // scorer hands back its blocks taken out of the page.
  const { document } = parseHTML(
    `<html><body><div id="artikel"><p><a href="#lijst">Naar de lijst</a></p>` +
      `<p>Verhuizen in Utrecht is een avontuur, soms welkom en vaak lastig.</p>` +
      `<div id="lijst"><p>${"Vergelijk drie verhuizers voordat u tekent. ".repeat(6)}</p>` +
      `</div></div></body></html>`,
  );
  const artikel = document.getElementById("artikel") as unknown as Element;
  artikel.remove();
  assert.equal(dropSkipLinks(artikel), 1);
  assert.ok(!(artikel.textContent ?? "").includes("Naar de lijst"));
});

Deno.test("dropSkipLinks() drops the menu of skip links that opens a page, under its title", () => {
  // A Polish shop's page opens with a <nav> titled "Przejdź do" over its skip link and a
  // list of keyboard shortcuts (links to scripts); a script comes first in the body.
  const shortcuts = ["Szukaj", "Koszyk", "Strona główna"].map((k) =>
    `<li><a href="javascript:void(0)"><span>${k}</span><span>shift + alt</span></a></li>`
  ).join("");
  const page = (nav: string): Element =>
    parseHTML(
      `<html><body><script>window.t = 1;</script>${nav}` +
        `<div id="menu"><a href="/dzial/ogrod">Ogród i taras</a></div>` +
        `<a id="pominiete"></a><div id="towary"><p>${
          "Konewka ocynkowana dziesięć litrów, 39,99 zł. ".repeat(6)
        }</p></div></body></html>`,
    ).document.body as unknown as Element;
  const skipNav = `<nav aria-label="Skróty"><h2>Przejdź do</h2><ul><li>` +
    `<a href="#pominiete">Główna treść</a></li></ul><h2>Skróty klawiszowe</h2>` +
    `<ul>${shortcuts}</ul></nav>`;
  const body = page(skipNav);
  assert.equal(dropSkipLinks(body), 1);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Przejdź do") && !text.includes("Skróty klawiszowe"), text);
  assert.ok(text.includes("Ogród i taras") && text.includes("Konewka"), text);
  // A menu that also leads to another page is the site's, and stays.
  const menu = page(
    skipNav.replace("</ul></nav>", `<li><a href="/pomoc">Pomoc</a></li></ul></nav>`),
  );
  assert.equal(dropSkipLinks(menu), 0);
  assert.ok((menu.textContent ?? "").includes("Przejdź do"));
  // So does a table of contents whose first link leads to a heading.
  const toc = page(
    `<nav><h2>Spis treści</h2><ul><li><a href="#podlewanie">Podlewanie</a></li>` +
      `</ul></nav><h2 id="podlewanie">Podlewanie</h2>`,
  );
  assert.equal(dropSkipLinks(toc), 0);
});

Deno.test("dropSkipLinks() drops a skip link for screen readers set further on", () => {
  // A Swedish shop's page of boots: past its heading and count, a link only screen readers
  // see until a keyboard reaches it jumps over the filters to the results.
  const page = (cls: string): Element =>
    parseHTML(
      `<html><body><div id="sida"><h1>Vandringskängor</h1><p>Vi har 48 modeller.</p>` +
        `<a class="${cls}" href="#resultat">Hoppa till sökresultaten</a>` +
        `<div><label>Storlek</label><label>Färg</label></div><div id="resultat"><p>${
          "Känga i nubuck med Gore-Tex, 1 899 kr. ".repeat(8)
        }</p></div></div></body></html>`,
    ).document.getElementById("sida") as unknown as Element;
  const hidden = page("sr-only sr-only-focusable");
  assert.equal(dropSkipLinks(hidden), 1);
  const text = hidden.textContent ?? "";
  assert.ok(!text.includes("Hoppa till") && text.includes("Vi har 48 modeller"), text);
  // A link the page shows to every reader ("jump to the results" in a line of its text)
  // is not the screen reader's way past the page.
  const shown = page("lank");
  assert.equal(dropSkipLinks(shown), 0);
  assert.ok((shown.textContent ?? "").includes("Hoppa till"));
});

Deno.test("auto drops a section's link back to the page's tabs, set among its blocks", () => {
  const html = `<html><head><title>Kolomboormachine Reiger | Winkel</title></head><body>
    <header><a href="/">Winkel</a></header>
    <main><h1>Kolomboormachine Reiger</h1>
    <nav class="tabs"><a href="#omschrijving" id="tabOmschrijving">Omschrijving</a>
      <a href="#specs" id="tabSpecs">Specificaties</a></nav>
    <section id="omschrijving">
      <a href="#tabOmschrijving" tabindex="-1">Terug naar navigatie</a>
      <h2>Omschrijving</h2>
      <p>Een zware kolomboormachine met een gietijzeren voet en een tafel die kantelt tot
        45 graden; de motor van 750 watt boort tot 20 millimeter in staal.</p>
      <p>De diepte-aanslag staat op een schaal in millimeters (zie <a href="#tabSpecs">boven</a>
        voor de maten) en de snelheid kiest u met een riem in twaalf standen.</p>
    </section>
    <section id="specs">
      <a href="#tabSpecs" tabindex="-1">Terug naar navigatie</a>
      <h2>Specificaties</h2>
      <table><tr><th>Vermogen</th><td>750 W</td></tr><tr><th>Gewicht</th><td>68 kg</td></tr>
      <tr><th>Boordiepte</th><td>80 mm</td></tr></table>
    </section></main>
    <footer>Winkel B.V.</footer></body></html>`;
  const mc = findMainContent(html, "https://winkel.example/reiger", "product");
  const text = mc.root?.textContent ?? "";
  assert.ok(text.includes("gietijzeren voet"), text);
  assert.ok(text.includes("Boordiepte"), text);
  assert.ok(!text.includes("Terug naar navigatie"), text);
  // A link back up the page inside a line of text is part of that line.
  assert.ok(/zie\s+boven/.test(text), text);
});

Deno.test("auto drops a listing's rows of links written with separators", () => {
  const story = (n: number, title: string): string =>
    `<article><h3><a href="/notizie/${n}">${title}</a></h3>` +
    `<div class="info">7 marzo - <a href="/sezione/cultura">Cultura</a> | ` +
    `<a href="/autore/rossi">Anna Rossi</a> | <a href="/notizie/${n}#commenti">4 commenti</a></div>` +
    `<p>Un breve riassunto della notizia, scritto dalla redazione per i lettori del sito.</p></article>`;
  const html = `<html><head><title>Notizie | Il Portico</title></head><body>
    <div class="testa"><b><a href="/">Il Portico</a></b><a href="/nuove">nuove</a> |
      <a href="/passate">passate</a> | <a href="/commenti">commenti</a> |
      <a href="/invia">invia</a></div>
    <div class="briciole"><a href="/">Home</a> / <a href="/notizie">Notizie</a> /
      <a href="/notizie/cultura">Cultura</a></div>
    <main><h1>Notizie</h1>
    ${story(1, "Riapre il teatro comunale dopo i lavori")}
    ${story(2, "La biblioteca allunga gli orari d'estate")}
    ${story(3, "Un nuovo mercato contadino in piazza")}
    <h3><a href="/archivio">Ultimi 30 giorni</a> · <a href="/rubriche">Rubriche</a> ·
      <a href="/archivio/anni">Archivio</a> · <a href="/rss">RSS</a></h3>
    ${story(4, "Il festival del cinema annuncia il programma")}
    <p><span>Tag:</span> <a href="/tag/teatro">teatro</a> | <a href="/tag/musica">musica</a> |
      <a href="/tag/libri">libri</a></p>
    </main>
    <center><span class="piede"><a href="/regole">Regole</a> | <a href="/faq">FAQ</a> |
      <a href="/contatti">Contatti</a></span></center></body></html>`;
  const { document } = parseHTML(html);
  const body = document.body as unknown as Element;
  // The header bar (after the site's name), the row of "more" links and the footer's bar.
  assert.equal(dropSeparatedLinkRows(body), 3);
  const text = body.textContent ?? "";
  for (const gone of ["passate", "Ultimi 30 giorni", "Contatti"]) {
    assert.ok(!text.includes(gone), `drops ${gone}`);
  }
  // A story's line (a date before its links), a trail written with slashes and a line of
  // tags under its label stay.
  for (const kept of ["Anna Rossi", "Notizie /", "musica"]) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
  const mc = findMainContent(html, "https://portico.example/notizie", "listing");
  const content = mc.root?.textContent ?? "";
  assert.ok(content.includes("Riapre il teatro comunale"), content);
  assert.ok(!content.includes("Ultimi 30 giorni"), content);
});

Deno.test("dropBreadcrumbTrails() takes a trail written as a list that ends on the page's name", () => {
  // Its separators are drawn by its styles; its class names say nothing.
  const { document } = parseHTML(`<html><body><main>
    <h1>Análisis de datos para tiendas</h1>
    <ul class="c3k1x"><li><a href="/">Inicio</a></li><li><a href="/soluciones">Soluciones</a></li>
      <li>Análisis de datos</li></ul>
    <p>Medimos lo que importa para que cada campaña rinda más que la anterior.</p>
    <ul><li><a href="/blog/1">Cómo medir</a></li><li><a href="/blog/2">Qué medir</a></li>
      <li>Y muchos más</li></ul>
    <ol><li><a href="/paso/1">Conecta tu tienda</a></li><li><a href="/paso/2">Elige tus datos</a></li>
      <li><a href="/tiendas">Análisis de datos</a></li></ol>
  </main></body></html>`);
  const root = document.querySelector("main") as unknown as Element;
  assert.equal(dropBreadcrumbTrails(root, "Análisis de datos | Punto Azul"), 1);
  const text = root.textContent ?? "";
  assert.ok(!text.includes("Soluciones"), text);
  // A list whose unlinked item names no page, and one whose last item is linked, stay.
  for (const kept of ["Y muchos más", "Elige tus datos", "Medimos lo que importa"]) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
  // Without the page's title nothing tells the trail.
  const { document: again } = parseHTML(`<html><body><main><ul><li><a href="/">Inicio</a></li>
    <li><a href="/s">Soluciones</a></li><li>Análisis de datos</li></ul></main></body></html>`);
  assert.equal(dropBreadcrumbTrails(again.querySelector("main") as unknown as Element), 0);
});

Deno.test("dropBreadcrumbTrails() takes trails of linked steps with arrows, not sentences", () => {
  const { document } = parseHTML(`<html><body><main>
    <p><a href="/artigos"><span>Artigos</span></a> &gt; <a href="/artigos#carreiras">Carreiras</a>
      &gt; Consultor de seguros ou consultor de estratégia</p>
    <h1>Consultor de seguros ou consultor de estratégia</h1>
    <div id="caminho"><a href="/">início</a> » <a href="/software">software</a> »
      <a href="/software/notas">notas</a><hr></div>
    <p>Para mudar o idioma, abra <a href="/ajuda/conta">Conta</a> &gt; <a href="/ajuda/idioma">Idioma</a>
      e escolha o seu.</p>
    <p>Veja também <a href="/a">a primeira parte</a> › <a href="/b">a segunda</a>.</p>
    <div><a href="/">Início</a> / <a href="/artigos">Artigos</a></div>
    <pre><code><span><a href="/tipos/fluxo">Fluxo</a> &gt; <a href="/tipos/destino">Destino</a></span></code></pre>
    <p>O salário médio de um consultor de estratégia é maior, mas as horas também.</p>
  </main></body></html>`);
  const root = document.querySelector("main") as unknown as Element;
  // The trail closed by the page's name, and the one of links alone.
  assert.equal(dropBreadcrumbTrails(root), 2);
  const text = root.textContent ?? "";
  for (const gone of ["Carreiras", "software"]) assert.ok(!text.includes(gone), `drops ${gone}`);
  // Steps named in a sentence, words before the first step, a trail with slashes and
  // linked names in code stay.
  for (const kept of ["Idioma", "a segunda", "Início /", "Consultor de seguros ou", "Destino"]) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
});

Deno.test("dropPointerLines() takes labelled links to other pages, not a list's facts", () => {
  const { document } = parseHTML(`<html><body><article>
    <p>As roseiras pedem uma poda leve no fim do inverno, antes de os botões incharem.</p>
    <p>Leia também: <a href="/jardim/podar-roseiras">Como podar roseiras no inverno</a></p>
    <p>Corte sempre acima de um olho virado para fora, com a tesoura bem afiada.</p>
    <h5>Relacionado: <a href="/jardim/adubo">O melhor adubo para flores de vaso</a></h5>
    <p>Veja <a href="/jardim/guia">o guia completo de poda</a> para mais ideias.</p>
    <p>Fonte: <a href="https://instituto.example/relatorio">Relatório anual sobre roseiras em Portugal</a></p>
    <figure><img src="/rosa.jpg"><p>Fonte: <a href="/instituto">Instituto Agrário</a></p></figure>
    <div>
      <p><b>Preço:</b> gratuito para uso pessoal</p>
      <p><b>Site:</b> <a href="https://exemplo.pt/">https://exemplo.pt/</a></p>
      <p><b>Exemplo de uso:</b> <a href="/blog/terraform">Como gerir o GitHub com Terraform</a></p>
    </div>
  </article></body></html>`);
  const root = document.querySelector("article") as unknown as Element;
  assert.equal(dropPointerLines(root, "https://www.jardim.example/jardim/inverno"), 2);
  const text = root.textContent ?? "";
  for (const gone of ["Leia também", "Relacionado"]) {
    assert.ok(!text.includes(gone), `drops ${gone}`);
  }
  // A link inside a sentence, another site's page and a short name under their labels,
  // and a list's facts stay.
  const kept = ["guia completo", "Relatório anual", "Instituto Agrário", "gerir o GitHub", "Preço"];
  for (const line of kept) assert.ok(text.includes(line), `keeps ${line}`);
});

Deno.test("dropPointerLines() reads a title's words in a script that does not space them", () => {
  // A Chinese or Japanese title is one token between spaces; it is still a title of many
  // words, not an address. A label that is a long sentence before a colon is no label.
  const { document } = parseHTML(`<html><body><article>
    <p>玫瑰在冬末需要轻度修剪，最好在花芽膨大之前完成，这样春天会开得更好。</p>
    <p>相关阅读：<a href="/garden/prune-roses">冬季如何正确修剪玫瑰</a></p>
    <p>関連記事：<a href="/garden/fertilizer">鉢植えの花に最適な肥料の選び方</a></p>
    <p>修剪时一定要在朝外的芽点上方下剪，并且使用锋利的剪刀，这是园艺师们最常给出的建议：<a href="/garden/guide">完整的修剪指南</a></p>
  </article></body></html>`);
  const root = document.querySelector("article") as unknown as Element;
  assert.equal(dropPointerLines(root, "https://garden.example/garden/winter"), 2);
  const text = root.textContent ?? "";
  for (const gone of ["相关阅读", "関連記事"]) assert.ok(!text.includes(gone), `drops ${gone}`);
  assert.ok(text.includes("完整的修剪指南"), text);
});

Deno.test("dropOrphanNoteCalls() takes the calls of notes an article's text no longer holds", async (t) => {
  const call = (n: number, attrs = ""): string =>
    `<sup id="fnref:${n}"><a class="footnote-ref" href="#fn:${n}"${attrs}>${n}</a></sup>`;
  await t.step("a call in a <sup> or named as a note's call goes when its note is gone", () => {
    const root = list(`<div>
      <p>Der Teig ruht über Nacht im Kühlschrank${call(1)} und wird morgens geformt.</p>
      <p>Die Kruste wird dunkel<sup><a href="#anm-2">[2]</a></sup>, das Innere bleibt feucht.</p>
      <p>Ein Laib wiegt etwa ein Kilo<a role="doc-noteref" href="#anm-3">*</a>.</p>
    </div>`);
    assert.equal(dropOrphanNoteCalls(root), 3);
    assert.equal(
      normalize(root.textContent ?? ""),
      normalize(`Der Teig ruht über Nacht im Kühlschrank und wird morgens geformt.
        Die Kruste wird dunkel, das Innere bleibt feucht. Ein Laib wiegt etwa ein Kilo.`),
    );
  });
  await t.step("a call whose note is in the text stays", () => {
    const root = list(`<div>
      <p>Der Teig ruht über Nacht im Kühlschrank${call(1)}.</p>
      <ol class="footnotes"><li id="fn:1">Bei vier Grad.</li></ol>
    </div>`);
    assert.equal(dropOrphanNoteCalls(root), 0);
  });
  await t.step("a call named as one that writes the page's address before its anchor goes", () => {
    const root = list(`<div>
      <p>Der Teig ruht über Nacht<span><a class="footnote-anchor" id="footnote-anchor-1"
        href="https://example.com/p/brot#footnote-1">1</a></span> im Kühlschrank.</p>
      <p>Ein Laib wiegt etwa ein Kilo<sup><a href="https://example.org/masse#kilo">2</a></sup>.</p>
    </div>`);
    assert.equal(dropOrphanNoteCalls(root), 1);
    assert.equal(
      normalize(root.textContent ?? ""),
      normalize("Der Teig ruht über Nacht im Kühlschrank. Ein Laib wiegt etwa ein Kilo2."),
    );
  });
  await t.step("an exponent, a plain link and a long link in a <sup> stay", () => {
    const root = list(`<div>
      <p>Die Backstube misst 40 m<sup>2</sup>, siehe <a href="#ofen">3</a>.</p>
      <p>Mehr dazu<sup><a href="#rezept">im Rezept unten</a></sup>.</p>
    </div>`);
    assert.equal(dropOrphanNoteCalls(root), 0);
  });
});

Deno.test("extractAuto() leaves out an article's footnote calls with its notes", async () => {
  const para = (text: string, n: number): string =>
    `<p>${text}<sup id="fnref:${n}"><a class="footnote-ref" href="#fn:${n}">${n}</a></sup> ${
      "Der Bäcker erzählt, wie er jeden Morgen um drei Uhr beginnt und den Ofen anheizt. ".repeat(3)
    }</p>`;
  const html = `<html><head><title>Brot backen wie früher</title>
    <meta property="og:type" content="article"></head><body>
    <header><nav><a href="/">Start</a> <a href="/blog">Blog</a></nav></header>
    <main><article><h1>Brot backen wie früher</h1>
    <time datetime="2025-03-02">2. März 2025</time>
    ${para("Der Sauerteig wird seit vierzig Jahren gefüttert", 1)}
    ${para("Das Mehl kommt aus der Mühle im Nachbardorf", 2)}
    ${para("Die Laibe backen eine Stunde im Holzofen", 3)}
    <section class="footnotes"><ol>
    <li id="fn:1">Mit Roggenmehl und Wasser. <a href="#fnref:1">↩</a></li>
    <li id="fn:2">Eine Wassermühle. <a href="#fnref:2">↩</a></li>
    <li id="fn:3">Bei 250 Grad. <a href="#fnref:3">↩</a></li>
    </ol></section></article></main>
    <footer><p>© 2025 Bäckerei</p></footer></body></html>`;
  const { content } = await autoHtml(html, "https://baeckerei.example/blog/brot-backen");
  assert.ok(content.includes("seit vierzig Jahren gefüttert Der"), content);
  assert.ok(content.includes("im Nachbardorf Der"), content);
  assert.ok(!content.includes("Roggenmehl"), content);
});

Deno.test("dropBareLinkRuns() drops a run of links with no words between them", () => {
  // A planning app's landing page (in Dutch): a section's text, then its links to use
  // cases set side by side; a line with words between its links and a list stay.
  const uses = ["Van brainstorm naar roadmap", "Plan een uitje", "Werk een nieuwe collega in"]
    .concat(["Zet notities om in taken"]).map((u, i) =>
      `<a href="/gebruik/${i}"><span>${u}<span aria-hidden="true">→</span></span></a>`
    ).join("");
  const { document } = parseHTML(
    `<html><body><main><h2>Laat de assistent het werk doen.</h2>` +
      `<p>Kies een toepassing en zie hoe het werkt.</p><div class="toepassingen">${uses}</div>` +
      `<div>Lees <a href="/a">de handleiding</a>, <a href="/b">de veelgestelde vragen</a>, ` +
      `<a href="/c">het forum</a> of <a href="/d">de blog</a>.</div>` +
      `<ul><li><a href="/e">Prijzen</a></li><li><a href="/f">Teams</a></li>` +
      `<li><a href="/g">Onderwijs</a></li><li><a href="/h">Bedrijven</a></li></ul>` +
      `</main></body></html>`,
  );
  const body = document.body as unknown as Element;
  assert.equal(dropBareLinkRuns(body), 1);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Plan een uitje"), text);
  for (const kept of ["Laat de assistent", "Kies een toepassing", "het forum", "Onderwijs"]) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
});

Deno.test("dropHeadingPermalinks() takes the marks that link headings to themselves", () => {
  // A reference page saved in the wrong encoding: its generator's "¶" reads "Â¶", glued
  // to each heading and each entry's signature as if it were a word.
  const { document } = parseHTML(
    `<html><body><section id="module-tools"><h1>tools — Building blocks` +
      `<a class="headerlink" href="#module-tools">Â¶</a></h1>` +
      `<dl><dt id="tools.chain">tools.chain(*iterables)<a href="#tools.chain">Â¶</a></dt>` +
      `<dd>Make an iterator that returns elements from each iterable in turn.</dd></dl>` +
      `<h2 id="recipes">Recipes<a href="#recipes">#</a></h2>` +
      `<h2 id="notes">Notes on speed<a href="#fn1">1</a></h2>` +
      `<h2 id="see"><a href="#see">See also</a></h2>` +
      `<p>Each <a href="#recipes">§</a> mark in a line of text stays.</p>` +
      `<ol><li id="fn1">Measured on one machine.</li></ol></section></body></html>`,
  );
  const body = document.body as unknown as Element;
  assert.equal(dropHeadingPermalinks(body), 3);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Â"), text);
  assert.ok(text.includes("Building blocks") && text.includes("Recipes"), text);
  assert.ok(!text.includes("Recipes#"), text);
  // A footnote call leads elsewhere; a heading that is all link is its own text.
  for (const kept of ["Notes on speed1", "See also", "Each § mark", "tools.chain(*iterables)"]) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
});

Deno.test("dropHeadingPermalinks() takes a mark beside an entry's heading in the box it names", () => {
  // rustdoc sets "§" before each entry's heading, inside the section the link names (its
  // id may itself be written encoded), and before a field's line.
  const { document } = parseHTML(
    `<html><body><section id="main-content">` +
      `<section id="impl-Kiste%3CT%3E" class="impl"><a href="#impl-Kiste%3CT%3E">§</a>` +
      `<h3>impl&lt;T&gt; Kiste&lt;T&gt;</h3></section>` +
      `<span id="structfield.groesse"><a href="#structfield.groesse">§</a><code>groesse: usize</code></span>` +
      `<div id="hinweis"><p>Siehe <a href="#hinweis">§</a> oben und <a href="#impl-Kiste%3CT%3E">#</a>.</p></div>` +
      `</section></body></html>`,
  );
  const body = document.body as unknown as Element;
  assert.equal(dropHeadingPermalinks(body), 2);
  const text = body.textContent ?? "";
  assert.ok(text.includes("impl<T> Kiste<T>") && !text.includes("§impl"), text);
  assert.ok(text.includes("groesse: usize") && !text.includes("§groesse"), text);
  // A mark in a line of text, or one that links to a box away from it, stays.
  assert.ok(text.includes("Siehe § oben und #."), text);
});
