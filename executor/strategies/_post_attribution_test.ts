import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { segmentThread } from "./_thread.ts";
import { detectPageType } from "./_page_type.ts";
import { classWords } from "./_post_attribution.ts";

// Authors and dates written in post templates that name neither by a class word.

/** A thread of posts, each given as a user card, a header and a body. */
function thread(posts: readonly { card: string; head: string; text: string }[]): Document {
  return parsePage(
    `<html><body><div id="discussione">${
      posts.map(({ card, head, text }, i) =>
        `<div id="p${i}" class="blocco"><h2>${head}</h2><div class="corpo"><div class="sinistra">${card}</div>
        <div class="destra"><div class="messaggio"><p>${text}</p></div></div></div></div>`
      ).join("")
    }</div></body></html>`,
  );
}

Deno.test("segmentThread() takes the author from a user card written as a description list", () => {
  const card = (name: string): string =>
    `<dl><dt><strong>${name}</strong></dt><dd class="titolo"><strong>Membro</strong></dd>
    <dd><span>Iscritto: 2024-02-11</span></dd><dd><span>Messaggi: 48</span></dd></dl>`;
  const document = thread([
    {
      card: card("Giulia"),
      head: `<a href="#p0">2025-11-01 15:14:37</a>`,
      text: "Dopo l'aggiornamento la stampante non si risveglia più dallo standby da sola.",
    },
    {
      card: card("Marco"),
      head: `<a href="#p1">2025-11-02 06:23:21</a>`,
      text: "Da me ha funzionato disattivare il risparmio energetico nelle impostazioni.",
    },
  ]);
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, ["Giulia 2025-11-01 15:14:37", "Marco 2025-11-02 06:23:21"]);
});

Deno.test("segmentThread() reads a post's date written in Persian digits", () => {
  // A Persian forum writes its dates in Persian digits ("۱۴۰۳/۰۱/۱۵ - ۱۲:۳۰"): a date's
  // shape (a time of day) is read in the digits of any script.
  const card = (name: string): string =>
    `<dl><dt><strong>${name}</strong></dt><dd class="titolo"><strong>کاربر</strong></dd></dl>`;
  const document = thread([
    {
      card: card("مریم"),
      head: `<a href="#p0">۱۴۰۳/۰۱/۱۵ - ۱۲:۳۰</a>`,
      text: "بعد از به‌روزرسانی، چاپگر دیگر خودش از حالت آماده‌به‌کار بیدار نمی‌شود.",
    },
    {
      card: card("علی"),
      head: `<a href="#p1">۱۴۰۳/۰۱/۱۶ - ۰۸:۰۵</a>`,
      text: "برای من خاموش کردن صرفه‌جویی انرژی در تنظیمات چاپگر جواب داد.",
    },
  ]);
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, ["مریم ۱۴۰۳/۰۱/۱۵ - ۱۲:۳۰", "علی ۱۴۰۳/۰۱/۱۶ - ۰۸:۰۵"]);
});

Deno.test("segmentThread() takes the author from the name linked to the profile its avatar opens", () => {
  // A Discuz!-like card: the name and the avatar link to the same profile, in boxes
  // named by no class word an author's box has; the count of threads, posts and points
  // under them.
  const card = (name: string, uid: number): string =>
    `<div class="pi"><div class="authi"><a href="space-uid-${uid}.html" class="xw1">${name}</a></div></div>
    <div class="avatar"><a href="space-uid-${uid}.html" class="avtm"><img src="avatar.php?uid=${uid}"></a></div>
    <div class="tns"><p><a href="/t?uid=${uid}">12</a></p>主题 <p><a href="/p?uid=${uid}">86</a></p>帖子</div>`;
  const document = thread([
    {
      card: card("阿飞爱折腾", 5521),
      head: `<em>发表于 2024-3-18 21:07:44</em>`,
      text: "家里的照片和视频越来越多，手机和电脑的空间都快满了，想弄一台NAS统一存放。",
    },
    {
      card: card("老王不秃", 772),
      head: `<em>发表于 2024-3-18 21:32:10</em>`,
      text: "新手的话我建议直接上群晖，套件生态很完善，基本不用折腾。",
    },
  ]);
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, [
    "阿飞爱折腾 发表于 2024-3-18 21:07:44",
    "老王不秃 发表于 2024-3-18 21:32:10",
  ]);
});

