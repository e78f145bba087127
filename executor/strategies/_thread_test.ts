import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import {
  addOpeningPost,
  dropCommentSection,
  POST_BODY_ATTR,
  segmentThread,
  threadContainer,
} from "./_thread.ts";
import { autoHtml } from "./_test_page.ts";
import { overlayText } from "./_thread_overlay.ts";

const CARDS_URL = "https://forum.kuestenbastler.example/threads/gezeitenpegel-an-der-mole.48213/";

async function fixture(): Promise<string> {
  return await Deno.readTextFile(new URL("../testdata/types_forum_cards.html", import.meta.url));
}

Deno.test("auto on a thread keeps each post's author, date and body, not its user card", async (t) => {
  const out = await autoHtml(await fixture(), CARDS_URL);
  const content = out.content;
  await t.step("page_type is forum", () => assert.equal(out.metadata.page_type, "forum"));
  await t.step("one attribution line before each body, in thread order", () => {
    const parts = [
      "Hafenmeisterin 14. Okt. 2025",
      "Mein Ultraschallpegel hängt seit drei Wochen an der Mole",
      "Seebär 14. Okt. 2025",
      "Das klingt nach Kondenswasser im Schallkegel.",
      "Möwe42 15. Okt. 2025",
      "Ich hatte dasselbe Problem.",
      "Hafenmeisterin 19. Okt. 2025",
      "Danke euch beiden!",
    ];
    const at = parts.map((p) => {
      const i = content.indexOf(p);
      assert.ok(i >= 0, `content should include ${JSON.stringify(p)}:\n${content}`);
      return i;
    });
    assert.deepEqual(at, [...at].sort((a, b) => a - b));
  });
  await t.step("no user card, post number, share, reaction or reply chrome", () => {
    for (
      const chrome of [
        "Stammgast",
        "Registriert",
        "12. März 2016",
        "4.812",
        "Reaktionspunkte",
        "Kutter",
        "Cuxhaven",
        "Teilen",
        "#2",
        "Gefällt mir",
        "Zitieren",
        "und 3 weitere",
        "Gebaut mit Lötzinn",
      ]
    ) {
      assert.ok(!content.includes(chrome), `content should not include ${chrome}:\n${content}`);
    }
  });
});

Deno.test("segmentThread() finds the posts and their attribution lines", async () => {
  const document = parsePage(await fixture());
  const found = segmentThread(document.body);
  assert.equal(found.posts, 4);
  assert.equal(found.attributed, 4);
  assert.deepEqual(found.lines, [
    "Hafenmeisterin 14. Okt. 2025",
    "Seebär 14. Okt. 2025",
    "Möwe42 15. Okt. 2025",
    "Hafenmeisterin 19. Okt. 2025",
  ]);
});

/** A post of a board without `<time>`: the date is a line of the post header. */
function boardPost(name: string, date: string, text: string): string {
  return `<div class="post bg1"><div class="postbody">
    <p class="author"><a class="username" href="/memberlist.php?u=1">${name}</a> » ${date}</p>
    <div class="content">${text}</div></div>
    <dl class="postprofile"><dt><a class="username" href="/memberlist.php?u=1">${name}</a></dt>
    <dd class="profile-posts"><strong>Posts:</strong> 212</dd>
    <dd class="profile-joined"><strong>Joined:</strong> 4.01.2022, 09:00</dd></dl></div>`;
}

