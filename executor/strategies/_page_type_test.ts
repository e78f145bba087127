import assert from "node:assert/strict";
import { classifyPage, detectPageType } from "./_page_type.ts";
import { parsePage } from "./auto.ts";

function detect(html: string, url = "https://site.example/page"): string {
  return detectPageType(parsePage(html), url);
}

const LD = (o: unknown): string =>
  `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

Deno.test("detectPageType() reads structured data first", async (t) => {
  await t.step("JSON-LD Product", () => {
    assert.equal(
      detect(`<head>${LD({ "@type": "Product", name: "Lamp" })}</head><p>x</p>`),
      "product",
    );
  });
  await t.step("JSON-LD in a @graph and as mainEntity", () => {
    assert.equal(
      detect(LD({ "@graph": [{ "@type": "WebPage" }, { "@type": "NewsArticle" }] })),
      "article",
    );
    assert.equal(detect(LD({ "@type": "QAPage", mainEntity: { "@type": "Question" } })), "forum");
  });
  await t.step("og:type product and article", () => {
    assert.equal(detect(`<meta property="og:type" content="product"><p>x</p>`), "product");
    assert.equal(detect(`<meta property="og:type" content="article"><p>x</p>`), "article");
  });
  await t.step("JSON-LD with raw line breaks and tabs inside its strings", () => {
    const ld = '{"@context":"http://schema.org","@type":"DiscussionForumPosting",' +
      '"headline":"Wann kommt das Update?","text":"Erste Zeile\n\tzweite Zeile"}';
    assert.equal(
      detect(`<script type="application/ld+json">${ld}</script><p>x</p>`),
      "forum",
    );
  });
  await t.step("microdata on every card of a priced grid marks the grid's items", () => {
    // A shop's category page (in Spanish) whose template marks each card with
    // schema.org/Product microdata: the marks count once, as a list of products.
    const card = (i: number): string =>
      `<div class="producto"><article class="miniatura" itemscope itemtype="http://schema.org/Product">` +
      `<h2 itemprop="name"><a href="/es/${i}-camiseta.html">Camiseta número ${i}</a></h2>` +
      `<span class="precio">${15 + i},12 €</span></article></div>`;
    const grid = Array.from({ length: 8 }, (_, i) => card(i)).join("");
    assert.equal(detect(`<h1>Ropa</h1><div class="productos">${grid}</div>`), "collection");
    // One product's page marks one.
    assert.equal(
      detect(
        `<div itemscope itemtype="http://schema.org/Product"><h1 itemprop="name">Camiseta</h1>` +
          `<span>15,12 €</span><p>Algodón orgánico, impresa a mano.</p></div>`,
      ),
      "product",
    );
  });
  await t.step("broken JSON-LD is ignored", () => {
    assert.equal(
      detect(
        `<script type="application/ld+json">{oops</script><p>x</p>`,
        "https://site.example/docs/install",
      ),
      "documentation",
    );
  });
  await t.step("an FAQPage votes for no type", () => {
    // A story (in French) by a publisher that closes it with its questions and answers in
    // JSON-LD: the FAQ does not make the publisher's page a service's.
    const faq = LD({
      "@type": "FAQPage",
      mainEntity: [{
        "@type": "Question",
        name: "Combien coûte le dossier ?",
        acceptedAnswer: { "@type": "Answer", text: "Il est gratuit." },
      }],
    });
    const org = LD({ "@type": "Organization", name: "Le Courrier du Val" });
    assert.equal(
      detect(
        `<head><meta property="og:type" content="article">${org}${faq}</head>` +
          `<h1>La rentrée des classes</h1><p>Les élèves ont retrouvé leurs salles ce matin.</p>`,
      ),
      "article",
    );
  });
});

Deno.test("detectPageType() reads generic URL shapes, never host names", async (t) => {
  const cases: Array<[string, string]> = [
    ["https://shop.example/products/blue-mug", "product"],
    // A product detail page's path word outweighs a long descriptive slug.
    ["https://shop.example/lighting/pdp/brass-desk-lamp-with-linen-shade-bl1026.html", "product"],
    ["https://shop.example/collections/mugs", "collection"],
    // WooCommerce's words for a shop's categories and tags, at any depth.
    ["https://shop.example/product-category/kitchen/mugs/", "collection"],
    ["https://shop.example/product-tag/stoneware/", "collection"],
    ["https://forum.example/viewtopic.php?t=123", "forum"],
    ["https://forum.example/t/slow-build/4411", "forum"],
    ["https://board.example/index.php?topic=5890.0", "forum"],
    [
      "https://groups.example/aquaristik/was-vor-dem-kauf-neuer-fische-zu-beachten-ist-t17351.html",
      "forum",
    ],
    ["https://lib.example/docs/getting-started", "documentation"],
    ["https://paper.example/2025/03/14/the-long-story-of-a-small-town-bakery", "article"],
    ["https://agency.example/services/", "service"],
    // The same path words in other languages, accented letters escaped as in a URL.
    ["https://laden.example/produkt/blaue-tasse-350ml", "product"],
    ["https://boutique.example/categorie/tasses", "collection"],
    ["https://foro.example/tema/12345-el-filtro-hace-ruido", "forum"],
    // Forum engines' own topic links, as Chinese, Russian and Japanese boards write them.
    ["https://bbs.example/forum.php?mod=viewthread&tid=48213&extra=page%3D1", "forum"],
    ["https://forum.example/index.php?showtopic=91822", "forum"],
    ["https://board.example/test/read.cgi/news/1712345678/", "forum"],
    ["https://app.example/es/documentaci%C3%B3n/instalar", "documentation"],
    ["https://zeitung.example/nachrichten/", "listing"],
    ["https://agentur.example/leistungen/", "service"],
    // A story's slug in the site's own script, as the URL escapes it.
    [`https://gazeta.example/${encodeURI("как-выбрать-зимние-шины-для-города")}/`, "article"],
    [`https://efimerida.example/${encodeURI("πώς-να-επιλέξετε-χειμερινά-ελαστικά")}`, "article"],
    // Scripts that write their vowels as marks on the letters (Hindi, Thai, Tamil).
    [`https://samachar.example/${encodeURI("सर्दियों-के-टायर-कैसे-चुनें-जानिए")}`, "article"],
    [`https://khao.example/${encodeURI("วิธี-เลือก-ยาง-รถยนต์-สำหรับ-ฤดูหนาว")}`, "article"],
    [`https://seithi.example/${encodeURI("குளிர்கால-டயர்களை-எப்படி-தேர்வு-செய்வது-என்பது")}`, "article"],
  ];
  for (const [url, type] of cases) {
    await t.step(`${url} is ${type}`, () => assert.equal(detect("<p>Some text.</p>", url), type));
  }
});

Deno.test("detectPageType() reads the path words of Turkish and transliterated Russian sites", async (t) => {
  const page = "<h1>Заголовок</h1><p>Короткий текст страницы.</p>";
  const cases: Array<[string, string]> = [
    ["https://magazin.example/katalog/chajniki/", "collection"],
    ["https://magaza.example/kategori/caydanlik", "collection"],
    ["https://magaza.example/urun/celik-caydanlik", "product"],
    ["https://gazeta.example/novosti/", "listing"],
    ["https://gazete.example/haberler", "listing"],
    ["https://firma.example/hizmetlerimiz/", "service"],
    ["https://firma.example/iletisim", "service"],
    ["https://firma.example/kontakty/", "service"],
    ["https://destek.example/yardim/hesap", "documentation"],
  ];
  for (const [url, type] of cases) {
    await t.step(`${url} is ${type}`, () => assert.equal(detect(page, url), type));
  }
});

