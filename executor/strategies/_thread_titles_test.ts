import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { ATTRIBUTION_ATTR, segmentThread } from "./_thread.ts";

// A post headed with the thread's title, as forum engines head their first post.

/** A post: a heading, a profile with the author's name and a date, a body. */
function post(heading: string, name: string, date: string, text: string, first = false): string {
  return `<div class="post"><div class="inner"><div class="cuerpo">
    <h3${first ? ' class="primero"' : ""}><a href="#p">${heading}</a></h3>
    <p class="autor"><a class="username" href="/u/${name}">${name}</a> » ${date}</p>
    <div class="contenido">${text}</div></div></div></div>`;
}

Deno.test("segmentThread() drops a post's heading that repeats the thread's title", () => {
  const document = parsePage(
    `<html><head><title>Cómo apagar los LED de la placa - Foro de electrónica</title></head><body>
    <h2 class="titulo-tema">Cómo apagar los LED de la placa</h2><div id="tema">${
      post(
        "Cómo apagar los LED de la placa",
        "Lucía",
        "dom 17 dic 2023 11:23",
        "Acabo de comprar la placa nueva y quiero apagar todos los LED, pero las instrucciones de la versión anterior no sirven.",
        true,
      )
    }${
      post(
        "Re: Cómo apagar los LED de la placa",
        "Andrés",
        "dom 17 dic 2023 12:05",
        "<h3>Configuración que me funcionó</h3>Con el firmware de enero basta con añadir dos líneas al archivo de configuración y reiniciar.",
      )
    }${
      post(
        "Re: Cómo apagar los LED de la placa",
        "Lucía",
        "dom 17 dic 2023 13:40",
        "Gracias, ahora la placa queda a oscuras después del arranque y el LED de red también se apaga.",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.equal(found.titles, 1);
  const text = (document.getElementById("tema")?.textContent ?? "").replace(/\s+/g, " ");
  assert.ok(!text.includes("Cómo apagar"), `should drop the title's heading:\n${text}`);
  for (const kept of ["Configuración que me funcionó", "Acabo de comprar", "queda a oscuras"]) {
    assert.ok(text.includes(kept), `should keep ${kept}:\n${text}`);
  }
});

/**
 * A card of a post: a header (the author's block, and what `head` adds before it), the
 * date, then the body and the author's signature under it.
 */
function card(name: string, date: string, text: string, head = ""): string {
  return `<div class="card"><div class="frame"><header class="card-head">${head}
    <div class="card-poster"><a class="card-name" href="/u/${name}">${name}</a></div></header>
    <span class="card-date"><time datetime="2024-01-03">${date}</time></span>
    <div class="cell"><div class="text">${text}</div>
    <footer class="card-foot"><div class="sig"><div class="text">Firma de ${name}: proyector y pantalla de 120 pulgadas</div></div></footer>
    </div></div></div>`;
}

Deno.test("segmentThread() signs a first post whose header holds the thread's title as the replies are signed", () => {
  // The first post's card is the replies' card unwrapped, its header holding the thread's
  // title and the thread's counts with the date of its last reply: the post is the card,
  // signed from the parts of it that the replies' cards have too.
  const reply = (name: string, date: string, text: string): string =>
    `<article class="reply">${card(name, date, text)}</article>`;
  const document = parsePage(
    `<html><head><title>Proyector nuevo para 2024 | Foro de cine en casa</title></head><body>
    <div id="hilo">${
      card(
        "Lucía",
        "Jan 3, 2024",
        "Mi proyector de hace quince años por fin necesita relevo y busco uno que admita 4K sin gastar una fortuna.",
        `<h1>Proyector nuevo para 2024</h1><div class="thread-info">23 respuestas
        <span class="last-poster">última de <a href="/u/pedro">Pedro</a></span>
        <time datetime="2024-09-26">Sep 26, 2024</time></div>`,
      )
    }${
      reply(
        "Andrés",
        "Jan 3, 2024",
        "El modelo de gama media de este año da mucho por su precio, y el contraste es muy bueno.",
      )
    }${
      reply(
        "Marta",
        "Jan 4, 2024",
        "Yo daría el salto a uno láser: nada de lámparas que cambiar, y se enciende al instante.",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, ["Andrés Jan 3, 2024", "Marta Jan 4, 2024"]);
  // The first post, its signature in it not another.
  assert.equal(found.outliers, 1);
  const signed = [...document.querySelectorAll(`[${ATTRIBUTION_ATTR}]`)].map((p) => p.textContent);
  assert.deepEqual(signed, ["Lucía Jan 3, 2024", "Andrés Jan 3, 2024", "Marta Jan 4, 2024"]);
  const text = (document.getElementById("hilo")?.textContent ?? "").replace(/\s+/g, " ");
  for (const chrome of ["Pedro", "Sep 26, 2024", "23 respuestas", "Firma de"]) {
    assert.ok(!text.includes(chrome), `should not keep ${chrome}:\n${text}`);
  }
});
