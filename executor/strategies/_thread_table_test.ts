import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { ATTRIBUTION_ATTR, segmentThread } from "./_thread.ts";
import { autoHtml } from "./_test_page.ts";

// Threads an older engine lays out as a table (one bare row per post, around one cell
// that has the post's class), under a consent dialog, with relative dates.

const URL_ = "https://forum.zeglarze.example/threads/ktory-ponton-na-mazury.4412/";

async function fixture(): Promise<string> {
  return await Deno.readTextFile(new URL("../testdata/types_forum_table.html", import.meta.url));
}

/** A bare table row around one post cell: card (name, date), then the text. */
function row(name: string, date: string, text: string): string {
  return `<tr><td class="entry"><div class="entry-head"><a class="nick" href="/u/${name}">${name}</a>
    <span>${date}</span></div><div class="entry-text">${text}</div>
    <div class="entry-tools"><a href="#">Cytuj</a> <a href="#">Zgłoś</a></div></td></tr>`;
}

Deno.test("segmentThread() finds posts that are bare table rows around one classed cell", () => {
  const document = parsePage(
    `<html><body><table class="posts"><tbody>${
      row("Szuwar", "21.02.2024 09:12", "Szukam pontonu na dwutygodniowy rejs po Mazurach.")
    }${
      row(
        "Kormoran",
        "21.02.2024 10:40",
        "Weź taki z twardą podłogą z listew, lepiej się wiosłuje.",
      )
    }${
      row("Perkoz", "21.02.2024 12:05", "Mam ponton z podłogą pompowaną i jestem zadowolony.")
    }</tbody></table></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.deepEqual(found.lines, [
    "Szuwar 21.02.2024 09:12",
    "Kormoran 21.02.2024 10:40",
    "Perkoz 21.02.2024 12:05",
  ]);
  assert.ok(!(document.body.textContent ?? "").includes("Zgłoś"));
});

/** A post whose card has a name and a relative date with its timestamp as a tooltip. */
function tipped(card: string, name: string, stamp: string, text: string): string {
  return `<div class="post"><div class="post-info"><span class="${card}"><a href="/u/${name}">${name}</a></span>
    <span class="post-time" title="${stamp}">2 lata temu</span></div>
    <div class="post-text">${text}</div></div>`;
}

function tippedThread(card: string): string {
  return `<html><body><div class="thread">${
    tipped(card, "Szuwar", "21.02.2024 09:12", "Szukam pontonu na dwutygodniowy rejs po Mazurach.")
  }${
    tipped(
      card,
      "Kormoran",
      "21.02.2024 10:40",
      "Weź taki z twardą podłogą z listew, lepiej się wiosłuje.",
    )
  }${
    tipped(
      card,
      "Perkoz",
      "21.02.2024 12:05",
      "Mam ponton z podłogą pompowaną i jestem zadowolony.",
    )
  }</div></body></html>`;
}

Deno.test("segmentThread() takes a relative date with a timestamp tooltip for a post's date", () => {
  // Nothing else tells who wrote the posts: dated by the tooltip, so a thread; the
  // line leaves out the relative date.
  const document = parsePage(tippedThread("badge"));
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.equal(found.attributed, 0);
  assert.ok(!(document.body.textContent ?? "").includes("2 lata temu"));
});

Deno.test("segmentThread() reads a post's author in the block named for its user", () => {
  const found = segmentThread(parsePage(tippedThread("user uid-101")).body);
  assert.deepEqual(found.lines, ["Szuwar", "Kormoran", "Perkoz"]);
});

Deno.test("segmentThread() finds a thread under a consent dialog that holds most of the page's text", async (t) => {
  const html = await fixture();
  await t.step("with the banner's state class on <html>", () => {
    assert.equal(segmentThread(parsePage(html).body).posts, 4);
  });
  await t.step("the dialog's text does not count against the posts' share", () => {
    const plain = html.replace(" consent-banner-visible", "");
    assert.equal(segmentThread(parsePage(plain).body).posts, 4);
  });
});

Deno.test("auto keeps a table thread's posts, the last one-line post too, and nothing around them", async (t) => {
  const out = await autoHtml(await fixture(), URL_);
  const content = out.content;
  await t.step("page_type is forum", () => assert.equal(out.metadata.page_type, "forum"));
  await t.step("every post with its author, in order", () => {
    const parts = [
      "Szuwar",
      "Szukam pontonu na dwutygodniowy rejs po Mazurach",
      "Kormoran",
      "Weź taki z twardą podłogą z listew",
      "Perkoz",
      "Mam od lat ponton z podłogą pompowaną",
      "Dzięki wszystkim, biorę z pompowaną podłogą",
    ];
    let at = -1;
    for (const part of parts) {
      const i = content.indexOf(part, at + 1);
      assert.ok(i > at, `content should include ${part} after the previous part:\n${content}`);
      at = i;
    }
  });
  await t.step("no pager, guest notice, other topics or consent text", () => {
    for (
      const chrome of [
        "Strona 1 z 4",
        "Przeglądasz forum jako gość",
        "Silnik elektryczny czy spalinowy",
        "Twoja prywatność",
        "2 lata temu",
      ]
    ) assert.ok(!content.includes(chrome), `content should not include ${chrome}:\n${content}`);
  });
});

Deno.test("segmentThread() reads the author from a class that runs the word into another", () => {
  const post = (name: string, date: string, text: string): string =>
    `<div class="comment"><div class="comhead"><a class="postauthor" href="/u/${name}">${name}</a>
      <span class="age">${date}</span></div><div class="commtext">${text}</div>
      <div class="reply"><a href="#">odpowiedz</a></div></div>`;
  const found = segmentThread(
    parsePage(
      `<html><body><div class="comments">${
        post("Szuwar", "21.02.2024", "Szukam pontonu na dwutygodniowy rejs po Mazurach.")
      }${
        post("Kormoran", "22.02.2024", "Weź taki z twardą podłogą z listew, lepiej się wiosłuje.")
      }${
        post("Perkoz", "23.02.2024", "Mam ponton z podłogą pompowaną i jestem zadowolony.")
      }</div></body></html>`,
    ).body,
  );
  assert.deepEqual(found.lines, ["Szuwar 21.02.2024", "Kormoran 22.02.2024", "Perkoz 23.02.2024"]);
});

Deno.test("segmentThread() reads a date split over several elements, with a time run into am/pm", () => {
  const post = (name: string, date: string, text: string): string =>
    `<div class="post"><div class="head"><a class="username" href="/u/${name}">${name}</a>:
      <span class="s">${date}</span></div><div class="body">${text}</div>
      <div class="tools"><a href="#">Cytuj</a></div></div>`;
  const found = segmentThread(
    parsePage(
      `<html><body><div class="topic">${
        post(
          "Szuwar",
          "<b>3:21pm</b> On <b>Mar 09</b>, <b>2023</b>",
          "Szukam pontonu na dwutygodniowy rejs po Mazurach.",
        )
      }${
        post(
          "Kormoran",
          "<b>9:43pm</b> On <b>Dec 09</b>, <b>2023</b>",
          "Weź taki z twardą podłogą z listew, lepiej się wiosłuje.",
        )
      }${
        post(
          "Perkoz",
          "<b>3:40pm</b> On <b>Jan 21</b>",
          "Mam ponton z podłogą pompowaną i jestem zadowolony.",
        )
      }</div></body></html>`,
    ).body,
  );
  assert.deepEqual(found.lines, [
    "Szuwar 3:21pm On Mar 09, 2023",
    "Kormoran 9:43pm On Dec 09, 2023",
    // No year: the day-month beside the time is still read with it.
    "Perkoz 3:40pm On Jan 21",
  ]);
});

/**
 * A post as a table's row group of its own: a header row (the topic's title, its author,
 * its date) and a row with the text; a board puts every post of the page in one table.
 */
function rowGroup(name: string, date: string, text: string): string {
  return `<tbody itemprop="comment"><tr><td class="bold l pu"><a href="/t/77">Re: Quale gommone per il lago?</a>
    di <a class="user" href="/${name}">${name}</a>: <span class="s">${date}</span></td></tr>
    <tr><td class="l w pd"><div class="narrow">${text}</div></td></tr></tbody>`;
}

Deno.test("segmentThread() finds posts that are a table's row groups, each with its header row", () => {
  const document = parsePage(
    `<html><body><table summary="posts">${
      rowGroup(
        "Giunco",
        "09:12 21.02.2024",
        "Cerco un gommone per due settimane sul lago di Garda.",
      )
    }${
      rowGroup(
        "Cormorano",
        "10:40 21.02.2024",
        "Prendine uno con il fondo rigido a listelli, si rema molto meglio.",
      )
    }${
      rowGroup(
        "Svasso",
        "12:05 21.02.2024",
        "Io ho un gommone con il fondo gonfiabile e ne sono contento.",
      )
    }</table></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.deepEqual(found.lines, [
    "Giunco 09:12 21.02.2024",
    "Cormorano 10:40 21.02.2024",
    "Svasso 12:05 21.02.2024",
  ]);
  // The header row's title, repeated over every post, goes with the post's chrome.
  assert.ok(!(document.body.textContent ?? "").includes("Quale gommone"));
});

/**
 * A post of a board laid out in one table: a row group (`<tbody>`) of a header row (the
 * thread's title, the author, the date) and a row of text. The replies declare their role
 * (`itemprop="comment"`) and their author; the first post declares neither.
 */
function group(title: string, name: string, date: string, text: string, reply = true): string {
  const role = reply ? ` itemprop="comment" itemscope itemtype="https://schema.org/Comment"` : "";
  const author = reply
    ? `<span itemprop="author" itemscope><meta itemprop="name" content="${name}"></span>`
    : "";
  return `<tbody${role}><tr><td class="bold l">${author}<a href="#p">${title}</a> por
    <a href="/${name}" class="user">${name}</a>: <span class="s">${date}</span></td></tr>
    <tr><td class="l w"><div class="narrow">${text}</div>
    <div class="s button-row"><a href="#">Citar</a> <a href="#">Denunciar</a></div></td></tr></tbody>`;
}

Deno.test("segmentThread() signs a first post built as the replies are but declaring no role", () => {
  const document = parsePage(
    `<html><body><table summary="posts">${
      group(
        "Computação híbrida",
        "Alfa1",
        "3:21pm On Mar 09, 2023",
        "Computação híbrida é o nome que a indústria dá a um computador quântico e um clássico resolvendo juntos um problema.",
        false,
      )
    }${
      group(
        "Re: Computação híbrida",
        "Alfa2",
        "9:43pm On Dec 09, 2023",
        "Há bibliotecas que simulam algoritmos quânticos conhecidos em processadores comuns.",
      )
    }${
      group(
        "Re: Computação híbrida",
        "Alfa3",
        "7:19pm On May 23, 2024",
        "Um computador assim exigiria vencer grandes desafios de estabilidade e de correção de erros.",
      )
    }</table></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.equal(found.outliers, 1);
  const signed = [...document.querySelectorAll(`[${ATTRIBUTION_ATTR}]`)].map((p) => p.textContent);
  assert.deepEqual(signed, [
    "Alfa1 3:21pm On Mar 09, 2023",
    "Alfa2 9:43pm On Dec 09, 2023",
    "Alfa3 7:19pm On May 23, 2024",
  ]);
  // The first post's header row (the thread's title) and buttons go as the replies' do.
  const text = document.body.textContent ?? "";
  for (const chrome of ["Computação híbrida por", "Citar", "Denunciar"]) {
    assert.ok(!text.includes(chrome), `should not keep ${chrome}:\n${text}`);
  }
});

/**
 * A post of an engine of the 2000s (vBulletin 3): a table of three rows, the date in the
 * header row, the user card beside the message in the second, buttons in the third; its
 * cells told apart by row only.
 */
function tablePost(id: number, date: string, name: string, text: string): string {
  return `<div id="edit${id}"><table class="tborder" id="post${id}">
    <tr><td class="thead">${date}</td><td class="thead">#<a href="/p/${id}"><strong>${
    id % 10
  }</strong></a></td></tr>
    <tr><td class="alt2"><div id="postmenu_${id}"><a class="bigusername" href="/u/${name}">${name}</a></div>
    <div class="smallfont">Erfahrener Benutzer</div>
    <div class="smallfont"><div>Registriert seit: 03.2006</div><div>Beiträge: 1.204</div></div></td>
    <td class="alt1"><div id="post_message_${id}">${text}</div></td></tr>
    <tr><td class="alt2"><img src="offline.gif" alt=""></td>
    <td class="alt1"><a href="/reply?p=${id}">Zitieren</a></td></tr></table></div>`;
}

/** A box of the forum's beside the posts, of the class its posts' tables have. */
function box(text: string): string {
  return `<table class="tborder"><tr><td class="alt1">${text}</td></tr></table>`;
}

Deno.test("segmentThread() finds a table-laid engine's posts beside more boxes of their class", () => {
  const document = parsePage(
    `<html><body><div class="page">${box('<a href="/">Forum</a> &gt; <a href="/f/3">Heizung</a>')}
    ${box('<a href="/register">Registrieren</a> <a href="/faq">Hilfe</a>')}
    <div id="posts">${
      tablePost(
        301,
        "06.11.2009, 21:14",
        "Heizungsbauer_Nord",
        "Seit dem Wechsel auf die neue Therme taktet die Anlage bei milden Temperaturen extrem.",
      )
    }${
      tablePost(
        302,
        "06.11.2009, 22:03",
        "Thermo-Klaus",
        "Das ist ein klassischer Fall von Überdimensionierung, setz die Taktsperre hoch.",
      )
    }${
      tablePost(
        303,
        "07.11.2009, 08:47",
        "Heizungsbauer_Nord",
        "Danke, mit zwanzig Minuten Taktsperre sind es nur noch elf Starts pro Stunde.",
      )
    }</div>
    ${
      box(
        ["neue Themen zu verfassen", "auf Beiträge zu antworten", "Anhänge hochzuladen"].map((d) =>
          `<div>Es ist Ihnen <strong>nicht erlaubt</strong>, ${d}.</div>`
        ).join(""),
      )
    }
    ${box("<div>Alle Zeitangaben in WEZ +1. Es ist jetzt 14:20 Uhr.</div>")}
    </div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.deepEqual(found.lines, [
    "Heizungsbauer_Nord 06.11.2009, 21:14",
    "Thermo-Klaus 06.11.2009, 22:03",
    "Heizungsbauer_Nord 07.11.2009, 08:47",
  ]);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Erfahrener Benutzer"));
  assert.ok(!text.includes("Zitieren"));
});

/** A post of an engine whose every other post's box has the class with a "2" (SMF 1). */
function alternatingPost(i: number, name: string, date: string, text: string): string {
  return `<table class="bordercolor"><tr><td><table><tr><td class="windowbg${i % 2 ? "2" : ""}">
    <table><tr><td valign="top" width="16%"><b><a href="/profile/${name}">${name}</a></b>
    <div class="smalltext">Full Member<br>Beiträge: 312</div></td>
    <td valign="top"><div class="smalltext">&#171; <b>${
    i ? `Antwort #${i} ` : ""
  }am:</b> ${date} &#187;</div>
    <hr class="hrcolor">
    <div class="post">${text}</div></td></tr>
    <tr><td class="smalltext">Gespeichert</td></tr></table></td></tr></table></td></tr></table>`;
}

Deno.test("segmentThread() reads odd and even posts whose boxes alternate their class as one template", () => {
  const document = parsePage(
    `<html><body><form>${
      [
        "Unser Apfelbaum hat wunderschön geblüht, aber kaum Früchte angesetzt.",
        "Boskop braucht zwei passende Befruchtersorten in der Nähe, sein Pollen taugt nicht.",
        "Danke, die Nachbarn haben nur Kirschen und Pflaumen, ich pflanze einen Cox dazu.",
        "Gute Wahl, bis dahin helfen blühende Zweige einer anderen Sorte im Wassereimer.",
      ].map((text, i) => alternatingPost(i, `Name${i}`, `${12 + i}. Mai 2008, 14:22:10`, text))
        .join("")
    }</form></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 4);
  // The date line's guillemets, the reply's number and its link word ("« Antwort #1 am: … »")
  // are not the date.
  assert.deepEqual(found.lines, [
    "Name0 12. Mai 2008, 14:22:10",
    "Name1 13. Mai 2008, 14:22:10",
    "Name2 14. Mai 2008, 14:22:10",
    "Name3 15. Mai 2008, 14:22:10",
  ]);
  assert.ok(!(document.body.textContent ?? "").includes("Gespeichert"));
});