Deno.test("detectPageType() reads a service word that closes a path's compound name", async (t) => {
  const page = "<h1>IT-Dienstleistungen</h1><p>Wir betreuen Ihre Server und Ihr Netzwerk.</p>";
  const cases: Array<[string, string]> = [
    // An offer's landing page named for its line of business.
    ["https://agentur.example/it-dienstleistungen/", "service"],
    ["https://agencia.example/es/analitica-de-datos-servicios", "service"],
    ["https://app.example/entwickler-platform", "service"],
    // Five words or more are a story's slug, whatever word ends it.
    ["https://zeitung.example/die-stadt-senkt-ihre-preise", "article"],
    // A word that only begins with a service word names nothing.
    ["https://laden.example/tee-planschbecken", "other"],
  ];
  for (const [url, type] of cases) {
    await t.step(`${url} is ${type}`, () => assert.equal(detect(page, url), type));
  }
});

Deno.test("detectPageType() reads the kind of entry a publishing system names on the body", async (t) => {
  const page = "<h1>Datenanalyse</h1><p>Wir machen aus Ihren Daten Berichte, die jeder liest.</p>";
  const cases: Array<[string, string]> = [
    // WordPress names one entry of a kind "single-<kind>", Drupal "page-node-type-<kind>":
    // read as the address the entry would be filed under.
    ["wp-singular single single-service postid-14976", "service"],
    ["page-node-type-leistungen", "service"],
    ["single single-team-solutions", "service"],
    // A blog's own posts, a theme's formats and any other kind name nothing.
    ["single single-post postid-12", "other"],
    ["single single-format-video", "other"],
    ["single single-rezept", "other"],
    // WordPress names an archive of a shop's products (WooCommerce's shop, one of its
    // categories or tags) so: the shop's kind, whatever its address.
    ["archive tax-product_cat term-mugs woocommerce woocommerce-page", "collection"],
    ["archive post-type-archive post-type-archive-product woocommerce-shop", "collection"],
    ["archive tax-product_tag term-blue woocommerce", "collection"],
    ["wp-singular page-template-default page woocommerce-shop woocommerce", "collection"],
    // Magento's category page.
    ["page-products categorypath-women-tops category-tops catalog-category-view", "collection"],
    // A blog's archive of one category names no shop.
    ["archive category category-news", "other"],
  ];
  for (const [classes, type] of cases) {
    await t.step(`${classes} is ${type}`, () => {
      assert.equal(detect(`<body class="${classes}"><main>${page}</main></body>`), type);
    });
  }
});