Deno.test("segmentThread() takes no label of a card of labelled values for an author", () => {
  const card = `<dl><dt>Iscritto</dt><dd>2024-02-11</dd><dt>Messaggi</dt><dd>48</dd></dl>`;
  const document = thread([
    {
      card,
      head: `<a href="#p0">2025-11-01 15:14:37</a>`,
      text: "Dopo l'aggiornamento la stampante non si risveglia più dallo standby da sola.",
    },
    {
      card,
      head: `<a href="#p1">2025-11-02 06:23:21</a>`,
      text: "Da me ha funzionato disattivare il risparmio energetico nelle impostazioni.",
    },
  ]);
  assert.deepEqual(segmentThread(document.body).lines, [
    "2025-11-01 15:14:37",
    "2025-11-02 06:23:21",
  ]);
});

Deno.test("segmentThread() takes a post's date before the edit note nested in it", () => {
  const head = (date: string, edit: string): string =>
    `<span class="data">${date} <span class="modifica">(Ultima modifica: ${edit} da <a href="/utente/7">Giulia</a>. Modificato 1 volta in totale.)</span></span>`;
  const card = (name: string): string =>
    `<div class="post_author"><a href="/utente/${name}">${name}</a></div>`;
  const document = thread([
    {
      card: card("Giulia"),
      head: head("2019-02-23, 09:14 PM", "2024-01-05, 03:27 AM"),
      text: "Dopo l'aggiornamento la stampante non si risveglia più dallo standby da sola.",
    },
    {
      card: card("Marco"),
      head: head("2019-02-24, 05:31 PM", "2024-01-06, 10:02 AM"),
      text: "Da me ha funzionato disattivare il risparmio energetico nelle impostazioni.",
    },
  ]);
  const found = segmentThread(document.body);
  assert.deepEqual(found.lines, ["Giulia 2019-02-23, 09:14 PM", "Marco 2019-02-24, 05:31 PM"]);
});

Deno.test("segmentThread() takes the author from a post's byline, a thread whose dates follow the bodies", () => {
  const post = (name: string, iso: string, shown: string, text: string): string =>
    `<article class="entrada"><div class="entrada-byline"><a href="/miembro/${name}"><span class="avatar"></span></a>
    <a href="/miembro/${name}">${name}</a><span class="rango">Miembro</span></div>
    <div class="entrada-cuerpo"><p>${text}</p></div>
    <div class="entrada-meta"><a href="#r"><time datetime="${iso}">${shown}</time></a></div></article>`;
  const page = `<html><head><title>Propinas en el catering</title></head><body><main>${
    post(
      "Lucía",
      "2005-07-10T01:56:00",
      "7/9/05 8:56 PM",
      "Añado una línea de propina al presupuesto de cada evento.",
    )
  }${
    post(
      "Andrés",
      "2005-07-13T07:22:00",
      "7/13/05 7:22 AM",
      "Nosotros sumamos un quince por ciento fijo y nadie protesta.",
    )
  }${
    post(
      "Marta",
      "2005-07-21T22:28:00",
      "7/21/05 10:28 PM",
      "Mejor subir el precio base que pedir propina al cliente.",
    )
  }</main></body></html>`;
  assert.equal(detectPageType(parsePage(page), "https://ejemplo.es/tema/propinas"), "forum");
  const found = segmentThread(parsePage(page).body);
  assert.equal(found.posts, 3);
  // Signed in the byline before the body, dated in the meta bar after it.
  assert.deepEqual(found.lines, [
    "Lucía 7/9/05 8:56 PM",
    "Andrés 7/13/05 7:22 AM",
    "Marta 7/21/05 10:28 PM",
  ]);
});