Deno.test("segmentThread() reads a date line without <time> and skips the join date", () => {
  const document = parsePage(
    `<html><body><div class="topic">${
      boardPost("kite_surfer", "3.11.2025, 18:22", "Erster Beitrag mit einer Frage zur Ebbe.")
    }${
      boardPost("nordlicht", "4.11.2025, 07:05", "Antwort mit einem Hinweis zur Flut.")
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, ["kite_surfer » 3.11.2025, 18:22", "nordlicht » 4.11.2025, 07:05"]);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Joined"), text);
  assert.ok(text.includes("Erster Beitrag mit einer Frage zur Ebbe."), text);
});

Deno.test("segmentThread() takes no post subject holding a year for the post's date", () => {
  // SMF writes each post's subject (the thread's title, "Re: …") before its date.
  const post = (name: string, subject: string, date: string, text: string): string =>
    `<div class="windowbg"><div class="post_wrapper"><div class="poster"><h4><a href="/u/${name}">${name}</a></h4>
      <ul class="user_info"><li class="postcount">Beiträge: 12</li></ul></div><div class="postarea">
      <div class="keyinfo"><div class="subject_title"><a href="#m">${subject}</a></div>
      <div class="postinfo"><a href="#m" class="smalltext">${date}</a></div></div>
      <div class="post"><div class="inner">${text}</div></div></div></div></div>`;
  const title = "Wärmepumpe im Altbau von 1962 – lohnt sich das überhaupt?";
  const document = parsePage(
    `<html><body><div id="forumposts">${
      post(
        "Heizungsfrager",
        title,
        "14. Februar 2024, 19:42:00",
        "Die alte Ölheizung ist 28 Jahre alt, die Fassade ist nicht gedämmt. Lohnt sich eine " +
          "Luft-Wasser-Wärmepumpe mit den alten Heizkörpern überhaupt?",
      )
    }${
      post(
        "Sabine_R",
        `Re: ${title}`,
        "15. Februar 2024, 08:27:00",
        "Bei uns läuft sie seit zwei Wintern, Baujahr 1960, nur zwei Heizkörper im Wohnzimmer " +
          "haben wir gegen größere getauscht.",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, [
    "Heizungsfrager 14. Februar 2024, 19:42:00",
    "Sabine_R 15. Februar 2024, 08:27:00",
  ]);
});

Deno.test("segmentThread() keeps a question declared by its schema.org type beside its answers", () => {
  // Question2Answer builds the question ("qa-q-view") and the answers ("qa-a-list-item")
  // from templates of their own.
  const answer = (name: string, text: string): string =>
    `<div class="qa-a-list-item answer" itemprop="suggestedAnswer" itemscope itemtype="https://schema.org/Answer">
      <div class="qa-a-item-main"><div class="qa-a-item-content"><div itemprop="text"><p>${text}</p></div></div>
      <span class="qa-a-item-meta"><time datetime="2024-02-14">14 Feb 2024</time> von
      <a href="/user/${name}" class="qa-user-link">${name}</a></span>
      <div class="qa-a-item-buttons"><input type="submit" value="Kommentieren"></div></div></div>`;
  const document = parsePage(
    `<html><body><div class="qa-main"><h1>Wärmepumpe im Altbau?</h1>
    <div class="qa-q-view question" itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">
    <div class="qa-q-view-main"><span class="qa-q-view-meta"><time>14 Feb 2024</time> von
    <a href="/user/Heizungsfrager" class="qa-user-link">Heizungsfrager</a></span>
    <div class="qa-q-view-content"><div itemprop="text"><p>Unser Haus ist von 1962 und hat alte
    Heizkörper. Lohnt sich eine Luft-Wasser-Wärmepumpe überhaupt?</p></div></div></div></div>
    <div class="qa-part-a-list"><h2>2 Antworten</h2><div class="qa-a-list">${
      answer("Thermo_Klaus", "Lass zuerst eine raumweise Heizlastberechnung machen.")
    }${answer("Sabine_R", "Bei uns läuft sie seit zwei Wintern ohne Probleme.")}</div></div>
    </div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  const marked = [...document.body.querySelectorAll(`[${POST_BODY_ATTR}]`)];
  assert.equal(marked.length, 3);
  assert.ok((marked[0]!.textContent ?? "").includes("Lohnt sich eine Luft-Wasser-Wärmepumpe"));
  // The question's "asked by" line goes as the answers' lines do; its title stays.
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Heizungsfrager"), text);
  assert.ok(text.includes("Wärmepumpe im Altbau?"), text);
});

/** A post of vBulletin 3: a table in an unclassed `<div id="edit…">`, slots told apart by ids. */
function tablePost(n: number, name: string, date: string, text: string, sig: string): string {
  const id = 910400 + n;
  return `<div id="edit${id}" style="padding:0px 0px 6px 0px">
    <table id="post${id}" class="tborder" cellpadding="6" width="100%"><tr>
    <td class="thead"><a name="post${id}"><img src="post_old.gif" alt="Alt"></a> ${date}</td>
    <td class="thead" align="right">#<a href="showpost.php?p=${id}" id="postcount${id}"><strong>${n}</strong></a></td>
    </tr><tr valign="top"><td class="alt2" width="175"><div id="postmenu_${id}">
    <a class="bigusername" href="member.php?u=${n}">${name}</a></div><div class="smallfont">Mitglied</div>
    <div class="smallfont"><div>Registriert seit: 03.2011</div><div>Beiträge: 3.418</div></div></td>
    <td class="alt1" id="td_post_${id}"><div class="smallfont"><strong>AW: Wärmepumpe im Altbau</strong></div>
    <div id="post_message_${id}">${text}</div>${
    sig === "" ? "" : `<div>__________________<br>${sig}</div>`
  }
    </td></tr><tr><td class="alt2"><img src="user_offline.gif" alt="${name} ist offline"></td>
    <td class="alt1" align="right"><a href="newreply.php?p=${id}"><img src="quote.gif" alt="Zitieren"></a></td>
    </tr></table><div id="postmenu_${id}_menu" class="vbmenu_popup" style="display:none">
    <table><tr><td class="vbmenu_option"><a href="member.php?u=${n}">Profil ansehen</a></td></tr></table></div>
    </div>`;
}

Deno.test("segmentThread() reads a board's posts laid out in tables, their slots named by ids", () => {
  const sig = "Viessmann Vitocal 250-A, 12 kW, PV 9,8 kWp";
  const document = parsePage(
    `<html><body><div id="posts">${
      tablePost(
        1,
        "Heizungsfrager",
        "14.02.2024, 19:42",
        "Die alte Ölheizung ist 28 Jahre alt. Lohnt sich eine Wärmepumpe mit den alten Heizkörpern?",
        "",
      )
    }${
      tablePost(
        2,
        "Thermo_Klaus",
        "14.02.2024, 20:15",
        "Lass zuerst eine raumweise Heizlastberechnung machen, das erspart dir viel Ärger.",
        sig,
      )
    }${
      tablePost(
        3,
        "Sabine_R",
        "15.02.2024, 08:27",
        "Bei uns läuft sie seit zwei Wintern, nur zwei Heizkörper haben wir getauscht.",
        sig,
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.deepEqual(found.lines, [
    "Heizungsfrager 14.02.2024, 19:42",
    "Thermo_Klaus 14.02.2024, 20:15",
    "Sabine_R 15.02.2024, 08:27",
  ]);
  const text = document.body.textContent ?? "";
  assert.ok(text.includes("raumweise Heizlastberechnung"), text);
  assert.ok(!text.includes("Registriert seit"), text);
});

/**
 * A post of an older board: the user card before the body, the date in a footer after
 * it, beside the post's number, the author's name again and an edit note.
 */
function footerPost(name: string, n: number, date: string, body: string): string {
  return `<li class="beitrag"><div class="profil"><a class="username" href="/u/${name}">${name}</a>
    <span class="rang">Mitglied</span></div><div class="inhalt"><blockquote class="text">${body}</blockquote>
    </div><div class="fuss"><a class="nummer" href="#b${n}">#${n}</a>
    <span class="info"><a class="username" href="/u/${name}">${name}</a>,
    <span class="datum" title="${date} um 10:15">${date}</span></span>
    <div class="bearbeitet">Zuletzt bearbeitet: ${date}</div></div></li>`;
}

Deno.test("segmentThread() dates a post signed before its body from the footer after it", () => {
  const document = parsePage(
    `<html><body><ol class="beitraege">${
      footerPost("Lotsenkind", 1, "26. Mai 2025", "Welche Boje zeigt den Pegel am zuverlässigsten?")
    }${
      footerPost("Seebaer", 2, "27. Mai 2025", "Die am Molenkopf, sie wird jede Woche geprüft.")
    }</ol></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, ["Lotsenkind 26. Mai 2025", "Seebaer 27. Mai 2025"]);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("bearbeitet"), text);
  assert.ok(text.includes("Die am Molenkopf, sie wird jede Woche geprüft."), text);
});

Deno.test("segmentThread() reads the name and the date a reader sees, not a card or a timestamp", () => {
  // A user card named for the user name holds the name, a post count and a rank; the
  // post header shows the date and hides an ISO timestamp for machines.
  const post = (name: string, date: string, iso: string, text: string): string =>
    `<div class="post row"><dl class="profile"><dt class="has-avatar avatar-username">
      <span class="user-name"><a class="username-coloured" href="/u/${name}">${name}</a></span>
      <span class="stats">516</span><span class="rank">Lid</span></dt></dl>
      <div class="postbody"><p class="author"><span class="posttime">${date}</span>
      <a href="#p1">#1</a><time class="hide" datetime="${iso}">${iso}</time></p>
      <div class="content">${text}</div></div></div>`;
  const document = parsePage(
    `<html><body><div class="topic">${
      post(
        "Vlamvis",
        "4 apr. 2009",
        "2009-04-04T22:32+00:00",
        "Welke vissen passen bij guppen in een bak van zestig liter?",
      )
    }${
      post(
        "Zeepaardje",
        "5 apr. 2009",
        "2009-04-05T08:10+00:00",
        "Platy's en zwaarddragers, en een groepje pantsermeervallen.",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, ["Vlamvis 4 apr. 2009", "Zeepaardje 5 apr. 2009"]);
});

Deno.test("segmentThread() leaves a run of cards without authors or dates alone", () => {
  const card = (title: string, text: string): string =>
    `<li class="teaser"><h3 class="headline"><a href="/a">${title}</a></h3><p class="summary">${text}</p></li>`;
  const html = `<html><body><ul class="teasers">${
    card(
      "Neue Mole",
      "Die Stadt baut eine neue Mole am Hafen, die den Sturmfluten besser standhält.",
    )
  }${
    card(
      "Pegel online",
      "Die Messwerte der Pegel sind nun im Netz, jede Minute neu und für alle offen.",
    )
  }${
    card(
      "Watt im Winter",
      "Führungen im Watt gibt es nun auch im Winter, bei Ebbe und mit warmem Tee.",
    )
  }</ul></body></html>`;
  const document = parsePage(html);
  const found = segmentThread(document.body);
  assert.equal(found.posts, 0);
  assert.ok((document.body.textContent ?? "").includes("Watt im Winter"));
});

Deno.test("segmentThread() groups posts by their declared role and drops reply previews", () => {
  // The first post carries a state class first; each reply shows a preview of the post
  // it answers (a copy of that post's text) above its own body.
  const post = (cls: string, name: string, text: string, preview = ""): string =>
    `<li class="${cls}" itemprop="comment" itemscope itemtype="http://schema.org/Comment">
      <div class="d-flex"><div class="post-container">
        <div class="post-header" itemprop="author" itemscope><meta itemprop="name" content="${name}">
          <a class="fw-bold" href="/user/${name}">${name}</a></div>
        ${preview === "" ? "" : `<div class="parent-preview"><p>${preview}</p></div>`}
        <div class="content" itemprop="text"><p>${text}</p></div>
        <div class="post-footer"><span class="votes">3</span></div>
      </div></div></li>`;
  const first = "Welche Qt-Version bringt die neue Ubuntu-Version mit, weiß das jemand schon?";
  const html = `<html><body><ul class="posts">${post("topic-owner-post", "JonB", first)}${
    post(
      "pt-4",
      "Pl45m4",
      "Laut der Paketliste wird es Qt 6.4 sein, nicht 6.6 wie vermutet. Die Liste für die " +
        "nächste Version nennt schon 6.6, falls du so lange warten kannst.",
      first,
    )
  }${
    post(
      "pt-4 topic-owner-post",
      "JonB",
      "Danke, dann bleibe ich vorerst bei der Paketversion. Die Fehlerberichte zu 6.6 und 6.7 " +
        "haben mich ohnehin abgeschreckt, und 6.4 reicht für mein Projekt völlig aus.",
      first,
    )
  }</ul></body></html>`;
  const document = parsePage(html);
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.deepEqual(found.lines, ["JonB", "Pl45m4", "JonB"]);
  const text = document.body.textContent ?? "";
  assert.equal(text.split(first).length - 1, 1, text);
  assert.ok(text.includes("Danke, dann bleibe ich vorerst bei der Paketversion."), text);
});

Deno.test("segmentThread() finds a short thread on a page of long chrome", () => {
  // The two posts hold a fifth of the page's text; the forum's rules and footer the rest.
  const rules = "Bitte bleibt freundlich und sachlich, auch wenn ihr anderer Meinung seid. ".repeat(
    5,
  );
  const document = parsePage(
    `<html><body><div class="rules"><p>${rules}</p></div><div class="topic">${
      boardPost(
        "kite_surfer",
        "3.11.2025, 18:22",
        "Erster Beitrag mit einer Frage zur Ebbe am Abend.",
      )
    }${
      boardPost(
        "nordlicht",
        "4.11.2025, 07:05",
        "Antwort mit einem Hinweis zur Flut am Morgen danach.",
      )
    }</div><footer><p>${rules}</p></footer></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.ok(!(document.body.textContent ?? "").includes("Joined"));
});

Deno.test("auto keeps a threaded discussion's nested replies and one-line posts", async (t) => {
  const html = await Deno.readTextFile(
    new URL("../testdata/types_forum_nested.html", import.meta.url),
  );
  const url = "https://foro.example/r/acuarismo/comments/8q2kx1/plantas_sin_co2/";
  await t.step("segmentThread() counts each nested reply as a post", () => {
    const found = segmentThread(parsePage(html).body);
    assert.equal(found.posts, 6);
    assert.equal(found.lines?.length, 6);
    // "hace 8 horas" is relative to when the page was fetched: not in the line.
    assert.equal(found.lines?.[1], "lirio_verde");
  });
  const out = await autoHtml(html, url);
  const content = out.content;
  await t.step("page_type is forum", () => assert.equal(out.metadata.page_type, "forum"));
  await t.step("every reply, nested or short, in thread order", () => {
    const parts = [
      "Anubias y helechos de Java atados a una roca",
      "¿Las anubias aguantan también la arena fina?",
      "Sí, mientras el rizoma quede fuera de la arena.",
      "Criptocorynes en el fondo y limnobium flotando",
      "Confirmo lo de las flotantes.",
      "Vallisneria, sin duda.",
    ];
    const at = parts.map((p) => {
      const i = content.indexOf(p);
      assert.ok(i >= 0, `content should include ${JSON.stringify(p)}:\n${content}`);
      return i;
    });
    assert.deepEqual(at, [...at].sort((a, b) => a - b));
  });
  await t.step("no per-post buttons", () => {
    for (const chrome of ["enlace permanente", "responder", "denunciar"]) {
      assert.ok(!content.includes(chrome), `content should not include ${chrome}:\n${content}`);
    }
  });
});

Deno.test("auto on a Q&A page strips the question's user card and comments like the answers'", async (t) => {
  const html = await Deno.readTextFile(new URL("../testdata/types_forum_qa.html", import.meta.url));
  const url = "https://perguntas.example/questions/4812/por-que-o-indice-nao-e-usado";
  await t.step("segmentThread() finds the question beside the run of answers", () => {
    const found = segmentThread(parsePage(html).body);
    assert.equal(found.posts, 2);
    assert.equal(found.outliers, 1);
  });
  const out = await autoHtml(html, url);
  const content = out.content;
  await t.step("page_type is forum", () => assert.equal(out.metadata.page_type, "forum"));
  await t.step("the question and both answers, in order", () => {
    const parts = [
      "Tenho uma tabela com quarenta milhões de linhas",
      "Por que o índice não é usado?",
      "A consulta aplica uma função à coluna",
      "Verifique também as estatísticas da tabela.",
    ];
    const at = parts.map((p) => {
      const i = content.indexOf(p);
      assert.ok(i >= 0, `content should include ${JSON.stringify(p)}:\n${content}`);
      return i;
    });
    assert.deepEqual(at, [...at].sort((a, b) => a - b));
  });
  await t.step("no user card, comment or post menu, under the question either", () => {
    for (
      const chrome of [
        "marina.souza",
        "1.204",
        "medalhas",
        "Qual é o tipo da coluna?",
        "Mostre o plano completo",
        "Isso resolveu",
        "Melhore esta pergunta",
        "Adicionar um comentário",
      ]
    ) {
      assert.ok(!content.includes(chrome), `content should not include ${chrome}:\n${content}`);
    }
  });
});

Deno.test("auto drops the signature a member appends to each post of a thread", async () => {
  const post = (name: string, date: string, text: string, sig: string): string =>
    `<div class="post bg1"><div class="postbody">
      <p class="author"><a class="username" href="/memberlist.php?u=1">${name}</a> » ${date}</p>
      <div class="content">${text}</div>
      <div id="sig${name}" class="signature">${sig}</div></div></div>`;
  const html = `<html><head><title>Ebbe und Flut</title></head><body><div class="topic">${
    post(
      "kite_surfer",
      "3.11.2025, 18:22",
      "Erster Beitrag mit einer Frage zur Ebbe: wann fällt das Watt vor der Mole trocken?",
      "Wer später bremst, ist länger schnell. Grüße von der Küste!",
    )
  }${
    post(
      "nordlicht",
      "4.11.2025, 07:05",
      "Antwort mit einem Hinweis zur Flut: zwei Stunden nach Niedrigwasser ist es zu spät.",
      "Segeln seit 1998, Jollenkreuzer und ein altes Faltboot aus den Sechzigern.",
    )
  }</div></body></html>`;
  const url = "https://forum.example/viewtopic.php?t=4711";
  const out = await autoHtml(html, url);
  assert.equal(out.metadata.page_type, "forum");
  assert.ok(out.content.includes("wann fällt das Watt vor der Mole trocken?"), out.content);
  assert.ok(out.content.includes("zwei Stunden nach Niedrigwasser"), out.content);
  for (const sig of ["länger schnell", "Faltboot"]) {
    assert.ok(!out.content.includes(sig), `content should not include ${sig}:\n${out.content}`);
  }
});

Deno.test("auto drops a long signature under a short thread, whatever else its name says", async () => {
  const sig = "Gemeinschaftsleiterin seit 2019. Ich baue Pegelsensoren, Wetterstationen und " +
    "Bojen für Häfen an der ganzen Küste, schreibe darüber in meinem Blog und gebe Kurse an " +
    "der Volkshochschule. Kaffee für meine Antworten ist nie erwartet, aber immer willkommen.";
  const post = (name: string, date: string, text: string, signed: boolean): string =>
    `<article class="ipsEntry"><header class="ipsEntry__header"><a class="ipsEntry__author" href="/u/${name}">${name}</a>
      <time datetime="2024-08-26T17:29:00Z">${date}</time></header>
      <div class="ipsEntry__content"><div class="ipsEntry__post"><p>${text}</p></div>
      ${signed ? `<div class="ipsEntry__signature"><p>${sig}</p></div>` : ""}</div></article>`;
  const html = `<html><head><title>Fahrplan</title></head><body><main><section class="cTopic">${
    post("ron1cne", "26. August 2024", "Gibt es einen Fahrplan für die nächsten Versionen?", false)
  }${post("paul2009", "27. August 2024", "Den gibt es nur für Mitglieder des Beirats.", true)}${
    post("ron1cne", "28. August 2024", "Danke, dann bewerbe ich mich dort.", false)
  }</section></main></body></html>`;
  const out = await autoHtml(html, "https://forum.example/topic/319445-fahrplan/");
  assert.equal(out.metadata.page_type, "forum");
  assert.ok(out.content.includes("Den gibt es nur für Mitglieder des Beirats."), out.content);
  assert.ok(!out.content.includes("Pegelsensoren"), out.content);
});

Deno.test("auto keeps a thread's own container, not the guest notice and plugs around it", async (t) => {
  const html = await Deno.readTextFile(
    new URL("../testdata/types_forum_guest.html", import.meta.url),
  );
  const url = "https://forum.velisti.example/threads/randa-steccata-o-avvolgibile.5531/";
  const out = await autoHtml(html, url);
  const content = out.content;
  await t.step("page_type is forum", () => assert.equal(out.metadata.page_type, "forum"));
  await t.step("the first post, in a template of its own, and every reply", () => {
    for (
      const part of [
        "una randa steccata classica con lazy bag",
        "Steccata tutta la vita",
        "Io ho l'avvolgibile da sei anni",
        "ho scelto la steccata con due mani di terzaroli",
      ]
    ) assert.ok(content.includes(part), `content should include ${part}:\n${content}`);
  });
  await t.step("no guest notice, call to register or other topics around the thread", () => {
    for (
      const chrome of [
        "Stai leggendo il forum come ospite",
        "Con un account gratuito",
        "Altre discussioni",
        "Ancora a ombrello",
      ]
    ) assert.ok(!content.includes(chrome), `content should not include ${chrome}:\n${content}`);
  });
});

Deno.test("threadContainer() keeps the region when the posts are comments under an article", () => {
  const prose = "Ein langer Absatz des Artikels über Gezeiten, Strömungen und Pegelstände. "
    .repeat(8);
  const comment = (text: string): string =>
    `<div class="comment"><div class="comment-text" ${POST_BODY_ATTR}>${text}</div></div>`;
  const html = `<html><body><main><div class="story"><p>${prose}</p><p>${prose}</p></div>
    <div class="comments">${comment("Danke für den schönen Artikel über die Nordsee!")}${
    comment("Die Karte der Strömungen hätte ich gern größer gesehen.")
  }</div></main></body></html>`;
  const main = parsePage(html).querySelector("main")!;
  assert.equal(threadContainer(main), main);
  const thread = parsePage(html.replace(/<div class="story">.*?<\/div>/s, ""));
  assert.equal(threadContainer(thread.querySelector("main")!).getAttribute("class"), "comments");
});

Deno.test("segmentThread() drops a quote that copies a whole earlier post, keeps a short one", () => {
  const first =
    "Comprei um veleiro de seis metros e quero saber qual âncora usar no fundo de lama " +
    "da baía. O vendedor sugeriu uma âncora de garra, mas li que a de arado segura melhor. " +
    "Alguém já testou as duas com vento forte?";
  const post = (name: string, date: string, text: string): string =>
    `<article class="message"><div class="message-user"><a class="username" href="/u/${name}">${name}</a>
      <span class="userTitle">Marinheiro</span></div>
      <div class="message-main"><div class="message-attribution"><time datetime="2025-03-0${
      date.slice(0, 1)
    }">${date}</time></div><div class="message-body">${text}</div>
      <div class="message-actions"><a href="#">Responder</a></div></div></article>`;
  const quote = (who: string, text: string): string =>
    `<blockquote class="bbCodeBlock"><div class="bbCodeBlock-title">${who} disse:</div>
      <div class="bbCodeBlock-content">${text}</div></blockquote>`;
  const document = parsePage(
    `<html><body><div class="thread">${post("Gaivota", "1 de mar.", first)}${
      post(
        "Bússola",
        "2 de mar.",
        `${quote("Gaivota", first)}Na lama, a de arado enterra e segura; a de garra desliza.`,
      )
    }${
      post(
        "Gaivota",
        "3 de mar.",
        `${
          quote("Bússola", "Na lama, a de arado enterra e segura")
        }Obrigada, vou levar a de arado.`,
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.equal(found.quotes, 1);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  // The first post once (where it was written), the short quote kept with its reply.
  assert.equal(text.split("O vendedor sugeriu uma âncora de garra").length - 1, 1, text);
  assert.ok(text.includes("Bússola disse: Na lama, a de arado enterra e segura"), text);
  assert.ok(text.includes("a de garra desliza"), text);
});

Deno.test("segmentThread() measures a Chinese post quoted whole as its English would be", () => {
  // Sixty-odd Chinese characters are a post of some 180 Latin letters: quoted whole under
  // a reply, the copy goes as the Portuguese one above does. A short quote stays.
  const first = "我买了一条六米长的帆船，想知道在海湾的泥底上应该用哪种锚。卖家推荐爪锚，" +
    "但我读到犁锚抓得更牢。有人在大风天试过这两种锚吗？";
  const post = (name: string, date: string, text: string): string =>
    `<article class="message"><div class="message-user"><a class="username" href="/u/${name}">${name}</a>
      <span class="userTitle">水手</span></div>
      <div class="message-main"><div class="message-attribution"><time datetime="2025-03-0${date}">3月${date}日</time></div>
      <div class="message-body">${text}</div>
      <div class="message-actions"><a href="#">回复</a></div></div></article>`;
  const quote = (who: string, text: string): string =>
    `<blockquote class="bbCodeBlock"><div class="bbCodeBlock-title">${who} 说：</div>
      <div class="bbCodeBlock-content">${text}</div></blockquote>`;
  const document = parsePage(
    `<html><body><div class="thread">${post("海鸥", "1", first)}${
      post("罗盘", "2", `${quote("海鸥", first)}在泥底上，犁锚会扎进去抓牢，爪锚容易拖走。`)
    }${
      post("海鸥", "3", `${quote("罗盘", "在泥底上，犁锚会扎进去抓牢")}谢谢，我就带犁锚了。`)
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.equal(found.quotes, 1);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  assert.equal(text.split("卖家推荐爪锚").length - 1, 1, text);
  // The reply's own words and its short quote of them, both kept.
  assert.equal(text.split("犁锚会扎进去抓牢").length - 1, 2, text);
});

Deno.test("segmentThread() drops a short post quoted whole under a long reply, keeps it under a short one", () => {
  const asked =
    "Welche Kette nehmt ihr für ein Rennrad mit elf Gängen, Shimano oder KMC? Ich fahre " +
    "meist bei Regen zur Arbeit.";
  const thanks = "Danke euch allen, dann bestelle ich heute noch die KMC mit Kettenschloss " +
    "und eine Flasche Nassöl dazu.";
  const answer = "Ich fahre seit drei Jahren die KMC X11 und bin sehr zufrieden damit. Sie hält " +
    "bei mir etwa fünftausend Kilometer, wenn ich sie alle zweihundert Kilometer reinige und " +
    "öle. Die Shimano schaltet einen Hauch weicher, kostet aber fast das Doppelte und braucht " +
    "einen Nietstift statt eines Schlosses, das man unterwegs mit der Hand öffnen kann. " +
    "Bei Regen würde ich außerdem ein Nassöl nehmen und die Kette nach jeder Fahrt abwischen.";
  const post = (name: string, day: number, text: string): string =>
    `<article class="message"><div class="message-user"><a class="username" href="/u/${name}">${name}</a>
      <span class="userTitle">Radler</span></div>
      <div class="message-main"><div class="message-attribution"><time datetime="2025-04-0${day}">${day}. Apr.</time></div>
      <div class="message-body">${text}</div></div></article>`;
  const quote = (who: string, text: string): string =>
    `<blockquote class="bbCodeBlock"><div class="bbCodeBlock-title">${who} sagte:</div>
      <div class="bbCodeBlock-content">${text}</div></blockquote>`;
  const document = parsePage(
    `<html><body><div class="thread">${post("Kurbel", 1, asked)}${
      post("Speiche", 2, `${quote("Kurbel", asked)}${answer}`)
    }${post("Kurbel", 3, thanks)}${
      post("Nabe", 4, `${quote("Kurbel", thanks)}Gute Wahl!`)
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 4);
  assert.equal(found.quotes, 1);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  // The question once, where it was asked; the thanks twice, the short reply's quote kept.
  assert.equal(text.split("Welche Kette nehmt ihr").length - 1, 1, text);
  assert.equal(text.split("Danke euch allen").length - 1, 2, text);
  assert.ok(text.includes("Kurbel sagte: Danke euch allen"), text);
  assert.ok(text.includes("Gute Wahl!"), text);
});

Deno.test("segmentThread() keeps a long quote picked out of a longer post, drops a whole post quoted piece by piece", () => {
  const paragraphs = [
    "Przez trzy tygodnie sprawdzałem, jak długo chleb na zakwasie żytnim rośnie w chłodnej " +
    "kuchni zimą, i za każdym razem ciasto potrzebowało prawie dwanaście godzin, zanim podwoiło objętość.",
    "W ciepłej kuchni latem wystarczało sześć godzin, ale skórka wychodziła wtedy cieńsza, " +
    "a miękisz bardziej kwaśny, choć mąka, woda i zakwas były dokładnie te same co " +
    "w styczniu i lutym.",
    "Piekłem zawsze w żeliwnym garnku pod przykryciem przez czterdzieści minut w temperaturze " +
    "dwustu trzydziestu stopni, a potem jeszcze dziesięć minut bez pokrywki, żeby skórka się przyrumieniła.",
    "Czy ktoś z was zauważył podobną różnicę i czy warto zimą trzymać ciasto przy kaloryferze, " +
    "czy raczej pogodzić się z dłuższym czasem i planować pieczenie dzień wcześniej, " +
    "jeszcze przed kolacją, wieczorem?",
  ];
  const post = (name: string, day: number, body: string): string =>
    `<article class="wpis"><div class="autor"><a class="username" href="/u/${name}">${name}</a>
      <time datetime="2025-01-0${day}">${day} sty 2025</time></div>
      <div class="tresc">${body}</div></article>`;
  const quote = (text: string): string =>
    `<blockquote class="cytat"><div class="cytat-tresc">${text}</div></blockquote>`;
  const document = parsePage(
    `<html><body><div class="watek">${
      post("Piekarz", 1, paragraphs.map((p) => `<p>${p}</p>`).join(""))
    }${
      post(
        "Mąka",
        2,
        `${quote(paragraphs[0]!)}<p>U mnie zimą też tak było, pomógł piekarnik z lampką.</p>`,
      )
    }${
      post(
        "Drożdż",
        3,
        paragraphs.map((p) => `${quote(p)}<p>Zgadzam się z tym punktem.</p>`).join(""),
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  // The reply that takes one paragraph of four keeps it; the reply that answers the whole
  // post point by point loses its four quotes.
  assert.equal(found.quotes, 4);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  assert.equal(text.split("Przez trzy tygodnie sprawdzałem").length - 1, 2, text);
  assert.equal(text.split("W ciepłej kuchni latem").length - 1, 1, text);
  assert.ok(text.includes("pomógł piekarnik z lampką"), text);
  assert.equal(text.split("Zgadzam się z tym punktem.").length - 1, 4, text);
});

Deno.test("auto puts a thread's opening post that only its JSON-LD holds at the head", async () => {
  // The engine renders the first post with a script: the page holds its JSON-LD copy and
  // the replies (one quotes a line of the first post).
  const opening = "Quale ancora tiene meglio su un fondale di fango? Ho una barca di sei metri " +
    "e la marra che ho ora ara il fondo appena rinforza il vento.";
  const ld = {
    "@context": "https://schema.org",
    "@type": "DiscussionForumPosting",
    headline: "Ancora per fondali di fango",
    text: opening,
    author: { "@type": "Person", name: "Gabbiano" },
  };
  const reply = (name: string, text: string): string =>
    `<article class="reply"><div class="reply-author"><a class="username" href="/u/${name}">${name}</a></div>
      <div class="reply-meta"><time datetime="2025-03-02">2 marzo 2025</time></div>
      <div class="reply-body"><p>${text}</p></div></article>`;
  const html = `<html><head><title>Ancora per fondali di fango</title>
    <script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><main>
    <h1>Ancora per fondali di fango</h1><div class="replies">${
    reply(
      "Bussola",
      "<blockquote>Quale ancora tiene meglio su un fondale di fango?</blockquote>Sul fango l'aratro affonda e tiene, la marra scivola.",
    )
  }${
    reply("Gabbiano", "Grazie, allora provo l'aratro alla prossima uscita in baia.")
  }</div></main></body></html>`;
  const url = "https://forum.velisti.example/topic/4821-ancora-per-fondali-di-fango/";
  const out = await autoHtml(html, url);
  const content = out.content;
  assert.equal(out.metadata.page_type, "forum");
  const at = [
    "Gabbiano",
    "la marra che ho ora ara il fondo appena rinforza il vento.",
    "Sul fango l'aratro affonda e tiene",
    "Grazie, allora provo l'aratro",
  ].map((part) => {
    const i = content.indexOf(part);
    assert.ok(i >= 0, `content should include ${JSON.stringify(part)}:\n${content}`);
    return i;
  });
  assert.deepEqual(at, [...at].sort((a, b) => a - b));
});

Deno.test("addOpeningPost() leaves a thread that shows its opening post alone", () => {
  const document = parsePage(
    `<html><body><main><p>Quale ancora tiene meglio su un fondale di fango, con vento forte?</p></main></body></html>`,
  );
  const main = document.querySelector("main")!;
  addOpeningPost(main, {
    text: "Quale ancora tiene meglio su un fondale di fango, con vento forte?",
    author: "Gabbiano",
  });
  assert.equal(main.children.length, 1);
});

Deno.test("segmentThread() finds replies an engine puts in a wrapper beside their parent post", () => {
  // Each top-level post is followed (not wrapped) by a container of its replies, built
  // from the same template; the replies carry their own user card and post header.
  const post = (level: string, name: string, date: string, text: string): string =>
    `<article class="js-post nested-${level}"><div class="card"><header class="card-head">
      <a class="card-name" href="/m/${name}" itemprop="author">${name}</a>
      <span class="card-stats">412 mensajes · Desde 2009</span></header>
      <div class="card-meta"><time datetime="2024-01-03">${date}</time></div>
      <div class="card-body"><div class="post-text">${text}</div></div>
      <footer class="card-foot"><a href="#">Responder</a> <a href="#">Citar</a></footer></div></article>`;
  const children = (inner: string): string =>
    `<div class="children-wrapper"><div class="children-container">${inner}</div></div>`;
  const document = parsePage(
    `<html><body><main><div class="thread">${
      post("root", "Garza", "3 ene 2024", "¿Qué proyector recomendáis para una sala sin ventanas?")
    }${
      children(
        post("child", "Milano", "3 ene 2024", "Uno de tiro corto, si la pared es blanca y lisa."),
      )
    }${
      post("root", "Cerceta", "4 ene 2024", "Mira también la luminosidad, no solo el contraste.")
    }${children(post("child", "Garza", "4 ene 2024", "Gracias, la sala es totalmente oscura."))}${
      post("root", "Alcotán", "5 ene 2024", "Yo cambié al láser y no echo de menos la lámpara.")
    }</div></main></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 5);
  assert.deepEqual(found.lines, [
    "Garza 3 ene 2024",
    "Milano 3 ene 2024",
    "Cerceta 4 ene 2024",
    "Garza 4 ene 2024",
    "Alcotán 5 ene 2024",
  ]);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("412 mensajes"), text);
});

Deno.test("segmentThread() drops the action bars and the reply form beside the posts", () => {
  const post = (name: string, date: string, text: string): string =>
    `<div class="post bg1"><div class="postbody"><p class="author"><a class="username" href="/u/${name}">${name}</a>
      » ${date}</p><div class="content">${text}</div></div>
      <dl class="postprofile"><dd class="profile-posts">Messages : 87</dd></dl></div>`;
  const bar = `<div class="action-bar"><a class="button" href="/reply">Répondre</a>
    <div class="pagination">12 messages • Page 1 sur 1</div></div>`;
  const document = parsePage(
    `<html><body><h1>Gréement d'un dériveur</h1><div id="page-body">${bar}${
      post(
        "Cormoran",
        "2 mai 2024, 09:12",
        "Faut-il une bôme à palan ou à écoute directe sur un dériveur de quatre mètres ?",
      )
    }${
      post(
        "Fou_de_Bassan",
        "2 mai 2024, 10:40",
        "À écoute directe : plus simple à régler et moins de poulies qui cassent.",
      )
    }${
      post(
        "Cormoran",
        "3 mai 2024, 18:05",
        "Merci, je garde l'écoute directe et je change juste le taquet.",
      )
    }${bar}<form class="quickreply"><h2>Réponse rapide</h2><textarea></textarea>
      <p>Vous devez être connecté pour répondre à ce sujet.</p></form>
    <p class="jumpbox-return"><a href="/f/3">Retourner vers « Voile légère »</a></p></div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  for (
    const chrome of ["Page 1 sur 1", "Répondre", "Réponse rapide", "connecté", "Retourner vers"]
  ) {
    assert.ok(!text.includes(chrome), `should not include ${chrome}: ${text}`);
  }
  for (
    const part of [
      "Gréement d'un dériveur",
      "bôme à palan",
      "moins de poulies",
      "change juste le taquet",
    ]
  ) {
    assert.ok(text.includes(part), `should include ${part}: ${text}`);
  }
});

Deno.test("segmentThread() drops a hidden copy of the first post, keeps the post", () => {
  // The engine repeats the first post for machines (microdata) in a block its CSS hides.
  const first = "Le mât de mon dériveur grince à chaque virement de bord depuis que j'ai changé " +
    "l'emplanture. Faut-il graisser le pied de mât ou caler l'étambrai ?";
  const post = (name: string, date: string, text: string): string =>
    `<article class="message"><div class="message-user"><a class="username" href="/u/${name}">${name}</a></div>
      <div class="message-main"><time datetime="2024-05-0${date.slice(0, 1)}">${date}</time>
      <div class="message-body">${text}</div></div></article>`;
  const document = parsePage(
    `<html><body><h1>Mât qui grince</h1><div class="thread" itemscope itemtype="https://schema.org/DiscussionForumPosting">
      <div class="hidden"><span itemprop="author">Sterne</span><div itemprop="text">${first}</div></div>
      ${post("Sterne", "2 mai 2024", first)}${
      post(
        "Goéland",
        "3 mai 2024",
        "Cale l'étambrai avec une bande de cuir, le grincement vient de là.",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  assert.equal(text.split("Faut-il graisser le pied de mât").length - 1, 1, text);
  assert.ok(text.includes("Sterne 2 mai 2024"), text);
});

Deno.test("auto keeps the source line of a quote in a reply, a link to the quoted post", async () => {
  const post = (name: string, date: string, text: string): string =>
    `<article class="message"><div class="message-user"><a class="username" href="/u/${name}">${name}</a>
      <span class="userTitle">Membro</span></div>
      <div class="message-main"><time datetime="2024-07-1${date.slice(0, 1)}">${date}</time>
      <div class="message-body">${text}</div>
      <div class="message-actions"><a href="#">Rispondi</a></div></div></article>`;
  const quote = (who: string, id: string, text: string): string =>
    `<blockquote class="bbCodeBlock"><div class="bbCodeBlock-title"><a href="/goto/post?id=${id}" rel="nofollow">${who} ha scritto:</a></div>
      <div class="bbCodeBlock-content">${text}</div></blockquote>`;
  const html =
    `<html><head><title>Graduatorie 2024</title></head><body><main><h1>Graduatorie 2024</h1>
    <div class="thread">${
      post(
        "Airone",
        "1 lug 2024",
        "Sono uscite le prime convocazioni per i colloqui di luglio, in bocca al lupo a tutti!",
      )
    }${
      post(
        "Nibbio",
        "2 lug 2024",
        `${
          quote("Airone", "11", "Sono uscite le prime convocazioni")
        }Confermo, la mia è arrivata ieri sera per email.`,
      )
    }${
      post(
        "Airone",
        "3 lug 2024",
        "Ottimo, allora aspetto ancora qualche giorno prima di scrivere alla segreteria.",
      )
    }</div></main></body></html>`;
  const url = "https://forum.specializzandi.example/threads/graduatorie-2024.48211/";
  const out = await autoHtml(html, url);
  assert.equal(out.metadata.page_type, "forum");
  const content = out.content;
  const source = content.indexOf("Airone ha scritto:");
  const reply = content.indexOf("Confermo, la mia è arrivata ieri sera");
  assert.ok(source >= 0 && source < reply, content);
});

Deno.test("auto writes the numbers of a numbered list its author typed in a post", async () => {
  const post = (name: string, date: string, text: string): string =>
    `<article class="message"><div class="message-user"><a class="username" href="/u/${name}">${name}</a></div>
      <div class="message-main"><time datetime="2024-09-0${date.slice(0, 1)}">${date}</time>
      <div class="message-body">${text}</div>
      <div class="message-actions"><a href="#">Reageer</a></div></div></article>`;
  const html = `<html><head><title>Kajuit lakken</title></head><body><main><h1>Kajuit lakken</h1>
    <div class="thread">${
    post(
      "Meerkoet",
      "1 sep 2024",
      "Hoe pakken jullie het lakken van een houten kajuit aan? De oude laag bladdert overal af.",
    )
  }${
    post(
      "Fuut",
      "2 sep 2024",
      `<p>Zo doe ik het al jaren:</p><ol><li>Alles schuren met korrel 120 tot het hout kaal is.</li>
        <li>Stofvrij maken en ontvetten met verdunning.</li><li>Drie dunne lagen, steeds licht tussenschuren.</li></ol>
        <p>Volgende stap:</p><ol start="4"><li>Een dag laten uitharden voordat je het zeil er weer over legt.</li></ol>`,
    )
  }${
    post("Meerkoet", "3 sep 2024", "Dank je, dan begin ik zaterdag met schuren op de steiger.")
  }</div><ol class="rules"><li>Blijf vriendelijk tegen elkaar op het forum.</li>
    <li>Geen reclame voor werven.</li></ol></main></body></html>`;
  const url = "https://forum.houtenbootjes.example/threads/kajuit-lakken.48212/";
  const out = await autoHtml(html, url);
  assert.equal(out.metadata.page_type, "forum");
  const content = out.content;
  for (
    const line of [
      "1. Alles schuren met korrel 120",
      "2. Stofvrij maken",
      "3. Drie dunne lagen",
      "4. Een dag laten uitharden",
    ]
  ) assert.ok(content.includes(line), `${line}\n${content}`);
  // The forum's own list, outside the posts, is not a post's text.
  assert.ok(!/\d\. (Blijf vriendelijk|Geen reclame)/.test(content), content);
});

Deno.test("segmentThread() leaves a relative date out of the attribution line", () => {
  // "vor 17 Stunden" was true when the page was fetched; a date with a year or a time
  // of day stays true.
  const post = (name: string, date: string, iso: string, text: string): string =>
    `<div class="comment thing"><p class="tagline"><a class="author" href="/user/${name}">${name}</a>
      <time datetime="${iso}" title="${iso}">${date}</time></p>
      <div class="usertext-body">${text}</div>
      <ul class="buttons"><li><a href="#">Antworten</a></li><li><a href="#">Teilen</a></li></ul></div>`;
  const document = parsePage(
    `<html><body><div class="comments">${
      post(
        "Uferschwalbe",
        "vor 17 Stunden",
        "2026-03-05T09:12:00Z",
        "Die Fähre fährt im Winter nur noch zweimal am Tag, plant also genug Zeit ein.",
      )
    }${
      post(
        "Kranich",
        "vor 2 Tagen",
        "2026-03-03T18:40:00Z",
        "Am Wochenende gibt es zusätzlich eine Abendfähre um halb neun.",
      )
    }${
      post(
        "Seeadler",
        "3. März 2026, 18:40",
        "2026-03-03T18:40:00Z",
        "Fahrräder kosten extra, das Ticket gibt es nur am Schalter.",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.deepEqual(found.lines, ["Uferschwalbe", "Kranich", "Seeadler 3. März 2026, 18:40"]);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("vor 17 Stunden"), text);
  assert.ok(text.includes("Die Fähre fährt im Winter nur noch zweimal am Tag"), text);
});

Deno.test("segmentThread() keeps a day of this year written with its month's name", () => {
  // Vanilla writes a post of the current year as "Februar 14": no year, but a day all the
  // same, unlike "vor 2 Tagen".
  const post = (name: string, date: string, text: string): string =>
    `<li class="Item ItemComment"><div class="Comment"><div class="Item-Header CommentHeader">
      <span class="Author"><a href="/profile/${name}" class="Username">${name}</a></span>
      <span class="MItem DateCreated"><time datetime="2024-02-14T18:42:00+00:00">${date}</time></span>
      </div><div class="Item-Body"><div class="Message userContent">${text}</div></div></div></li>`;
  const document = parsePage(
    `<html><body><ul class="MessageList Comments">${
      post(
        "Sabine_R",
        "Februar 14",
        "Die Wärmepumpe läuft bei uns seit zwei Wintern ohne Probleme.",
      )
    }${post("Gasfreund", "vor 2 Tagen", "Bei einem ungedämmten Haus wäre ich vorsichtig.")}${
      post("Thermo_Klaus", "Feb 15th", "Die meisten Altbauten haben zu große Heizkörper.")
    }</ul></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  assert.deepEqual(found.lines, ["Sabine_R Februar 14", "Gasfreund", "Thermo_Klaus Feb 15th"]);
});

Deno.test("segmentThread() leaves out the word a date opens with to join it to the name", () => {
  // "pivert le 3 mars 2026" reads as a sentence; the line is the name and the date. A
  // date that opens with its day or its month keeps all it says.
  const post = (name: string, date: string, text: string): string =>
    `<div class="comment"><div class="comhead"><a class="hnuser" href="/user/${name}">${name}</a>
      <span class="age" title="2026-03-03T18:40:00Z"><a href="#${name}">${date}</a></span></div>
      <div class="commtext">${text}</div></div>`;
  const document = parsePage(
    `<html><body><div class="comments">${
      post("pivert", "le 3 mars 2026", "La navette ne circule plus le dimanche depuis janvier.")
    }${post("mesange", "à 18:40", "Elle reprend en avril, selon l'affiche de la gare routière.")}${
      post("grive", "4 mars 2026", "Le bus de 7 h 10 passe toujours, lui, même en hiver.")
    }${
      post("loriot", "Mars 2026", "Les horaires d'été sont déjà en ligne sur le site.")
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 4);
  assert.deepEqual(found.lines, [
    "pivert 3 mars 2026",
    "mesange 18:40",
    "grive 4 mars 2026",
    "loriot Mars 2026",
  ]);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("le 3 mars"), text);
  assert.ok(text.includes("La navette ne circule plus le dimanche"), text);
});

Deno.test("auto keeps the source line an engine writes before a quote, ending in a colon", async () => {
  const post = (name: string, date: string, text: string): string =>
    `<li class="post-item" component="post"><div class="post-header"><a class="username" href="/user/${name}">${name}</a>
      <span class="timeago" title="${date}">${date}</span></div>
      <div class="content" component="post/content">${text}</div>
      <div class="post-tools"><a href="#">Svara</a><a href="#">Citera</a></div></li>`;
  const html =
    `<html><head><title>Laddare till elcykel</title></head><body><main><h1>Laddare till elcykel</h1>
    <ul class="posts">${
      post(
        "Hackspett",
        "12 maj 2024 08:14",
        "<p>Går det att ladda en elcykel på 36 volt med en laddare för 42 volt utan att batteriet tar skada?</p>",
      )
    }${
      post(
        "Trana",
        "12 maj 2024 09:30",
        `<p><a href="/user/hackspett">@Hackspett</a> sa i <a href="/post/71">Laddare till elcykel på 36 volt</a>:</p>
        <blockquote><p>med en laddare för 42 volt</p></blockquote>
        <p>Ja, 42 volt är laddspänningen för ett batteri på 36 volt, så det är rätt laddare.</p>`,
      )
    }${
      post("Hackspett", "12 maj 2024 10:02", "<p>Tack, då beställer jag den i kväll.</p>")
    }</ul></main></body></html>`;
  const url = "https://forum.cyklister.example/topic/4411/laddare-till-elcykel";
  const out = await autoHtml(html, url);
  assert.equal(out.metadata.page_type, "forum");
  const content = out.content;
  const source = content.indexOf("@Hackspett sa i Laddare till elcykel på 36 volt:");
  const reply = content.indexOf("Ja, 42 volt är laddspänningen");
  assert.ok(source >= 0 && source < reply, content);
});

Deno.test("segmentThread() drops an ad and a time-gap marker between two posts", () => {
  const post = (name: string, date: string, text: string): string =>
    `<div class="post bg1"><div class="postbody"><p class="author"><a class="username" href="/u/${name}">${name}</a>
      » ${date}</p><div class="content">${text}</div></div>
      <dl class="postprofile"><dd class="profile-posts">Viestejä: 87</dd></dl></div>`;
  const document = parsePage(
    `<html><body><h1>Mökin kaivon vesi</h1><div id="page-body">${
      post(
        "Kuikka",
        "2.5.2024 klo 09.12",
        "Kaivon vesi on alkanut haista rikiltä. Auttaako kalkitus vai pitääkö kaivo puhdistaa?",
      )
    }<div class="ad-slot"><a href="/go/12">Porakaivot edullisesti – pyydä tarjous tänään!</a></div>${
      post(
        "Kuovi",
        "2.5.2024 klo 10.40",
        "Rikin haju tulee usein pohjasta: tyhjennä ja puhdista kaivo ennen kalkitusta.",
      )
    }<div class="timeline-gap">2 viikkoa myöhemmin…</div>${
      post(
        "Kuikka",
        "18.5.2024 klo 18.05",
        "Puhdistus auttoi, vesi on nyt hajutonta. Kiitos vinkistä!",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 3);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  for (const chrome of ["Porakaivot edullisesti", "2 viikkoa myöhemmin"]) {
    assert.ok(!text.includes(chrome), `should not include ${chrome}: ${text}`);
  }
  for (const part of ["haista rikiltä", "puhdista kaivo ennen kalkitusta", "Puhdistus auttoi"]) {
    assert.ok(text.includes(part), `should include ${part}: ${text}`);
  }
});

Deno.test("segmentThread() drops an ad in a post's template, its author and permalink linked nowhere", () => {
  const post = (name: string, profile: string, link: string, date: string, text: string): string =>
    `<article class="comment"><div class="author"><h3><a href="${profile}">${name}</a></h3>
      <a class="permalink" href="${link}">Posted <time datetime="2025-08-26">${date}</time></a></div>
      <div class="comment-body"><p>${text}</p></div></article>`;
  const document = parsePage(
    `<html><body><h1>Welke camera voor straatfotografie?</h1><div id="comments">${
      post(
        "Jorien",
        "/profile/81-jorien/",
        "/topic/42/?comment=1",
        "26 augustus 2025",
        "Ik zoek een compacte camera voor straatfotografie en portretten. Wat raden jullie aan?",
      )
    }${
      post(
        "Reclame",
        "#",
        "#",
        "26 augustus 2025",
        "Bekijk hier de beste aanbiedingen voor camera's en objectieven bij onze partners!",
      )
    }${
      post(
        "Pieter",
        "https://forum.lenzen.example/profile/7-pieter/",
        "https://forum.lenzen.example/topic/42/?comment=2",
        "26 augustus 2025",
        "Een camera met een vaste lens van 28 mm is licht en onopvallend op straat.",
      )
    }${
      post(
        "Jorien",
        "/profile/81-jorien/",
        "/topic/42/?comment=3",
        "27 augustus 2025",
        "Dank je, ik heb er een gekocht en ben er erg blij mee. De lens is scherp.",
      )
    }${
      post(
        "Sanne",
        "/profile/12-sanne/",
        "/topic/42/?comment=4",
        "28 augustus 2025",
        "Let ook op de accuduur als je een hele dag door de stad wilt lopen met je camera.",
      )
    }</div></body></html>`,
  );
  segmentThread(document.body);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  for (const ad of ["Reclame", "beste aanbiedingen"]) {
    assert.ok(!text.includes(ad), `should not include ${ad}: ${text}`);
  }
  for (const part of ["compacte camera", "vaste lens van 28 mm", "erg blij mee", "accuduur"]) {
    assert.ok(text.includes(part), `should include ${part}: ${text}`);
  }
});

Deno.test("segmentThread() keeps posts whose authors are all linked nowhere", () => {
  const post = (name: string, text: string): string =>
    `<article class="comment"><div class="author"><h3><a href="#">${name}</a></h3>
      <a class="permalink" href="#">Posted <time datetime="2025-08-26">26 augustus 2025</time></a></div>
      <div class="comment-body"><p>${text}</p></div></article>`;
  const document = parsePage(
    `<html><body><h1>Welke camera?</h1><div id="comments">${
      post("Jorien", "Ik zoek een compacte camera voor straatfotografie en portretten.")
    }${post("Pieter", "Een camera met een vaste lens van 28 mm is licht en onopvallend.")}${
      post("Sanne", "Let ook op de accuduur als je een hele dag door de stad loopt.")
    }${
      post("Kees", "Tweedehands kopen scheelt veel geld bij een goede winkel.")
    }</div></body></html>`,
  );
  segmentThread(document.body);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  for (const part of ["compacte camera", "vaste lens", "accuduur", "Tweedehands"]) {
    assert.ok(text.includes(part), `should include ${part}: ${text}`);
  }
});

/**
 * A post as a script renderer writes it on the server: hashed class names, every word
 * its own text node between two comments, and a user card whose rank is one long line.
 */
function renderedPost(name: string, date: string, words: string): string {
  return `<div class="c-1x9q e12"><div class="c-hd7"><a class="c-u0" href="/u/${name}">${name}</a>
    <span class="c-rk2">Ehrenamtlicher Moderator des Forums</span>
    <time datetime="2025-05-26">${date}</time></div>
    <div class="c-tx4"><span>${words.split(" ").join("<!-- --> <!-- -->")}</span></div></div>`;
}

Deno.test("segmentThread() reads a post's words split by a renderer's comments as written text", () => {
  const document = parsePage(
    `<html><body><div class="c-th1">${
      renderedPost(
        "Lotsenkind",
        "26. Mai 2025",
        "Welche Boje zeigt den Pegel am Molenkopf am zuverlässigsten, wenn der Wind aus West kommt?",
      )
    }${
      renderedPost(
        "Seebaer",
        "27. Mai 2025",
        "Die rote am Molenkopf, sie wird jede Woche vom Hafenamt geprüft und neu eingestellt.",
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.deepEqual(found.lines, ["26. Mai 2025", "27. Mai 2025"]);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  assert.ok(!text.includes("Ehrenamtlicher Moderator"), text);
  assert.ok(text.includes("sie wird jede Woche vom Hafenamt geprüft"), text);
});

Deno.test("overlayText() counts the overlays a name marks in any case, not the others", () => {
  const body = parsePage(
    `<html><body><main><p>Der Pegel an der Mole.</p></main>
    <div class="siteCookieNotice">a</div><section id="GDPR_box">b</section>
    <div class="x-CONSENT">c</div><div class="coo\u212Aies">d</div>
    <div class="cookbook">e</div><div id="consentido">f</div></body></html>`,
  ).body;
  const lens = new Map<Element, number>();
  let n = 1;
  for (const el of body.querySelectorAll("*")) lens.set(el, n *= 2);
  const want = [".siteCookieNotice", "#GDPR_box", ".x-CONSENT", `[class="coo\u212Aies"]`]
    .reduce((sum, sel) => sum + lens.get(body.querySelector(sel)!)!, 0);
  assert.equal(overlayText(body, lens), want);
});

Deno.test("dropCommentSection() drops signed posts under a comments heading, in their box", async (t) => {
  const post = (user: string, hour: number, text: string): string =>
    `<li class="x1"><div class="x2"><span class="x3">${user}</span>` +
    `<span class="x4">03.06.2024 1${hour}:10</span></div><p class="x5">${text}</p>` +
    `<div class="x6"><button>Antworten</button></div></li>`;
  const posts =
    post("Hans_G", 2, "Bei uns im Ort wird seit acht Jahren über einen Aufzug geredet.") +
    post("Pendlerin", 3, "Ich muss mit dem Kinderwagen jeden Tag die Treppe nehmen.") +
    post("k.mayer", 4, "Ein einziger Aufzug kostet heute schnell eine Million Euro.");
  const story = "<h1>Bahn modernisiert Bahnhöfe</h1><div><p>Die Bahn will in den kommenden " +
    "fünf Jahren mehr als vierzig Bahnhöfe in Bayern modernisieren.</p></div>";
  const run = (heading: string): string => {
    const body = parsePage(
      `<html><body>${story}<div><h2>${heading}</h2><p>Bitte beachten Sie die Netiquette.</p>` +
        `<ul>${posts}</ul><button>Weitere laden</button></div></body></html>`,
    ).body as unknown as Element;
    dropCommentSection(body);
    return body.textContent ?? "";
  };

  await t.step("under 'Kommentare (3)' the box goes, the story stays", () => {
    const out = run("Kommentare (3)");
    assert.ok(!out.includes("Aufzug") && !out.includes("Netiquette"), out);
    assert.ok(out.includes("vierzig Bahnhöfe"), out);
  });

  await t.step("under another heading the posts stay", () => {
    assert.ok(run("Stimmen aus der Region").includes("Aufzug"));
  });
});

Deno.test("auto reads a thread of one post: its author and date, not the blocks beside it", async () => {
  // vBulletin 4, a question with no answer yet: one post box numbered by its id
  // (li#post_482310), no run of posts; similar topics and the board's permissions beside it.
  const html = await Deno.readTextFile(
    new URL("../testdata/threads_vb4_one.html", import.meta.url),
  );
  const out = await autoHtml(html, "https://forum.example.de/showthread.php?12345");
  const content = out.content;
  assert.equal(out.metadata.page_type, "forum");
  assert.ok(content.startsWith("Heizungsfrager 14.02.2024, 19:42\n"), content);
  assert.ok(content.includes("Wer hat Erfahrungen mit einer Wärmepumpe"), content);
  for (const chrome of ["Themen-Informationen", "Ähnliche Themen", "Berechtigungen", "Antworten"]) {
    assert.ok(!content.includes(chrome), `${chrome} should go:\n${content}`);
  }
});

Deno.test("auto reads a thread of one post numbered by its place (Discourse's post_1)", async () => {
  const html = await Deno.readTextFile(
    new URL("../testdata/threads_discourse_one.html", import.meta.url),
  );
  const out = await autoHtml(html, "https://forum.example.de/t/waermepumpe/4711");
  assert.equal(out.metadata.page_type, "forum");
  assert.ok(out.content.startsWith("Heizungsfrager 14. Februar 2024, 19:42\n"), out.content);
  assert.ok(!out.content.includes("Verwandte Themen"), out.content);
});

Deno.test("auto reads a thread of one post numbered by a data attribute, beside a numbered notice", async () => {
  // vBulletin 5: the post is li[data-node-id], inside a numbered widget (div#widget_8), and the
  // guest notice beside it is li[data-notice-id] of another template.
  const html = await Deno.readTextFile(
    new URL("../testdata/threads_vb5_one.html", import.meta.url),
  );
  const out = await autoHtml(html, "https://forum.example.de/forum/heizung/662000-waermepumpe");
  assert.equal(out.metadata.page_type, "forum");
  assert.ok(out.content.startsWith("Heizungsfrager 14.02.2024, 19:42\n"), out.content);
  assert.ok(!out.content.includes("Wenn dies Ihr erster Besuch"), out.content);
});