Deno.test("detectPageType() reads the shape of the DOM", async (t) => {
  await t.step("a grid of priced items is a collection", () => {
    const items = Array.from(
      { length: 12 },
      (_, i) =>
        `<li class="card"><a href="/p/${i}">Product number ${i}</a> <span>$${
          10 + i
        }.00</span></li>`,
    ).join("");
    assert.equal(detect(`<ul class="grid">${items}</ul>`), "collection");
  });
  await t.step("a grid of priced items is a collection beside a longer menu", () => {
    const menu = Array.from(
      { length: 20 },
      (_, i) => `<li class="menu-item"><a href="/c/${i}">Department number ${i}</a></li>`,
    ).join("");
    const items = Array.from(
      { length: 8 },
      (_, i) =>
        `<div class="tile"><a href="/p/${i}">Product number ${i}</a> <span>${
          10 + i
        },00 €</span></div>`,
    ).join("");
    assert.equal(
      detect(`<ul class="menu">${menu}</ul><div class="grid">${items}</div>`),
      "collection",
    );
  });
  await t.step("a heading named a product's title is a product beside a grid of others", () => {
    // A shop's page for one kettle (in Polish) that cannot be bought now: no cart, no
    // structured data, and a carousel of eight other kettles with their prices.
    const others = Array.from(
      { length: 8 },
      (_, i) =>
        `<li class="karta"><a href="/x/${i}">Czajnik numer ${i}</a> <span>${
          100 + i
        },00 zł</span></li>`,
    ).join("");
    for (
      const heading of [
        `<h1 class="product_title entry-title">Czajnik stalowy Brzask</h1>`,
        `<h1 id="title"><span id="productTitle">Czajnik stalowy Brzask</span></h1>`,
        `<div class="pdp-name"><h1>Czajnik stalowy Brzask</h1></div>`,
      ]
    ) {
      const page = `${heading}<p>Obecnie niedostępny.</p><p>Stal nierdzewna, 1,7 litra.</p>` +
        `<h2>Inne czajniki</h2><ul class="karuzela">${others}</ul>`;
      assert.equal(detect(page), "product", heading);
    }
    // A category's heading names no product: its grid makes it a collection.
    assert.equal(
      detect(`<h1 class="category-title">Czajniki</h1><ul class="siatka">${others}</ul>`),
      "collection",
    );
  });
  await t.step("a price in a block of its own, written right after the name", () => {
    // No space between the name's block and the price's: the text runs "… Nummer 7¥1207".
    const items = Array.from(
      { length: 8 },
      (_, i) =>
        `<div class="item"><div class="item-name"><a href="/p/${i}">Ersatzteil Nummer ${i}</a></div><div class="item-price">¥${
          1200 + i
        }</div></div>`,
    ).join("");
    assert.equal(detect(`<div class="items">${items}</div>`), "collection");
  });
  await t.step("prices in roubles, lira and riyals, written as their shops write them", () => {
    // The grid is a collection beside a longer menu only when its prices are read.
    const menu = Array.from(
      { length: 20 },
      (_, i) => `<li class="menu-item"><a href="/c/${i}">Раздел номер ${i}</a></li>`,
    ).join("");
    const page = (price: (i: number) => string) => {
      const items = Array.from(
        { length: 8 },
        (_, i) =>
          `<div class="tile"><a href="/p/${i}">Товар номер ${i}</a> <span>${price(i)}</span></div>`,
      ).join("");
      return `<ul class="menu">${menu}</ul><div class="grid">${items}</div>`;
    };
    for (
      const price of [
        (i: number) => `1 ${990 + i} руб.`,
        (i: number) => `${120 + i} грн.`,
        (i: number) => `1.${299 + i},90 TL`,
        (i: number) => `${299 + i}.00 ر.س`,
        (i: number) => `د.إ ${150 + i}`,
      ]
    ) {
      assert.equal(detect(page(price)), "collection", price(0));
    }
    // A German recipe's teaspoons are no lira.
    assert.notEqual(detect(page((i) => `${i + 1} TL Zucker`)), "collection");
  });
  await t.step("prices in the digits of other scripts and in Asian and Arab currencies", () => {
    // A grid beside a longer menu, as above: a collection only when its prices are read.
    const menu = Array.from(
      { length: 20 },
      (_, i) => `<li class="menu-item"><a href="/c/${i}">القسم رقم ${i}</a></li>`,
    ).join("");
    const page = (price: (i: number) => string) => {
      const items = Array.from(
        { length: 8 },
        (_, i) =>
          `<div class="tile"><a href="/p/${i}">منتج رقم ${i}</a> <span>${price(i)}</span></div>`,
      ).join("");
      return `<ul class="menu">${menu}</ul><div class="grid">${items}</div>`;
    };
    const arabic = (n: number) => n.toLocaleString("ar-EG", { useGrouping: false });
    const persian = (n: number) => n.toLocaleString("fa-IR");
    const devanagari = (n: number) => n.toLocaleString("hi-IN-u-nu-deva");
    for (
      const price of [
        (i: number) => `${arabic(299 + i)}٫٠٠ ر.س`,
        (i: number) => `${persian(120000 + i)} تومان`,
        (i: number) => `₹ ${devanagari(1299 + i)}`,
        (i: number) => `${99 + i} ريال`,
        (i: number) => `Rp ${150 + i}.000`,
        (i: number) => `RM${59 + i}.90`,
        (i: number) => `Rs. ${1 + i},299`,
        (i: number) => `${12 + i} 990 ₸`,
      ]
    ) {
      assert.equal(detect(page(price)), "collection", price(0));
    }
  });
  await t.step("a price whose sign closes it, right before the next block's text", () => {
    // A shop's cards written without a space between the price's block and the cart
    // button's: the text runs "… 12,90 €In den Warenkorb".
    const items = Array.from(
      { length: 8 },
      (_, i) =>
        `<li class="product"><a href="/p/${i}"><h2>Becher Nummer ${i}</h2><span class="price">${
          12 + i
        },90&nbsp;€</span></a><a class="knopf" href="?add=${i}">In den Warenkorb</a></li>`,
    ).join("");
    assert.equal(detect(`<ul class="products">${items}</ul>`), "collection");
  });
  await t.step("an essay under a collection's path is not a collection", () => {
    const url = "https://museum.example/collection/scheepsjournaal-1790";
    const essay = [
      "Het scheepsjournaal van de Zeemeeuw beschrijft een reis van Texel naar Batavia die",
      "bijna negen maanden duurde, met dagelijkse notities over wind, koers en bemanning.",
      "De schipper noteerde niet alleen het weer maar ook de ziektes aan boord, de",
      "rantsoenen en de ruzies tussen matrozen, wat het journaal tot een zeldzame bron maakt.",
      "Onderzoekers gebruiken het document om de klimaatgeschiedenis van de Atlantische",
      "Oceaan te reconstrueren, omdat de metingen opvallend nauwkeurig en volledig zijn.",
      "Het museum kocht het journaal in 1921 op een veiling in Amsterdam; sinds de",
      "restauratie van 2019 is het in zijn geheel gedigitaliseerd en vrij te raadplegen.",
      "Bij de digitalisering bleek dat enkele bladzijden later zijn toegevoegd: het papier",
      "en de inkt verschillen, en de hand van de schrijver is die van een stuurman.",
      "Deze pagina bespreekt die toevoegingen, de route van het schip en de vragen die",
      "historici nog altijd over de laatste weken van de reis stellen.",
      "Een transcriptie van het hele journaal, met een register van namen en plaatsen,",
      "staat onderaan deze pagina en kan als tekstbestand worden gedownload.",
    ];
    const paragraphs = [0, 2, 4, 6, 8, 10, 12].map((i) => `<p>${essay[i]} ${essay[i + 1]}</p>`);
    const tags = ["Reizen", "Klimaat", "Handschriften"]
      .map((w) => `<li><a href="/t/${w}">${w}</a></li>`).join("");
    const page = `<h1>Scheepsjournaal</h1>${paragraphs.join("")}<ul>${tags}</ul>`;
    assert.notEqual(detect(page, url), "collection");
    // The same path over a short page still says collection.
    assert.equal(detect("<p>Some text.</p>", url), "collection");
  });
  await t.step("code blocks make documentation", () => {
    assert.equal(
      detect(`<h1>Install</h1><pre>npm i x</pre><p>Then</p><pre>x --help</pre>`),
      "documentation",
    );
  });
  await t.step("a dated post full of inline code is an article, not documentation", () => {
    const code = ["src/", ".config", "README.md", "build.yml", "CODEOWNERS", "docs/", "x.json"]
      .map((c) => `<p>The <code>${c}</code> entry sets one option of the project.</p>`).join("");
    const post = `<h1 class="title">Configure a project with <code>.config</code></h1>` +
      `<span><time>Dec 19, 2025</time></span>` +
      `<div><a class="tag" href="/tag/tech">#tech</a> <a class="tag" href="/tag/work">#work</a></div>` +
      `<div class="post">${code}</div>`;
    // The site's name is the page's first <h1>, in its header.
    const site =
      `<header><h1>Jo Writer</h1><h2>Engineer</h2></header><nav><a href="/">home</a></nav>`;
    assert.equal(detect(`${site}<main><article>${post}</article></main>`), "article");
    // The same text without a dated <article> stays documentation.
    assert.equal(detect(`${site}<main>${post.replace(/<\/?time>/g, "")}</main>`), "documentation");
    // A page of several dated posts is not one post.
    assert.notEqual(
      detect(`${site}<main><article>${post}</article><article>${post}</article></main>`),
      "article",
    );
  });
  await t.step("a page with no signal is other", () => {
    assert.equal(detect("<p>Hello.</p>", "https://site.example/"), "other");
    assert.equal(detect("<p>Hello.</p>", "https://site.example/x"), "other");
  });
});