Deno.test("segmentThread() names no author after a post's numbered permalink", () => {
  // The engine leaves out the user card of a second post in a row by one author; the
  // post header, named for the author, then holds only the date and the link "#2".
  const post = (card: string, n: number, date: string, text: string): string =>
    `<div class="entrada fila">${card}<div class="cuerpo"><p class="author">
      <span class="fecha">${date}</span><a class="enlace" href="#m${n}"><span>#${n}</span></a></p>
      <div class="texto">${text}</div></div></div>`;
  const card = (name: string): string =>
    `<div class="perfil"><span class="username"><a href="/u/${name}">${name}</a></span>
      <span class="rango">Miembro</span></div>`;
  const document = parsePage(
    `<html><body><div class="hilo">${
      post(
        card("Pescadora"),
        1,
        "4 abr. 2009",
        "¿Qué peces conviven bien con los guppys en un acuario de sesenta litros?",
      )
    }${
      post(
        card("Tiburón"),
        2,
        "5 abr. 2009",
        "Platys y colas de espada, y un grupito de corydoras para el fondo.",
      )
    }${
      post(
        "",
        3,
        "5 abr. 2009",
        "Y no metas todos los peces a la vez: deja que el filtro se adapte poco a poco.",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.deepEqual(found.lines, ["Pescadora 4 abr. 2009", "Tiburón 5 abr. 2009", "5 abr. 2009"]);
});

/**
 * A thread of posts whose dates carry a one-word label (`label <time>…</time>` in the post's
 * link), each post given as its author, its ISO date, the date shown and its text.
 */
function labelledThread(
  label: string,
  posts: readonly [name: string, iso: string, shown: string, text: string][],
): Document {
  const post = ([name, iso, shown, text]: readonly string[]): string =>
    `<div class="entree"><div class="profil"><a class="username" href="/membre/${name}">${name}</a></div>
    <div class="entete"><a href="#c" class="lien">${label} <time datetime="${iso}">${shown}</time></a></div>
    <div class="contenu"><p>${text}</p></div></div>`;
  return parsePage(`<html><body><div class="fil">${posts.map(post).join("")}</div></body></html>`);
}

Deno.test("segmentThread() keeps the one-word label an engine writes before a post's date", () => {
  const document = labelledThread("Publié", [
    [
      "Camille",
      "2024-03-05T07:02:39Z",
      "5 mars 2024",
      "Je préférais l'ancienne interface, plus sobre et bien plus lisible au quotidien.",
    ],
    [
      "Mathis",
      "2024-03-10T09:42:23Z",
      "10 mars 2024",
      "On peut encore revenir à l'ancienne version en désactivant la mise à jour automatique.",
    ],
  ]);
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, ["Camille Publié 5 mars 2024", "Mathis Publié 10 mars 2024"]);
});

Deno.test("segmentThread() keeps a date's label written with vowel marks", () => {
  // A Hindi forum's label "प्रकाशित" (published) is letters and the marks of its vowels.
  const document = labelledThread("प्रकाशित", [
    [
      "अनीता",
      "2024-03-05T07:02:39Z",
      "5 मार्च 2024",
      "मुझे पुराना रूप ज़्यादा पसंद था, वह सादा था और रोज़ पढ़ने में कहीं आसान था।",
    ],
    [
      "रोहित",
      "2024-03-10T09:42:23Z",
      "10 मार्च 2024",
      "स्वचालित अपडेट बंद करके पुराने संस्करण पर अब भी लौटा जा सकता है।",
    ],
  ]);
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, ["अनीता प्रकाशित 5 मार्च 2024", "रोहित प्रकाशित 10 मार्च 2024"]);
});

Deno.test("segmentThread() reads a post's date as the engine's script shows it, in the forum's time zone", () => {
  // The server wrote the dates in universal time; the engine's script writes its own
  // string (data-date-string) in their place, as the tooltip gives it: a post of 9:50 PM
  // on the 14th is a post of the 14th.
  const post = (name: string, shown: string, local: string, text: string): string =>
    `<div class="entree"><div class="profil"><a class="username" href="/membre/${name}">${name}</a></div>
    <div class="entete"><time datetime="2024-01-14T21:50:50-0500" data-date-string="${local}"
    title="${local}">${shown}</time></div><div class="contenu"><p>${text}</p></div></div>`;
  const document = parsePage(
    `<html><body><div class="fil">${
      post(
        "Camille",
        "Jan 15, 2024",
        "Jan 14, 2024",
        "Quelle sera la tendance du marché des montres cette année, selon vous ?",
      )
    }${
      post(
        "Mathis",
        "Jan 15, 2024",
        "Jan 15, 2024",
        "Les mouvements maison, comme l'an dernier, et des boîtiers plus petits.",
      )
    }${
      post(
        "Inès",
        "Today at 3:26 AM",
        "Mar 5, 2026",
        "Rien de neuf, je parie sur les mêmes modèles.",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  // A relative date ("Today at …") is the text's own: no year to correct.
  assert.deepEqual(found.lines, [
    "Camille Jan 14, 2024",
    "Mathis Jan 15, 2024",
    "Inès Today at 3:26 AM",
  ]);
});

Deno.test("segmentThread() reads a post's date without the edit time the page hides in it", () => {
  // The date a reader sees, then a mark; clicked, it shows when the post was edited.
  const post = (name: string, date: string, edited: string, text: string): string =>
    `<div class="entree"><div class="entete"><a class="user" href="/${name}">${name}</a>:
    <span class="s"><span class="cree">${date}</span><span class="marque">*</span>
    <span class="modifie" hidden>. Modifié : ${edited}</span></span></div>
    <div class="contenu"><p>${text}</p></div></div>`;
  const document = parsePage(
    `<html><body><div class="fil">${
      post(
        "Camille",
        "2:55pm On Dec 10, 2023",
        "10:31am On Dec 11, 2023",
        "Un agent quantique est un agent intelligent qui suit les principes de la mécanique quantique.",
      )
    }${
      post(
        "Mathis",
        "7:19pm On May 23, 2024",
        "11:07am On Feb 18, 2025",
        "Il faudrait d'abord vaincre de grands défis de stabilité et de correction d'erreurs.",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, [
    "Camille 2:55pm On Dec 10, 2023",
    "Mathis 7:19pm On May 23, 2024",
  ]);
});

Deno.test("segmentThread() reads a post's time with the day it is on, a date written without its year", () => {
  // This year's posts give the time and the day, the year left out ("3:40pm On Jan 21");
  // the time alone would lose the day.
  const card = (name: string): string =>
    `<div class="post_author"><a href="/utente/${name}">${name}</a></div>`;
  const document = thread([
    {
      card: card("Giulia"),
      head: `<span class="data"><b>3:40pm</b> On <b>Jan 21</b></span>`,
      text: "Dopo l'aggiornamento la stampante non si risveglia più dallo standby da sola.",
    },
    {
      card: card("Marco"),
      head: `<span class="data"><b>7:06pm</b> On <b>Mar 02</b></span>`,
      text: "Da me ha funzionato disattivare il risparmio energetico nelle impostazioni.",
    },
  ]);
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, ["Giulia 3:40pm On Jan 21", "Marco 7:06pm On Mar 02"]);
});

Deno.test("segmentThread() reads a post's time alone beside its number: a post's number is no day", () => {
  const card = (name: string): string =>
    `<div class="post_author"><a href="/utente/${name}">${name}</a></div>`;
  const document = thread([
    {
      card: card("Giulia"),
      head: `<span class="data"><b>3:40pm</b> Post #1 of 2</span>`,
      text: "Dopo l'aggiornamento la stampante non si risveglia più dallo standby da sola.",
    },
    {
      card: card("Marco"),
      head: `<span class="data"><b>7:06pm</b> Post #2 of 2</span>`,
      text: "Da me ha funzionato disattivare il risparmio energetico nelle impostazioni.",
    },
  ]);
  assert.deepEqual(segmentThread(document.body).lines, ["Giulia 3:40pm", "Marco 7:06pm"]);
});

Deno.test("classWords() reads no utility style's class as a name: a link coloured for users is no author's box", () => {
  const document = parsePage(
    `<html><body><a class="font-bold hover:text-user-600 text-author-dark" href="/t/1">Reply</a>
    <span class="postauthor text-sm" id="userName">Giulia</span></body></html>`,
  );
  const [link, name] = [document.querySelector("a")!, document.querySelector("span")!];
  assert.deepEqual(classWords(link), ["font", "bold"]);
  assert.deepEqual(classWords(name), ["postauthor", "user", "name"]);
});

Deno.test("segmentThread() takes the author from a class that runs a word into 'username'", () => {
  // vBulletin 3 names the author's link "bigusername", beside the title it gives the user.
  const card = (name: string): string =>
    `<div><a class="bigusername" href="/member.php?u=5">${name}</a></div>
    <div class="smallfont">Erfahrener Benutzer</div>`;
  const document = thread([
    {
      card: card("Heizungsbauer_Nord"),
      head: "06.11.2009, 21:14",
      text: "Seit dem Wechsel auf die neue Therme taktet die Anlage bei milden Temperaturen.",
    },
    {
      card: card("Thermo-Klaus"),
      head: "06.11.2009, 22:03",
      text: "Das ist ein klassischer Fall von Überdimensionierung, setz die Taktsperre hoch.",
    },
  ]);
  assert.deepEqual(segmentThread(document.body).lines, [
    "Heizungsbauer_Nord 06.11.2009, 21:14",
    "Thermo-Klaus 06.11.2009, 22:03",
  ]);
});

Deno.test("segmentThread() takes the author from a link to the user's profile that no class names", () => {
  // SMF 1 writes the author as a bold link to "index.php?action=profile;u=…", no class.
  const card = (name: string, id: number): string =>
    `<b><a href="https://forum.example/index.php?action=profile;u=${id}">${name}</a></b>
    <div>Full Member<br>Beiträge: 312</div>`;
  const document = thread([
    {
      card: card("Gartenfreund", 5),
      head: "12. Mai 2008, 14:22:10",
      text: "Unser Apfelbaum hat wunderschön geblüht, aber kaum Früchte angesetzt.",
    },
    {
      card: card("Obstwiese_Ulm", 9),
      head: "12. Mai 2008, 15:03:44",
      text: "Boskop braucht zwei passende Befruchtersorten in der Nähe, sein Pollen taugt nicht.",
    },
  ]);
  assert.deepEqual(segmentThread(document.body).lines, [
    "Gartenfreund 12. Mai 2008, 14:22:10",
    "Obstwiese_Ulm 12. Mai 2008, 15:03:44",
  ]);
});
