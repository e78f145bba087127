import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { segmentThread } from "./_thread.ts";

// The fallback line an engine writes under an embedded video: a label and the video's address.

/** A post: a user card with the author's name and date, then its body. */
function post(name: string, date: string, body: string): string {
  return `<article class="beitrag"><div class="profil"><a class="username" href="/u/${name}">${name}</a>
    <span class="datum">${date}</span></div><div class="inhalt">${body}</div></article>`;
}

Deno.test("segmentThread() drops the address line under an embedded video, keeps links of the text", () => {
  const video = "https://video.example/v/Xk3b9Qw?t=1309";
  const document = parsePage(
    `<html><body><div class="thema">${
      post(
        "Jonas",
        "27.03.2025 10:14",
        `Die Szene mit dem Zug ist die beste des ganzen Films.<br>
        <span data-einbettung="video"><span class="rahmen"></span></span><br>
        <i><span style="font-size: 10px"><a href="${video}">Ansehen: ${video}</a></span></i><br>
        (Die Stelle beginnt bei 21:49)`,
      )
    }${
      post(
        "Mia",
        "27.03.2025 11:02",
        `Die Kritik dazu steht unter <a href="https://kritik.example/zug">https://kritik.example/zug</a>.`,
      )
    }${
      post(
        "Lena",
        "27.03.2025 12:40",
        `Mehr dazu im <a href="https://wiki.example/film">Artikel: Der Zug im Film</a>, sehr lesenswert.`,
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  assert.ok(!text.includes("Ansehen"), `should drop the address line:\n${text}`);
  for (
    const kept of [
      "die beste des ganzen Films.",
      "(Die Stelle beginnt bei 21:49)",
      "https://kritik.example/zug",
      "Artikel: Der Zug im Film",
    ]
  ) {
    assert.ok(text.includes(kept), `should keep ${kept}:\n${text}`);
  }
  assert.equal(found.embeds, 1);
});

/** A post on a board that shows an image from its bare address: name, then the text. */
function mensaje(name: string, body: string): string {
  return `<div class="msg"><div class="msg_info"><a class="nombre" href="/u/${name}">${name}</a>
    <span class="hora" title="21/02/2024 05:11">hace 2 años</span></div>
    <div class="msg_cuerpo">${body}</div></div>`;
}

Deno.test("segmentThread() drops a line that is only an image's address, keeps addresses in the text", () => {
  const image = "https://img.foro.example/a/c/cbb95302.jpg";
  const document = parsePage(
    `<html><body><div class="hilo">${
      mensaje("Lucia", `${image}<br>¡Ya estoy lista para la presentación!<br>`)
    }${
      mensaje(
        "Mateo",
        `La portada está en https://img.foro.example/portada.png si alguien la quiere ver.`,
      )
    }${
      mensaje("Sofia", `<a href="${image}">${image}</a><br>Esa foto es genial.`)
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  assert.equal(text.split(image).length - 1, 1, `should keep only the link:\n${text}`);
  for (
    const kept of [
      "¡Ya estoy lista para la presentación!",
      "https://img.foro.example/portada.png si alguien",
      "Esa foto es genial.",
    ]
  ) {
    assert.ok(text.includes(kept), `should keep ${kept}:\n${text}`);
  }
});

Deno.test("segmentThread() drops the card previewing a linked page, keeps a post that is only its card", () => {
  const card = (page: string, title: string, summary: string): string =>
    `<div class="voorbeeld" data-url="${page}"><div class="rij">
    <h3 class="kop"><a href="${page}">${title}</a></h3>
    <div class="samenvatting">${summary}</div><div class="bron">fietsen.example</div></div></div>`;
  const document = parsePage(
    `<html><body><div class="thema">${
      post(
        "Sanne",
        "02.04.2025 09:12",
        `Mijn ketting kraakt na elke regenrit, ook na het smeren.<br>Ik volgde deze uitleg:<br>${
          card(
            "https://fietsen.example/onderhoud/ketting",
            "Je ketting schoonmaken en smeren",
            "Zo houd je de ketting van je fiets soepel, in vijf stappen.",
          )
        }`,
      )
    }${
      post(
        "Pieter",
        "02.04.2025 10:30",
        "Kraakt hij ook als je stilstaat en trapt? Dan is het de trapas.",
      )
    }${
      post(
        "Joost",
        "02.04.2025 11:05",
        card(
          "https://fietsen.example/onderhoud/trapas",
          "Een krakende trapas vinden",
          "Waar het kraken vandaan komt en hoe je dat hoort.",
        ),
      )
    }${
      post(
        "Eva",
        "02.04.2025 12:40",
        "Probeer eens was in plaats van olie, dat blijft minder plakken.",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 4);
  assert.equal(found.cards, 1);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  // The card goes from the post with words of its own, stays as all another post says.
  assert.ok(!text.includes("Je ketting schoonmaken en smeren"), text);
  assert.ok(text.includes("Ik volgde deze uitleg:"), text);
  assert.ok(text.includes("Een krakende trapas vinden"), text);
  assert.ok(text.includes("was in plaats van olie"), text);
});