Deno.test("detectPageType() knows a thread by its shape, whatever its URL", async (t) => {
  await t.step("threads of four engines at an address that says nothing", async () => {
    for (
      const name of ["types_forum", "types_forum_cards", "types_forum_guest", "types_forum_table"]
    ) {
      const html = await Deno.readTextFile(new URL(`../testdata/${name}.html`, import.meta.url));
      assert.equal(detect(html), "forum", name);
    }
  });
  const comment = (author: string, day: number, text: string): string =>
    `<li class="comment"><div class="comment-meta"><span class="author">${author}</span> ` +
    `<time datetime="2025-03-${day}">${day}.03.2025 10:${day}</time></div>` +
    `<div class="comment-body"><p>${text}</p></div></li>`;
  const comments = `<ol class="comments">${
    [
      comment("Ilse", 11, "Bei uns im Dorf wurde die Bäckerei letztes Jahr ebenfalls geschlossen."),
      comment("Bernd", 12, "Der Artikel erklärt gut, warum sich die Öfen nicht mehr rechnen."),
      comment("Marta", 13, "Wir fahren jetzt jeden Samstag in die Stadt, um Brot zu kaufen."),
      comment("Jonas", 14, "Vielleicht findet sich ja doch noch ein Nachfolger für den Betrieb."),
    ].join("")
  }</ol>`;
  await t.step("signed comments alone are a thread", () => {
    assert.equal(detect(`<h1>Die letzte Bäckerei</h1>${comments}`), "forum");
  });
  await t.step("an article above its signed comments is not a thread", () => {
    const sentence = "Die Bäckerei am Marktplatz schließt nach einhundertzwanzig Jahren, " +
      "weil sich kein Nachfolger für den Familienbetrieb gefunden hat.";
    // The comments hold over a fifth of the page's text, enough to be a run of posts.
    const article = `<article><h1>Die letzte Bäckerei</h1>${
      `<p>${sentence} ${sentence}</p>`.repeat(2)
    }</article>`;
    assert.notEqual(detect(`${article}${comments}`), "forum");
  });
  await t.step("a short story under which more readers write is not a thread either", async () => {
    // A news page whose six comments outweigh its two paragraphs, its class names hashed:
    // the heading over the posts names a comment section.
    const html = await Deno.readTextFile(
      new URL("../testdata/blogs_comments.html", import.meta.url),
    );
    assert.notEqual(detect(html), "forum");
    // With no story above them, the posts under that heading are still a thread.
    const posts = html.slice(
      html.indexOf('<div class="c_m3">'),
      html.indexOf('<div class="f_r8">'),
    );
    assert.equal(detect(`<h1>Bahn modernisiert Bahnhöfe</h1>${posts}`), "forum");
  });
  await t.step(
    "nor is a blog's post written in lines between <br>s, with a sidebar after",
    async () => {
      // A Blogger post, its class names hashed: the story is spans and line breaks, no <p>,
      // and the sidebar's heading comes after the comments.
      const html = await Deno.readTextFile(
        new URL("../testdata/blogs_blogger_comments.html", import.meta.url),
      );
      assert.notEqual(detect(html), "forum");
    },
  );
  await t.step(
    "a forum's opening post written in its replies' template, above a comments heading, opens a thread",
    async () => {
      // Vanilla: the discussion's post stands above "Kommentare", the replies under it, each
      // body a div.Message like the opening post's.
      const html = await Deno.readTextFile(
        new URL("../testdata/threads_vanilla.html", import.meta.url),
      );
      assert.equal(detect(html), "forum");
      // The opening post in a box of its own template is a story over its comments.
      assert.notEqual(
        detect(html.replace('<div class="Message userContent">Hallo', '<div class="Story">Hallo')),
        "forum",
      );
    },
  );
  await t.step(
    "a question with one answer is a thread; an article with two comments is not",
    () => {
      const post = (author: string, hour: number, text: string): string =>
        `<div class="viesti"><div class="tiedot"><span class="author">${author}</span> ` +
        `<span class="aika">2025-11-02 0${hour}:23:21</span></div>` +
        `<div class="sisalto"><p>${text}</p></div></div>`;
      const two = post(
        "Aino",
        6,
        "Miksi asennuslevyn koko kasvoi viime vuonna lähes kaksinkertaiseksi? Mikä muuttui?",
      ) +
        post(
          "Eero",
          8,
          "Käynnistyslatain vaihtui, joten ydin ja sen levykuva ovat nyt levyllä kahteen kertaan.",
        );
      assert.equal(detect(`<h1>Asennuslevyn koko</h1><div class="ketju">${two}</div>`), "forum");
      const sentence = "Kaupungin vanhin leipomo sulkee ovensa sadan vuoden jälkeen, " +
        "koska perheyritykselle ei löytynyt jatkajaa eikä uusia uunejakaan kannattanut ostaa.";
      const article = `<article><h1>Viimeinen leipomo</h1>${
        `<p>${sentence} ${sentence}</p>`.repeat(2)
      }</article>`;
      assert.notEqual(detect(`${article}<div class="ketju">${two}</div>`), "forum");
    },
  );
  await t.step("a playlist that shows each video's length is not a thread", () => {
    const video = (n: number): string =>
      `<div class="item"><div class="meta"><span class="length">${n}:0${n}</span></div>` +
      `<div class="body"><p>Ein kurzer Film über die Bäckerei am Marktplatz, Teil ${n}.</p></div></div>`;
    assert.notEqual(
      detect(`<div class="playlist">${[1, 2, 3, 4, 5].map(video).join("")}</div>`),
      "forum",
    );
    // The same playlist in Persian, its lengths in Persian digits ("۱:۰۱").
    const persian = (n: number): string =>
      `<div class="item"><div class="meta"><span class="length">${n.toLocaleString("fa-IR")}:${
        (0).toLocaleString("fa-IR")
      }${n.toLocaleString("fa-IR")}</span></div>` +
      `<div class="body"><p>فیلمی کوتاه درباره نانوایی میدان شهر، بخش ${n}.</p></div></div>`;
    assert.notEqual(
      detect(`<div class="playlist">${[1, 2, 3, 4, 5].map(persian).join("")}</div>`),
      "forum",
    );
  });
});

Deno.test("detectPageType() reads a quantity field as a product's buy box", () => {
  const page = "<h1>Silla de oficina Aurelia</h1><p>Respaldo alto tapizado en vinilo.</p>" +
    '<form action="/pedido"><label>Cantidad <input name="quantity" value="1"></label>' +
    "<button>Añadir a la cesta</button></form><h2>Medidas</h2><p>Asiento: 50 cm</p>";
  assert.equal(detect(page, "https://tienda.example/x7/q"), "product");
  // A product grid's quantity fields do not make a shop's category a product page.
  const card = (i: number): string =>
    `<li class="tarjeta"><a href="/s${i}">Silla ${i}</a> <span>${i}9,00 €</span>` +
    `<input name="qty" value="1"></li>`;
  const grid = `<h1>Sillas</h1><ul>${[1, 2, 3, 4, 5, 6, 7].map(card).join("")}</ul>`;
  assert.equal(detect(grid, "https://tienda.example/x7/q"), "collection");
});

Deno.test("detectPageType() tells a thread's posts from a listing's items", async (t) => {
  const menu = `<nav><ul>${
    ["Cucina regionale", "Ricette di stagione", "Vini e cantine locali", "Pane e lievitati"]
      .flatMap((s) => [s, `${s} (archivio)`])
      .map((s, i) => `<li><a href="/sezione/${i}">${s}</a></li>`).join("")
  }</ul></nav>`;
  await t.step("a thread whose every post is an <article>", () => {
    const post = (author: string, day: number, text: string): string =>
      `<article class="post"><div class="meta"><span class="author">${author}</span> ` +
      `<time datetime="2025-05-${day}">${day}/05/2025</time></div>` +
      `<div class="body"><p>${text} ${text}</p></div></article>`;
    const thread = [
      post("Giulia", 11, "Il mio lievito madre non cresce più da una settimana, cosa sbaglio?"),
      post("Marco", 12, "Prova a rinfrescarlo due volte al giorno con farina integrale."),
      post("Anna", 13, "Anche a me è successo d'inverno: la cucina era troppo fredda."),
      post("Paolo", 14, "Tienilo nel forno spento con la luce accesa, funziona benissimo."),
      post("Giulia", 15, "Grazie a tutti, dopo tre giorni ha ripreso a crescere."),
    ].join("");
    assert.equal(
      detect(
        `${menu}<h1>Lievito madre che non cresce</h1><div class="discussione">${thread}</div>`,
      ),
      "forum",
    );
  });
  await t.step("a listing whose every item is an <article> headed by its link", () => {
    const item = (n: number): string =>
      `<article class="teaser"><h2><a href="/ricette/${n}">Ricetta della settimana ${n}</a></h2>` +
      `<span class="author">Redazione</span> <time datetime="2025-05-1${n}">1${n}/05/2025</time>` +
      `<p>Una ricetta semplice della tradizione, pronta in meno di un'ora.</p></article>`;
    assert.equal(detect(`${menu}<h1>Ricette</h1>${[1, 2, 3, 4, 5].map(item).join("")}`), "listing");
  });
  await t.step("a thread whose posts name prices is no shop's grid", () => {
    const sentence = "Compré la bicicleta de segunda mano por 120 € y el cambio nuevo me costó " +
      "otros 45 € en el taller del barrio, aunque el mecánico tardó dos semanas en montarlo.";
    const post = (author: string, day: number): string =>
      `<div class="post"><div class="meta"><span class="author">${author}</span> ` +
      `<time datetime="2025-06-${day}">${day}/06/2025</time></div>` +
      `<div class="body"><p>${sentence} ${sentence} ${sentence} ${sentence}</p></div></div>`;
    const thread = `<div class="thread">${
      ["Lucía", "Javier", "Carmen", "Diego", "Elena", "Raúl"].map((a, i) => post(a, 10 + i))
        .join("")
    }</div>`;
    assert.equal(detect(`<h1>¿Cuánto pagasteis por vuestra bici?</h1>${thread}`), "forum");
  });
});

