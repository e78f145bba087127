import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { segmentThread } from "./_thread.ts";

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