Deno.test("detectPageType() reads a buy box beside a grid of what else the shop sells", () => {
  const card = (i: number): string =>
    `<li class="tarjeta"><a href="/sillas/${i}">Silla modelo ${i}</a> <span>${i}9,00 €</span></li>`;
  const others = `<h2>También te puede interesar</h2><ul>${
    [1, 2, 3, 4, 5, 6].map(card).join("")
  }</ul>`;
  const page = "<h1>Silla de oficina Aurelia</h1><p>Respaldo alto tapizado en vinilo.</p>" +
    '<p>149,00 €</p><form action="/pedido"><label>Cantidad <input name="quantity" value="1">' +
    `</label><button>Añadir a la cesta</button></form>${others}`;
  assert.equal(detect(page, "https://tienda.example/x7/q"), "product");
  // The same grid without the buy box is a shop's category.
  assert.equal(detect(`<h1>Sillas</h1>${others}`, "https://tienda.example/x7/q"), "collection");
});

Deno.test("detectPageType() weighs a carousel of priced cards as a shelf beside the page's subject", async (t) => {
  const card = (i: number): string =>
    `<div class="swiper-slide"><div class="card"><a href="/produkt/reiswein-${i}">` +
    `<img src="/r${i}.jpg"></a><h5>Reiswein Nummer ${i}</h5><p>${i}2,00 €</p>` +
    `<a href="/produkt/reiswein-${i}">Kaufen</a></div></div>`;
  const cards = [1, 2, 3, 4, 5, 6, 7, 8].map(card).join("");
  const story = '<head><meta property="og:type" content="article"></head><body>' +
    "<h1>Eine Brauerei seit 1743</h1><p>Seit 1743 braut das Haus Reiswein in Kobe.</p>";
  const url = "https://marke.example/x/y";
  await t.step("a brand's story over a slider of its bottles: an article", () => {
    const page = `${story}<div class="swiper"><div class="swiper-wrapper">${cards}</div></div>`;
    assert.equal(detect(page, url), "article");
  });
  await t.step("slides that ARIA marks as such: an article", () => {
    const slides = cards.replaceAll('class="swiper-slide"', 'aria-roledescription="slide"');
    assert.equal(detect(`${story}<section><div>${slides}</div></section>`, url), "article");
  });
  await t.step("the same cards laid out in a grid: a collection", () => {
    const grid = cards.replaceAll("swiper-slide", "kachel");
    assert.equal(detect(`${story}<div class="raster"><div>${grid}</div></div>`, url), "collection");
  });
});

Deno.test("detectPageType() reads a shop's range that its og:type calls a product", async (t) => {
  // A computer shop's page of its range (in Finnish): its template sets og:type product
  // on every page; a grid of priced cards and nothing that buys one of them.
  const og = `<head><meta property="og:type" content="product"></head>`;
  const card = (i: number): string =>
    `<li class="kortti"><a href="/kannettava/${i}">Kannettava ${i}</a> <span>${i}99,00 €</span></li>`;
  const grid = `<ul>${[1, 2, 3, 4, 5, 6, 7].map(card).join("")}</ul>`;
  await t.step("the grid is the page's run of items: a collection", () => {
    assert.equal(detect(`${og}<h1>Osta kannettava</h1>${grid}`), "collection");
  });
  await t.step("beside a buy box, the grid is what else the shop sells", () => {
    const buy = '<p>1 299,00 €</p><form action="/kori"><input name="quantity" value="1">' +
      "<button>Lisää koriin</button></form>";
    assert.equal(detect(`${og}<h1>Kannettava Aino</h1>${buy}${grid}`), "product");
  });
  await t.step("beside a longer run of the site's categories, a hub's carousel of goods", () => {
    const menu = `<ul>${
      Array.from(
        { length: 16 },
        (_, i) =>
          `<li class="osasto"><a href="/osasto/${i}"><img src="/o${i}.png" alt=""> Osasto numero ${i}</a></li>`,
      ).join("")
    }</ul>`;
    assert.equal(detect(`${og}<h1>Kannettavat</h1>${menu}${grid}`), "product");
  });
});

Deno.test("detectPageType() reads a category declared a product for its rating beside its grid", async (t) => {
  const card = (i: number): string =>
    `<li class="produit"><a href="/barbecues/${i}">Barbecue gaz modèle ${i}</a> <span>${i}49,00 €</span></li>`;
  const grid = `<h1>Barbecues gaz</h1><ul class="grille">${
    [1, 2, 3, 4, 5, 6, 7, 8].map(card).join("")
  }</ul>`;
  const rated = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: "Barbecues gaz",
    description: "Tous nos barbecues gaz, de 1 à 6 brûleurs.",
    aggregateRating: { "@type": "AggregateRating", ratingValue: "4.7", reviewCount: "137" },
  };
  const url = "https://boutique.example/10-barbecues-gaz";
  await t.step("a name and stars beside a grid of priced cards: a collection", () => {
    assert.equal(detect(`<head>${LD(rated)}</head><body>${grid}</body>`, url), "collection");
  });
  await t.step("a product with an offer, an identifier or a picture is one for sale", () => {
    for (const extra of [{ offers: { price: "449.00" } }, { sku: "BBQ-4" }, { image: "/b.jpg" }]) {
      const page = `<head>${LD({ ...rated, ...extra })}</head><body>${grid}</body>`;
      assert.equal(detect(page, url), "product", Object.keys(extra)[0]);
    }
  });
  await t.step("the same product without a grid is the page's product", () => {
    const page = `<head>${LD(rated)}</head><body><h1>Barbecues gaz</h1><p>Brûleurs.</p></body>`;
    assert.equal(detect(page, url), "product");
  });
});

Deno.test("detectPageType() reads a service's page that declares a product for its rating", async (t) => {
  const offer = (name: string): string =>
    `<div class="angebot"><h3>${name}</h3><p>Wir kommen innerhalb von 48 Stunden zu Ihnen ` +
    "und beraten Sie vor Ort.</p></div>";
  const blocks = ["Wespen", "Ameisen", "Mäuse", "Ratten", "Schaben", "Bettwanzen"].map(offer);
  const page = (product: unknown): string =>
    `<head>${LD(product)}${
      LD({ "@context": "https://schema.org", "@type": "LocalBusiness", name: "Kammerjäger Nord" })
    }</head><body><h1>Gutscheine</h1><div class="angebote">${blocks.join("")}</div></body>`;
  const rated = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: "Schädlingsbekämpfung",
    aggregateRating: { "@type": "AggregateRating", ratingValue: "4.9", reviewCount: "212" },
  };
  await t.step("a name and stars beside a service's headed blocks: the service's page", () => {
    assert.equal(detect(page(rated)), "service");
  });
  await t.step("a product with an offer beside the same blocks is one for sale", () => {
    assert.equal(detect(page({ ...rated, offers: { price: "89.00" } })), "product");
  });
});

Deno.test("detectPageType() takes no essay's priced sections for a shop's grid", () => {
  const text = "La serata si apre con un concerto di musica barocca nel chiostro del convento, " +
    "seguito da una lettura di poesie e da una degustazione di vini delle colline vicine.";
  const section = (n: number): string =>
    `<div class="giorno"><h2>Giornata ${n}</h2><p>${text} ${text}</p><p>${text} ${text}</p>` +
    `<p>Biglietto: ${n}5 €</p></div>`;
  const days = [1, 2, 3, 4, 5, 6].map(section).join("");
  assert.notEqual(
    detect(`<h1>Il programma del festival</h1><div class="programma">${days}</div>`),
    "collection",
  );
  // Long cards each headed by a link to their own page are a shop's grid.
  const card = (n: number): string =>
    `<div class="scheda"><h2><a href="/vini/${n}">Vino rosso numero ${n}</a></h2>` +
    `<p>${text} ${text}</p><p>${text} ${text}</p><p>${n}5 €</p></div>`;
  assert.equal(
    detect(`<h1>Vini</h1><div class="vini">${[1, 2, 3, 4, 5, 6].map(card).join("")}</div>`),
    "collection",
  );
});

Deno.test("detectPageType() counts a run of items that are links themselves as linked", () => {
  const items = [
    "Receta de paella valenciana",
    "Cómo plantar tomates en casa",
    "Las mejores rutas por Asturias",
    "Guía para aprender guitarra",
    "Trucos para ahorrar energía",
    "Historia del flamenco andaluz",
    "Consejos para correr un maratón",
    "Dónde comer tapas en Sevilla",
    "Libros para leer este verano",
    "Cuidar un huerto urbano",
  ].map((t, i) => `<a class="tendencia" href="/tema/${i}"><span>${i + 1}</span> ${t}</a>`).join("");
  assert.equal(
    detect(`<body><h1>Tendencias de hoy</h1><div class="lista">${items}</div></body>`),
    "listing",
  );
});

Deno.test("detectPageType() counts no site menu's entries as a page's items", async (t) => {
  // Nine programmes' names, fifteen characters or more (a run's item has text).
  const entries = ("Master of Accounting|Master of Finance|Master of Economics|" +
    "Executive MBA Program|Full-time MBA Program|Online MBA Program|" +
    "Supply Chain Management|Business Analytics|Information Systems").split("|").map((name, i) =>
      `<li><a class="item" href="/programs/${i}">${name}</a></li>`
    ).join("");
  const page = (cls: string): string =>
    `<body><div role="navigation"><ul class="${cls}">${entries}</ul></div><main>` +
    `<h1>Master of Accounting</h1><p>A one-year programme for graduates who want to sit ` +
    `the CPA exam.</p><h2>Admission</h2><p>Apply by March 1.</p></main></body>`;
  await t.step("a dropdown menu of the site's programmes", () => {
    assert.equal(detect(page("dropdown-menu")), "other");
  });
  await t.step("a site's menu written as a plain list", () => {
    assert.equal(detect(page("wsite-menu")), "other");
  });
  await t.step("the same entries, named as the page's list, are its items", () => {
    assert.equal(detect(page("programs")), "listing");
  });
});

Deno.test("detectPageType() reads a page of short headed blocks as an offer's page", async (t) => {
  const blocks = [
    ["Consulenza fiscale", "Affianchiamo le imprese nella pianificazione delle imposte."],
    ["Gestione paghe", "Elaboriamo cedolini e contributi per ogni dipendente."],
    ["Bilanci", "Redigiamo il bilancio d'esercizio e la nota integrativa."],
    ["Start-up", "Seguiamo chi apre una nuova attività dal primo giorno."],
    ["Contenzioso", "Assistiamo il cliente davanti alle commissioni tributarie."],
  ].map(([h, p]) =>
    `<div class="blocco"><div class="icona"></div><h3>${h}</h3><p>${p}</p>` +
    `<a class="pulsante" href="/contatti">Richiedi un preventivo</a></div>`
  ).join("");
  await t.step("sibling blocks, each a heading and a line", () => {
    assert.equal(
      detect(
        `<body><header><nav><a href="/">Studio Rossi</a></nav></header><main>` +
          `<h1>Il tuo commercialista a Bologna</h1><div class="servizi">${blocks}</div>` +
          `</main><footer><p>Via Roma 1, Bologna</p></footer></body>`,
      ),
      "service",
    );
  });
  await t.step("not an article whose headings stand between its paragraphs", () => {
    const body = [
      "Le origini",
      "Il primo mercato",
      "La crisi",
      "La ripresa",
      "Oggi",
    ].map((h) =>
      `<h2>${h}</h2><p>La città cambiò volto nel corso di quegli anni, quando le botteghe ` +
      `del centro lasciarono il posto a nuovi negozi e i vecchi portici si riempirono.</p>`
    ).join("");
    assert.equal(
      detect(
        `<body><main><h1>Storia dei portici</h1><div class="testo">${body}</div></main></body>`,
      ),
      "other",
    );
  });
  await t.step("not an article that wraps each heading and each text in a block", () => {
    const body = ["Le origini", "Il primo mercato", "La crisi", "La ripresa", "Oggi"].map((h) =>
      `<section><h2>${h}</h2></section><section><p>La città cambiò volto in quegli ` +
      `anni, e i vecchi portici si riempirono di nuove botteghe.</p></section>`
    ).join("");
    assert.equal(
      detect(
        `<body><main><h1>Storia dei portici</h1><div class="testo">${body}</div></main></body>`,
      ),
      "other",
    );
  });
});

Deno.test("detectPageType() reads a page of teasers that hold its text as a listing", async (t) => {
  const stories = [
    "Nuevo horario del tren de cercanías",
    "La biblioteca abre una sala de estudio",
    "Obras en la plaza mayor hasta junio",
    "El mercado municipal cambia de lugar",
    "Vuelve la feria del libro al parque",
    "Cortes de agua en el barrio norte",
    "El ayuntamiento amplía el carril bici",
    "Abren las inscripciones para la piscina",
  ];
  const card = (title: string, i: number): string =>
    `<div class="tarjeta"><h3><a href="/noticias/${i}">${title}</a></h3>` +
    `<p>Los vecinos podrán consultar todos los detalles en la oficina de atención ` +
    `ciudadana y en la página del ayuntamiento durante las próximas semanas.</p></div>`;
  const head = `<head><meta property="og:type" content="article"></head>`;
  await t.step("a topic's page of stories, declared an article", () => {
    assert.equal(
      detect(
        `${head}<body><main><h1>Transporte</h1><div class="lista">` +
          `${stories.map(card).join("")}</div></main></body>`,
        "https://site.example/x/q1",
      ),
      "listing",
    );
  });
  await t.step("a section's page of stories whose publisher is declared", () => {
    // The publisher (an Organization) and the headed cards side by side both vote for an
    // offer's page.
    const org = LD({ "@type": "Organization", name: "Diario del Valle" });
    assert.equal(
      detect(
        `<head>${org}</head><body><main><h1>Transporte</h1><div class="lista">` +
          `${stories.map(card).join("")}</div></main></body>`,
        "https://site.example/x/q4",
      ),
      "listing",
    );
  });
  await t.step("not an article whose body stands outside its related stories", () => {
    const prose = `<p>El pleno aprobó ayer por la tarde el nuevo plan de movilidad, que ` +
      `cambiará los recorridos de seis líneas de autobús y sumará dos paradas nuevas.</p>`;
    assert.equal(
      detect(
        `${head}<body><main><h1>El plan de movilidad</h1>${prose.repeat(8)}` +
          `<div class="lista">${stories.map(card).join("")}</div></main></body>`,
        "https://site.example/x/q2",
      ),
      "article",
    );
  });
  await t.step("not an article beside a menu of bare links", () => {
    const links = stories.map((s, i) => `<li><a href="/noticias/${i}">${s}</a></li>`).join("");
    assert.equal(
      detect(
        `${head}<body><nav><ul>${links}</ul></nav><main><h1>El plan</h1>` +
          `<div>El pleno aprobó ayer el nuevo plan de movilidad.</div></main></body>`,
        "https://site.example/x/q3",
      ),
      "article",
    );
  });
});

Deno.test("detectPageType() reads no page type in a site's root address", () => {
  // An agency's home page: five headed blocks of its offer, each titled by a link to the
  // page of that service. A site's root is a landing page of any kind, not a listing.
  const servicos = ["Design de marca", "Sites", "Lojas online", "Fotografia", "Vídeo"].map((
    s,
    i,
  ) =>
    `<article class="servico"><h3><a href="/servicos/${i}">${s}</a></h3>` +
    `<p>Trabalhamos com cada cliente do primeiro esboço à entrega final.</p></article>`
  ).join("");
  const html = `<body><header><nav><a href="/">Estúdio Norte</a></nav></header><main>` +
    `<h1>Estúdio Norte</h1><div class="servicos">${servicos}</div></main></body>`;
  assert.equal(detect(html, "https://estudio.example/"), "service");
  assert.equal(detect(html, "https://estudio.example/x/q1"), "service");
});

Deno.test("detectPageType() reads one entry the hAtom microformat marks as a post", async (t) => {
  const body = "<h2>Wanderung zum Bergsee</h2><p>Am Samstag sind wir früh aufgebrochen, " +
    "der Weg führte zuerst durch den Wald und dann über die Almwiesen zum See.</p>";
  await t.step("a post marked hentry or h-entry, whatever its address", () => {
    for (const name of ["post type-post hentry", "h-entry"]) {
      assert.equal(
        detect(`<body><main><div class="${name}">${body}</div></main></body>`),
        "article",
      );
    }
  });
  await t.step("not a site's standing page, nor a page of several entries", () => {
    assert.equal(
      detect(`<body><main><div class="page type-page hentry">${body}</div></main></body>`),
      "other",
    );
    assert.equal(
      detect(
        `<body><main><div class="hentry">${body}</div><div class="hentry">${body}</div>` +
          `</main></body>`,
      ),
      "other",
    );
  });
});

Deno.test("detectPageType() reads rows of headed blocks styled inline as an offer's page", async (t) => {
  // A software maker's page (Swedish): two rows of four features, each block with the
  // <style> a CSS-in-JS library writes beside it. No row reaches five blocks.
  const css = "<style>" + ".css-1x2y3z-Feature__heading{color:#222;font-size:1.25rem;}".repeat(12) +
    "</style>";
  const row = (titles: string[]): string =>
    `<div class="features">${
      titles.map((s) =>
        `<div>${css}<h3>${s}</h3>${css}<p>Kom igång på några minuter utan att skriva kod.</p>` +
        `<a href="/start">Läs mer</a></div>`
      ).join("")
    }</div>`;
  const page = (rows: string[][]): string =>
    `<body><header><nav><a href="/">Flödesverket</a></nav></header><main>` +
    `<h1>Automatisera ditt arbete</h1>${rows.map(row).join("")}</main></body>`;
  await t.step("two rows of four, their style sheets left out", () => {
    assert.equal(
      detect(page([["Appkatalog", "Arbetsflöden", "Inloggning", "Agenter"], [
        "Snabbare intäkter",
        "Nöjdare kunder",
        "Mindre underhåll",
        "Bättre översikt",
      ]])),
      "service",
    );
  });
  await t.step("not one row of four, nor rows of three", () => {
    assert.equal(detect(page([["Appkatalog", "Arbetsflöden", "Inloggning", "Agenter"]])), "other");
    assert.equal(
      detect(page([["Appkatalog", "Arbetsflöden", "Inloggning"], [
        "Snabbare intäkter",
        "Nöjdare kunder",
        "Mindre underhåll",
      ]])),
      "other",
    );
  });
});

Deno.test("detectPageType() reads code in a tree of pages that marks it as documentation", async (t) => {
  // A Dutch guide at an address without a documentation word, declared an article by its
  // og:type: its sidebar lists the site's chapters and their pages and marks this one.
  const chapter = (name: string, pages: string[], current = ""): string =>
    `<li><span>${name}</span><ul>${
      pages.map((p) =>
        `<li><a href="/${p.toLowerCase()}/"${
          p === current ? ' aria-current="page"' : ""
        }>${p}</a></li>`
      ).join("")
    }</ul></li>`;
  const page = (current: string): string =>
    `<head><meta property="og:type" content="article"></head><body>
    <nav><ul>${
      chapter("Beginnen", ["Installatie", "Opzet", "Editors", "Compatibiliteit"], current)
    }${chapter("Kernbegrippen", ["Toestanden", "Ontwerp", "Thema's", "Kleuren", "Lagen"])}${
      chapter("Opmaak", ["Kolommen", "Rasters", "Marges", "Afstand", "Uitlijning", "Volgorde"])
    }</ul>
    </nav><main><h1>Installatie</h1>
    <p>Installeer het pakket met de pakketbeheerder van uw project en voeg de plug-in toe.</p>
    <pre><code>npm install stijl-pakket</code></pre>
    <p>Voeg daarna de plug-in toe aan het configuratiebestand van de bouwstap.</p>
    <pre><code>export default { plugins: [stijl()] }</code></pre></main></body>`;
  await t.step("the tree marks the page shown", () => {
    assert.equal(detect(page("Installatie")), "documentation");
  });
  await t.step("a menu that marks no page leaves the og:type's article", () => {
    assert.equal(detect(page("")), "article");
  });
});

/** The route classifyPage() gives a page (detectPageType()'s) and the type it reports. */
function routeAndReport(html: string, url = "https://site.example/page"): [string, string] {
  const { route, reported } = classifyPage(parsePage(html), url);
  return [route, reported];
}

Deno.test("classifyPage() reports a page of prose that no type claimed as an article", async (t) => {
  // A Polish essay at an address without a path word, with no structured data or og:type.
  const para = (i: number): string =>
    `<p>Akapit ${i}: rzeka płynęła wolno przez dolinę, a mieszkańcy wsi od pokoleń ` +
    `opowiadali o niej historie, które dzieci powtarzały wieczorami przy piecu, zanim ` +
    `ktokolwiek spisał je w kronice parafii albo w gazecie wydawanej w mieście.</p>`;
  const page = (n: number): string =>
    `<body><h1>Rzeka i jej opowieści</h1>${
      Array.from({ length: n }, (_, i) => para(i)).join("")
    }</body>`;
  await t.step("ten paragraphs of prose", () => {
    assert.deepEqual(routeAndReport(page(10)), ["other", "article"]);
  });
  await t.step("a few paragraphs leave the page untyped", () => {
    assert.deepEqual(routeAndReport(page(4)), ["other", "other"]);
  });
});

Deno.test("classifyPage() reports a manual's code sections taken for a listing as documentation", async (t) => {
  // A Spanish manual's page: each section's heading holds a permalink, so its sections
  // read as a listing's linked items, and each shows code.
  const section = (i: number, code: boolean): string =>
    `<section id="s${i}"><h2>Función número ${i}<a class="enlace" href="#s${i}">¶</a></h2>` +
    `<p>Devuelve los elementos de la secuencia agrupados según la clave indicada.</p>` +
    (code ? `<pre><code>agrupar(datos, clave=${i})</code></pre>` : "") + `</section>`;
  const page = (code: boolean): string =>
    `<body><h1>Herramientas</h1><div class="cuerpo">${
      Array.from({ length: 9 }, (_, i) => section(i, code)).join("")
    }</div></body>`;
  await t.step("sections that show code", () => {
    assert.deepEqual(routeAndReport(page(true)), ["listing", "documentation"]);
  });
  await t.step("sections without code stay a listing", () => {
    assert.deepEqual(routeAndReport(page(false)), ["listing", "listing"]);
  });
});

Deno.test("classifyPage() reports a page declared og:type product.group as a collection", async (t) => {
  // An Italian shop's category page: Open Graph's "group of products" weighs as og:type
  // product does in the route; the report names what the declaration says.
  const page = (og: string): string =>
    `<head><meta property="og:type" content="${og}"></head><body><h1>Lenzuola</h1>` +
    `<p>Lenzuola in percalle, raso e lino per ogni letto, in molti colori e misure.</p></body>`;
  await t.step("a group of products", () => {
    assert.deepEqual(routeAndReport(page("product.group")), ["product", "collection"]);
  });
  await t.step("one product stays a product", () => {
    assert.deepEqual(routeAndReport(page("product")), ["product", "product"]);
  });
});

Deno.test("classifyPage() routes and reports a price list by the page's other signals", async (t) => {
  // A German salon's tariff at a services address: eight priced rows make a grid of
  // priced items that outweighs the path word, but a price list makes no collection.
  const services = [
    "Damenhaarschnitt mit Föhnen",
    "Herrenhaarschnitt klassisch",
    "Kinderhaarschnitt bis zwölf Jahre",
    "Färben der ganzen Länge",
    "Strähnen mit Folie gesetzt",
    "Dauerwelle mit Pflegekur",
    "Hochsteckfrisur für Feste",
    "Bartpflege mit heißem Tuch",
  ];
  const row = (name: string, i: number, shop: boolean): string =>
    shop
      ? `<li class="karte"><a href="/p/${i}"><img src="/${i}.jpg" alt="">${name}</a> ${
        20 + i
      },00 €</li>`
      : `<li class="zeile"><span>${name}</span> <span>${20 + i},00 €</span></li>`;
  const page = (shop: boolean): string =>
    `<body><h1>Preise</h1><ul class="liste">${
      services.map((name, i) => row(name, i, shop)).join("")
    }</ul></body>`;
  const url = "https://salon.example/leistungen/preise";
  await t.step("rows without pictures or links", () => {
    assert.deepEqual(routeAndReport(page(false), url), ["service", "service"]);
    assert.equal(detect(page(false), url), "service");
  });
  await t.step("a shop's cards stay a collection", () => {
    assert.deepEqual(routeAndReport(page(true), url), ["collection", "collection"]);
  });
});

Deno.test("classifyPage() reports a software's landing page in headed blocks as a service", async (t) => {
  // A Portuguese platform's page declares its app as a SoftwareApplication (which routes
  // it as a product) and shows its offer in headed feature blocks.
  const ld = LD({ "@type": "SoftwareApplication", name: "Faturas Já" });
  const features = [
    "Faturação automática",
    "Pagamentos online",
    "Relatórios mensais",
    "Integração bancária",
    "Suporte dedicado",
  ];
  const blocks = features.map((f) =>
    `<div class="bloco"><h3>${f}</h3><p>Poupe horas todos os meses com ${f.toLowerCase()}.</p></div>`
  ).join("");
  const page = (sectioned: boolean): string =>
    `<head>${ld}</head><body><h1>Faturas Já</h1>${
      sectioned
        ? `<div class="grelha">${blocks}</div>`
        : "<p>Uma aplicação para emitir faturas no telemóvel.</p>"
    }</body>`;
  await t.step("headed blocks", () => {
    assert.deepEqual(routeAndReport(page(true)), ["product", "service"]);
  });
  await t.step("an app's own page without them stays a product", () => {
    assert.deepEqual(routeAndReport(page(false)), ["product", "product"]);
  });
});

Deno.test("detectPageType() reads a WordPress archive whose posts' classes begin with their numbers", () => {
  // post_class() writes each post's number first ("post-412 post type-post …"): the
  // posts are one run of like items all the same.
  const posts = [
    "Stadtrat beschließt neuen Radweg an der Bergstraße",
    "Freibad öffnet am 15. Mai mit neuen Eintrittspreisen",
    "Neue Buslinie verbindet Lützelsachsen mit dem Bahnhof",
    "Wochenmarkt zieht vorübergehend auf den Dürreplatz",
    "Bürgerbüro mit neuen Öffnungszeiten",
    "Grundschule Multring erhält eine Mensa",
    "Hochwasserschutz am Grundelbach wird verstärkt",
    "Stadtbibliothek verleiht jetzt auch Werkzeug",
  ].map((title, i) =>
    `<article id="post-${412 + i}" class="post-${412 + i} post type-post status-publish hentry">` +
    `<header class="entry-header"><h2 class="entry-title"><a href="/2026/04/p${i}/">${title}</a>` +
    `</h2></header><div class="entry-summary"><p>Nach zweijähriger Planung hat der Gemeinderat ` +
    `am Dienstagabend einen Beschluss gefasst. Die Kosten trägt zur Hälfte das Land.</p></div>` +
    `</article>`
  ).join("");
  const html = `<html><body><header class="site-header"><p class="site-title">Stadtanzeiger</p>` +
    `</header><main id="primary" class="site-main"><header class="page-header">` +
    `<h1 class="page-title">Kategorie: <span>Lokales</span></h1></header>${posts}</main></body></html>`;
  assert.equal(detect(html, "https://www.stadtanzeiger.example/kategorie/lokales/"), "listing");
});
