import assert from "node:assert/strict";
import type { ExtractResult } from "../extract.ts";
import { autoHtml } from "./_test_page.ts";

// Hand-made pages of each kind, with the chrome real sites put around the content
// (header, navigation, sidebars, share bars, related links, newsletters, footers).
// Each test checks that `auto` keeps the whole main content of that kind of page,
// drops the chrome and tells the kind apart in `metadata.page_type`.

async function auto(fixture: string, url: string, markdown = false): Promise<ExtractResult> {
  const html = await Deno.readTextFile(new URL(`../testdata/${fixture}`, import.meta.url));
  return await autoHtml(html, url, markdown);
}

function assertKeeps(content: string, parts: readonly string[]): void {
  for (const part of parts) {
    assert.ok(
      content.includes(part),
      `content should include ${JSON.stringify(part)}:\n${content}`,
    );
  }
}

function assertDrops(content: string, chrome: readonly string[]): void {
  for (const part of chrome) {
    assert.ok(
      !content.includes(part),
      `content should not include ${JSON.stringify(part)}:\n${content}`,
    );
  }
}

/** Where each part is in the content, failing when one is missing. */
function positions(content: string, parts: readonly string[]): number[] {
  return parts.map((p) => {
    const at = content.indexOf(p);
    assert.ok(at >= 0, `content should include ${JSON.stringify(p)}`);
    return at;
  });
}

const FORUM_URL = "https://forum.shoreline-makers.example/t/calibrating-a-diy-tide-gauge/4821";
/** One sentence of each of the thread's five posts, in order. */
const POSTS = [
  "I built an ultrasonic tide gauge from a JSN-SR04T sensor and a small solar panel",
  "Temperature is my first suspect.",
  "Agreed, and also check what the chart actually predicts.",
  "I added a DS18B20 probe beside the sensor",
  "Harbour office here. Our official gauge publishes one-minute readings",
];

Deno.test("auto on a forum thread keeps every post and drops the forum chrome", async (t) => {
  const out = await auto("types_forum.html", FORUM_URL);
  await t.step("page_type is forum", () => assert.equal(out.metadata.page_type, "forum"));
  await t.step("all five post bodies, in thread order", () => {
    assertKeeps(out.content, [
      ...POSTS,
      "Is the error more likely to be my datum measurement",
      "Log the air temperature next to the sensor and correct each reading",
      "which is about one centimetre for every hectopascal below average pressure.",
    ]);
    const at = positions(out.content, POSTS);
    assert.deepEqual(at, [...at].sort((a, b) => a - b));
  });
  await t.step("no header, navigation, post buttons, suggested topics or footer", () => {
    assertDrops(out.content, [
      "Skip to main content",
      "Sign Up",
      "Log In",
      "Latest topics",
      "Software and firmware",
      "3 Likes",
      // Per-post counters: a score and a view count.
      "\n\n14\n\n",
      "226 views",
      "Bookmark",
      "Suggested Topics",
      "LoRa range over open water",
      "Community guidelines",
      "Powered by Discourse",
    ]);
  });
});

const PRODUCT_URL = "https://lanternandtide.example/products/harbour-hc-200-tide-clock-brass";

Deno.test("auto on a product page keeps the description and the specifications", async (t) => {
  const out = await auto("types_product.html", PRODUCT_URL);
  await t.step("page_type is product", () => assert.equal(out.metadata.page_type, "product"));
  await t.step("the whole description", () => {
    assertKeeps(out.content, [
      "The HC-200 tells you how long it is until the next high water instead of the time of day.",
      "We turn the case from a single piece of solid brass",
      "they are not suitable for places with one daily tide.",
    ]);
  });
  await t.step("every row of the spec table, name and value", () => {
    const rows: [string, string][] = [
      ["Diameter", "24 cm (9.4 in)"],
      ["Depth", "5.5 cm"],
      ["Weight", "1.3 kg"],
      ["Case material", "Solid brass, lacquered"],
      ["Movement", "Quartz lunar tide movement, 12 h 25 min cycle"],
      ["Power", "One AA battery (included), about 14 months"],
      ["Warranty", "3 years on the movement"],
    ];
    for (const [name, value] of rows) {
      const [at, valueAt] = positions(out.content, [`${name}`, value]);
      assert.ok(at! < valueAt!, `${name} comes before its value`);
    }
  });
  await t.step("a panel the page renders twice (phone and desktop layouts) once", () => {
    const highlight = "Turned from one piece of solid brass and lacquered against the salt air";
    assert.equal(out.content.split(highlight).length - 1, 1, out.content);
    assertKeeps(out.content, ["Lunar movement that keeps pace with the two high waters"]);
  });
  await t.step(
    "the selected tab's panel and folded toggles stay; other tabs, decorations and menus go",
    () => {
      assertKeeps(out.content, [
        "Wipe the case with a dry cloth",
        "Each case is turned by hand",
      ]);
      // A reader sees the panel of the selected tab; the others wait behind their tabs.
      assertDrops(out.content, [
        "The clock, one AA battery, a brass wall screw",
        "Set the hand at a local high water",
        "Zoom the front view",
        "All barometers",
      ]);
    },
  );
  await t.step(
    "a rating drawn for the eye (aria-hidden) stays; a picture's zoom layer goes",
    () => {
      // aria-hidden alone hides nothing; on a media block it marks decoration.
      assertKeeps(out.content, ["Rated 4.8 of 5"]);
      assertDrops(out.content, ["Zoom the front view loading"]);
    },
  );
  await t.step("a titled details sheet held in a modal stays; a prompt in a modal goes", () => {
    assertKeeps(out.content, [
      "The bezel opens on a brass hinge",
      "Materials and care",
      "Dust with a soft brush; never use metal polish on the lacquer.",
    ]);
    assertDrops(out.content, ["It looks like you are visiting from abroad", "Stay here"]);
  });
  await t.step("a chart held in a dialog stays; other dialogs go", () => {
    assertKeeps(out.content, ["Hanging height", "150 cm to the centre of the dial"]);
    assertDrops(out.content, ["What is wrong with this item?", "keep the marketplace safe"]);
  });
  await t.step("questions inside the description stay; the shop's FAQ goes", () => {
    assertKeeps(out.content, [
      "Does the clock drift over a season?",
      "move the hand back at the next spring tide",
    ]);
    assertDrops(out.content, ["Do you ship to islands?", "surcharge shown at checkout"]);
  });
  await t.step("the shop's story beside the product's block goes", () => {
    assertDrops(out.content, ["Made on the coast since 1987", "above the old ferry slip"]);
  });
  await t.step("short values repeated in the spec table stay", () => {
    assert.equal(out.content.split("Included").length - 1, 2, out.content);
  });
  await t.step("no shop chrome, recommendations, newsletter or footer", () => {
    assertDrops(out.content, [
      "Free shipping on orders over",
      "Barometers",
      "Gifts under",
      "Cart (0)",
      "Add to cart",
      "Share on Facebook",
      "You may also like",
      "Storm Glass SG-1",
      "Brass care cloth",
      "Oak wall plate for round clocks",
      "Vintage Tide Chart Print",
      "Join our crew",
      "Sign up for workshop news",
      "Privacy policy",
      "All rights reserved",
    ]);
  });
});

const DOCS_URL = "https://tidewire.example.dev/guide/configuration/retries";
const CODE = [
  `import { createClient } from "tidewire";

const client = createClient({
  baseUrl: "https://api.example.com",
  retry: {
    attempts: 3,
    initialDelayMs: 500,
    maxDelayMs: 10_000,
  },
});`,
  `const client = createClient({
  retry: {
    shouldRetry(error, attempt) {
      if (attempt >= 5) return false;
      return error.status === 503 || error.code === "ECONNRESET";
    },
  },
});`,
  `tidewire get /v1/stations \\
    --retry-attempts 5 \\
    --retry-max-delay 30s`,
];

Deno.test("auto on a documentation page keeps the prose and the code blocks verbatim", async (t) => {
  const out = await auto("types_docs.html", DOCS_URL, true);
  await t.step("page_type is documentation", () => {
    assert.equal(out.metadata.page_type, "documentation");
  });
  await t.step("the body: prose, headings and the warning", () => {
    assertKeeps(out.content, [
      "A Tidewire client retries a request when the connection fails",
      "The default policy",
      "are only retried when they carry an idempotency key",
      "Retrying on your own conditions",
      "Always stop after a fixed number of attempts.",
      "From the command line",
      "The tidewire command reads the same settings from flags",
    ]);
  });
  await t.step("every code block, line breaks and indentation kept", () => {
    assertKeeps(out.content, CODE);
    assertKeeps(out.markdown ?? "", [
      `\`\`\`ts\n${CODE[0]}\n\`\`\``,
      `\`\`\`ts\n${CODE[1]}\n\`\`\``,
      `\`\`\`sh\n${CODE[2]}\n\`\`\``,
    ]);
  });
  await t.step("no navigation, sidebars, page outline, edit link, pager or footer", () => {
    assertDrops(out.content, [
      "API Reference",
      "v2.x",
      "Installation",
      "Deploying to production",
      "Exporting metrics",
      "On this page",
      "Edit this page on GitHub",
      "Previous page",
      "Released under the MIT License",
    ]);
  });
});

Deno.test("auto's title leaves out a heading's permalink anchor", async () => {
  const out = await auto("types_docs.html", DOCS_URL);
  assert.equal(out.metadata.title, "Retries and backoff");
});

const LISTING_URL = "https://www.coastalcourier.example/topics/oceans";
const LISTING_TITLES = [
  "Kelp forests are returning to the northern bay after a decade of decline",
  "Harbour council approves a second tide gauge for the outer mole",
  "Why this winter's storm surges ran higher than forecast",
  "Volunteers log a record 412 seal pups on the sandbanks",
  "Microplastics found in every sample from the estuary survey",
  "Lifeboat crew rescues two kayakers caught by the ebb",
  "Oyster beds reopen to harvesting after water quality improves",
  "New study maps how fast the salt marsh is retreating",
  "Schoolchildren build a weather station for the pier",
  "Ferry timetable changes as dredging begins in the channel",
  "Rare leatherback turtle sighted off the western cliffs",
  "Coastal path reopens after landslip repairs",
  "Sea temperature buoys will report in real time from next month",
  "Beach clean-up collects 900 kilograms of fishing gear",
  "Harbour seals tagged to study winter feeding grounds",
  "Spring tides expected to flood the quay car park this weekend",
  "Seagrass planting project passes one hectare",
  "Old lighthouse keeper's logbooks digitised for researchers",
  "Jellyfish bloom closes two swimming beaches",
  "Tidal energy trial reaches its first full year of power",
];

Deno.test("auto on a listing keeps all 20 items and drops the chrome", async (t) => {
  const out = await auto("types_listing.html", LISTING_URL);
  await t.step("page_type is listing", () => assert.equal(out.metadata.page_type, "listing"));
  await t.step("all 20 item titles, in order", () => {
    assert.equal(LISTING_TITLES.length, 20);
    const at = positions(out.content, LISTING_TITLES);
    assert.deepEqual(at, [...at].sort((a, b) => a - b));
    assertKeeps(out.content, [
      "Divers counted three times as many kelp plants this summer",
      "The turbine in the sound has supplied the island's school",
    ]);
  });
  await t.step("each card keeps its author line; its share links go", () => {
    assertKeeps(out.content, ["By Morwenna Hale", "By Tomasz Wren"]);
    assertDrops(out.content, ["Email this story", "Post this story"]);
  });
  await t.step("a card's footer is its author and date line", () => {
    assertKeeps(out.content, ["Iona Reyes on 10 Nov 2025"]);
  });
  await t.step("cards laid out in rows of two are items whatever their names say", () => {
    assertKeeps(out.content, ["The harbour archive, 1890–1950", "Letters from the lighthouse"]);
  });
  await t.step("a grid whose class names say what it hides or has is not chrome", () => {
    // `hide-sponsored-slot` and `has-sidebar` are modifiers, not a sponsor box or a sidebar.
    assertKeeps(out.content, ["How spring and neap tides work", "Sea areas, wind forces"]);
  });
  await t.step("no navigation, most-read box, newsletter, pager or footer", () => {
    assertDrops(out.content, [
      "Subscribe from £1 a week",
      "What's on",
      "Most read",
      "Council tax to rise",
      "The Tide Line newsletter",
      "Older stories",
      "Contact the newsroom",
      "Registered in England",
    ]);
  });
});

const JA_URL = "https://www.minato-shimbun.example/science/2025/07/18/tidepool-temperature";

Deno.test("auto on a Japanese article keeps the body and drops the chrome", async (t) => {
  const out = await auto("types_article_ja.html", JA_URL);
  await t.step("page_type is article, language ja", () => {
    assert.equal(out.metadata.page_type, "article");
    assert.equal(out.metadata.language, "ja");
  });
  await t.step("every paragraph and the subheading", () => {
    assertKeeps(out.content, [
      "三陸沿岸の磯にできる潮だまりの水温が",
      "研究チームは２０２２年から",
      "浅く日当たりの良い場所ほど上昇",
      "水温の上がり方は潮だまりの形によって大きく異なった。",
      "「潮だまりは海の中の小さな温室のようなものだ。",
      "潮だまりのイソギンチャクや小さな巻き貝の数が減る傾向も見られた。",
      "集めたデータは誰でも使えるよう公開する予定だ。",
    ]);
  });
  await t.step("no menu, share buttons, caption, related articles, ranking or footer", () => {
    assertDrops(out.content, [
      "科学・環境",
      "ログイン",
      "有料会員に登録する",
      "ポストする",
      "LINEで送る",
      "干潮時に現れる潮だまり＝",
      "関連キーワード",
      "関連記事",
      "藻場の再生",
      "アクセスランキング",
      "広告",
      "無断転載を禁じます",
    ]);
  });
  await t.step("word_count counts each kanji and kana as a word", () => {
    // About 500 characters of Japanese prose, no spaces between words.
    assert.ok((out.metadata.word_count ?? 0) > 400, String(out.metadata.word_count));
  });
});

const AR_URL = "https://www.alsahil.example/ar/science/2025/03/09/desert-rain-revives-wadis";

Deno.test("auto on a right-to-left Arabic article keeps the body and drops the chrome", async (t) => {
  const out = await auto("types_article_ar.html", AR_URL);
  await t.step("page_type is article, language ar", () => {
    assert.equal(out.metadata.page_type, "article");
    assert.equal(out.metadata.language, "ar");
  });
  await t.step("every paragraph and the subheading, in order", () => {
    const parts = [
      "سجّلت محطات الرصد الجوي في المنطقة الشرقية",
      "وبعد أيام قليلة من توقف المطر",
      "فرصة نادرة للدراسة",
      "وقالت الدكتورة سلمى العبدالله، رئيسة الفريق",
      "ويعمل الفريق حاليًا على توثيق الأنواع",
      "حفاظًا على النباتات الصغيرة وعلى سلامتهم في آن واحد.",
    ];
    const at = positions(out.content, parts);
    assert.deepEqual(at, [...at].sort((a, b) => a - b));
  });
  await t.step("no menu, share bar, tags, read-also box or footer", () => {
    assertDrops(out.content, [
      "الرئيسية",
      "English",
      "واتساب",
      "نسخ الرابط",
      "اقرأ أيضًا",
      "توسيع محمية أشجار القرم",
      "اشترك في نشرتنا البريدية",
      "جميع الحقوق محفوظة",
    ]);
  });
});

const RU_URL = "https://smotritel.example/2024/09/meteostanciya-na-mayake/";

Deno.test("auto on a Russian blog post keeps the body and drops comments and widgets", async (t) => {
  const out = await auto("types_article_ru.html", RU_URL);
  await t.step("page_type is article, language ru-RU", () => {
    assert.equal(out.metadata.page_type, "article");
    assert.equal(out.metadata.language, "ru-RU");
  });
  await t.step("every paragraph, the subheading and the quote", () => {
    assertKeeps(out.content, [
      "Метеостанция на нашем маяке молчала почти пятнадцать лет.",
      "Сначала мы разобрали будку",
      "Приборы и электроника",
      "Самым сложным оказался анемометр.",
      "«Ветер здесь всегда был главным собеседником смотрителя»",
      "сверяются с ней перед выходом в море.",
    ]);
  });
  await t.step("no skip link, menu, post navigation, comments, widgets or footer", () => {
    assertDrops(out.content, [
      "Перейти к содержимому",
      "Блог о маяках",
      "Об авторе",
      "Рубрика",
      "Предыдущая запись",
      "комментария к записи",
      "Какая прекрасная работа!",
      "Добавить комментарий",
      "Свежие записи",
      "Архивы",
      "Работает на WordPress",
    ]);
  });
});

Deno.test("auto on a shop's collection keeps every item and drops the terms dialog", async (t) => {
  const out = await auto(
    "types_collection.html",
    "https://harbour-roasters.example/collections/coffee",
  );
  await t.step("every product card, price and video card is kept", () => {
    assertKeeps(out.content, [
      "Harbour Roast Coffee",
      "Harbour Roast Pods",
      "Tidewater Decaf",
      "Lighthouse Espresso",
      "Driftwood Blend",
      // The last card of a closing list of links is an item, not a "more stories" tail.
      "Saltmarsh Cold Brew",
      "$17.99",
      "How we roast the Harbour blend",
      "Choosing a grinder for filter coffee",
    ]);
  });
  await t.step("the shop's filters (facets with their counts) are part of the collection", () => {
    assertKeeps(out.content, ["Light roast (2)", "Dark roast (4)"]);
    assertDrops(out.content, ["Apply"]);
  });
  await t.step("a block of further items (popular, recirc) is content on a collection", () => {
    assertKeeps(out.content, ["Winter Spice Blend", "Seafarer Dark Roast"]);
  });
  await t.step("a modal with its own heading is still an overlay; skip links go", () => {
    assertDrops(out.content, ["These terms of use govern", "Skip to content"]);
  });
  await t.step("the page type is collection", () => {
    assert.equal(out.metadata.page_type, "collection");
  });
});

Deno.test("auto keeps every section of an article that is split over many deep blocks", async () => {
  // Twenty sections, each four wrappers deep: the block scorer keeps only the longest one.
  const out = await auto(
    "types_sections.html",
    "https://health.example/health/meditation-and-mindfulness-what-the-research-says",
  );
  assertKeeps(out.content, [
    "Small studies of meditation for sleep",
    "In the largest trial so far",
    "Small studies of meditation for loneliness",
  ]);
  assertDrops(out.content, ["Health topics", "A service of the Health Institute"]);
});

Deno.test("auto keeps the cards of an unlabelled grid even when their names say video", async () => {
  const out = await auto("types_grid_other.html", "https://clocks.example/best-sellers");
  assertKeeps(out.content, ["Tide clock model 0 with brass bezel", "Tide clock model 5"]);
  assertDrops(out.content, ["Conditions of use"]);
});

Deno.test("auto keeps every item of a list page that declares itself an article", async (t) => {
  const out = await auto(
    "types_list_article.html",
    "https://encyclopedia.example/wiki/List_of_programming_languages",
  );
  await t.step("the introduction and every list item, in order", () => {
    assertKeeps(out.content, ["This is an index to notable programming languages"]);
    const names = ["Ada", "ALGOL 68", "Clojure", "Fortran", "Io", "Jscript Script", "Zquery Query"];
    const lines = out.content.split("\n");
    const at = names.map((name) => lines.indexOf(name));
    assert.ok(at.every((i, k) => i > (at[k - 1] ?? -1)), `${at}:\n${out.content}`);
    assert.equal(
      lines.filter((l) => /^\w+ (Script|Lang|Basic|Lisp|Talk|Query)$/.test(l)).length,
      102,
    );
  });
  await t.step("no navigation or footer; a list of items is not an article", () => {
    assertDrops(out.content, ["Random article", "Text is available under a licence"]);
    assert.ok((out.metadata.quality_score ?? 1) <= 0.25, String(out.metadata.quality_score));
  });
});

Deno.test("auto keeps quotations marked up as figures and drops pictures and embeds", async (t) => {
  const out = await auto("types_quotes.html", "https://yoga-gracht.example/ervaringen");
  await t.step("every quotation (a figure around a blockquote) is content", () => {
    assertKeeps(out.content, [
      "na drie maanden kan ik weer zonder rugpijn fietsen",
      "Een docent die elke leerling ziet",
      "De retraite in de Ardennen was perfect georganiseerd",
    ]);
  });
  await t.step("a picture's caption and an embedded post stay out", () => {
    assertDrops(out.content, ["foto: Studio Noord", "Vanavond weer een heerlijke les", "KvK"]);
  });
});

Deno.test("auto keeps the linked titles of cards on a page of cards taken for an article", async (t) => {
  const out = await auto("types_cards_article.html", "https://sailing-school.example/learn");
  await t.step("each card's title and teaser", () => {
    assertKeeps(out.content, [
      "Explore our growing collection of free courses",
      "Learn chart reading",
      "Symbols, depths and soundings",
      "Learn radio procedure",
      "Calling the coastguard",
    ]);
  });
  await t.step("a card whose teaser is one short line keeps its title", () => {
    assertKeeps(out.content, ["Rules\n", "Who gives way to whom, and when."]);
  });
  await t.step("a card the article scorer cut for its share of links comes back", () => {
    assertKeeps(out.content, ["Learn tide tables", "High water, low water, springs."]);
  });
  await t.step("a closing list of links and the footer still go", () => {
    assertDrops(out.content, ["Course archive", "Registered charity"]);
  });
});

Deno.test("auto keeps the table of a list page kept in a table and taken for an article", async (t) => {
  const out = await auto(
    "types_table_article.html",
    "https://enzyklopaedie.example/wiki/Liste_der_Tr%C3%A4ger_des_K%C3%BCstenpreises",
  );
  await t.step("the introduction, every row of the table and the notes", () => {
    assertKeeps(out.content, [
      "Diese Liste nennt alle Preisträger seit der ersten Verleihung",
      "1990",
      "Anna Albers",
      "2025",
      "Seenotverein Nr. 35",
      "Die Jury besteht aus sieben Mitgliedern",
    ]);
  });
  await t.step("no navigation or footer", () => {
    assertDrops(out.content, ["Zufälliger Artikel", "unter einer freien Lizenz"]);
  });
});

Deno.test("auto keeps the tiles of a shop grid built as figures", async (t) => {
  const out = await auto(
    "types_figure_grid.html",
    "https://loja-mare.example/c/sapatilhas-corrida",
  );
  await t.step("every tile's name, line and price", () => {
    assertKeeps(out.content, [
      "Sapatilha Maré",
      "Sapatilha Falésia",
      "Sapatilha Areia",
      "Corrida em estrada",
      "59,90 €",
      "44,90 €",
    ]);
  });
  await t.step("a lone picture's caption and the chrome still go", () => {
    assertDrops(out.content, ["Fotografia: campanha", "Todos os direitos reservados", "Ajuda"]);
  });
  await t.step("the page type is collection", () => {
    assert.equal(out.metadata.page_type, "collection");
  });
});

Deno.test("auto adds the items a page declares in JSON-LD and renders only by script", async (t) => {
  const out = await auto(
    "types_declared_list.html",
    "https://ecole-mer.example/parcours/navigateur-cotier",
  );
  await t.step("the description and each declared part, in order", () => {
    const at = positions(out.content, [
      "Un parcours pour apprendre à naviguer le long des côtes",
      "Lire une carte marine",
      "Calculer la marée",
      "Les feux et les balises",
      "Prévoir le temps en mer",
      "Préparer une traversée",
    ]);
    assert.deepEqual(at, [...at].sort((a, b) => a - b));
  });
  await t.step("the breadcrumb trail is not an item list", () => {
    assertDrops(out.content, ["Catalogue", "Accueil"]);
  });
  await t.step("a page that shows its list keeps it as shown", async () => {
    const html = await Deno.readTextFile(
      new URL("../testdata/types_declared_list.html", import.meta.url),
    );
    // The page shows a first page of its list (two of five): the rest stays out.
    const shown = html.replace(
      "<course-path>",
      "<ol><li>Lire une carte marine : les sondes, les amers et les dangers, en deux heures.</li>" +
        "<li>Calculer la marée : la règle des douzièmes et l'annuaire, en trois heures.</li>" +
        "</ol><course-path>",
    );
    const partly = await autoHtml(shown, "https://ecole-mer.example/parcours/navigateur-cotier");
    assertKeeps(partly.content, ["Lire une carte marine", "Calculer la marée"]);
    assertDrops(partly.content, ["Les feux et les balises", "Préparer une traversée"]);
  });
});

Deno.test("auto writes a tile's name once when its picture's link repeats it", async (t) => {
  const out = await auto("types_media_tiles.html", "https://alpenpfad.example/c/wanderschuhe");
  await t.step("each name once, with its price", () => {
    for (const name of ["Bergschuh Karwendel", "Wanderschuh Isar", "Trailschuh Lech"]) {
      assert.equal(out.content.split(name).length - 1, 1, out.content);
    }
    assertKeeps(out.content, ["129,00 €", "109,00 €"]);
  });
  await t.step("a picture's link that says something of its own stays", () => {
    assertKeeps(out.content, ["Video: So pflegen Sie Ihre Wanderschuhe"]);
  });
  await t.step("the page type is collection", () => {
    assert.equal(out.metadata.page_type, "collection");
  });
});

Deno.test("auto keeps a tile's rating that the page hides from screen readers only", async (t) => {
  const out = await auto("types_rated_tiles.html", "https://nordlicht.example/c/zelte");
  await t.step("each tile's name, its stars (aria-hidden: drawn as an icon) and its price", () => {
    assertKeeps(out.content, [
      "Zelt Nordkap 2",
      "4,5 von 5 Sternen",
      "249,00 €",
      "Zelt Moor 3",
      "4,3 von 5 Sternen",
    ]);
  });
  await t.step("the chrome still goes", () => {
    assertDrops(out.content, ["Nordlicht Outdoor GmbH", "Start"]);
  });
});

Deno.test("auto drops the lines every card of a grid repeats, not the items' own", async (t) => {
  const out = await auto(
    "types_card_template.html",
    "https://barrovivo.example/collections/tazas",
  );
  await t.step("the page type is collection", () => {
    assert.equal(out.metadata.page_type, "collection");
  });
  await t.step("each card's name, price and own badge stay", () => {
    assertKeeps(out.content, ["Taza Alba", "18,00 €", "Jarra Olivo", "39,00 €", "Agotado"]);
  });
  await t.step("what every card shares as its own text stays: a subtitle, a price's label", () => {
    for (const shared of ["Hecho a mano", "Precio habitual"]) {
      assert.equal(out.content.split(shared).length - 1, 8, `${shared}:\n${out.content}`);
    }
  });
  await t.step("the template's controls go", () => {
    assertDrops(out.content, ["Vista rápida", "Guardar en favoritos"]);
  });
});

Deno.test("auto reports a page of prose at a neutral address as an article", async () => {
  // A Czech essay without structured data, og:type or a path word: its route is the
  // untyped page's, and `metadata.page_type` reports what its paragraphs show.
  const para = (i: number): string =>
    `<p>Odstavec ${i}: řeka tekla pomalu údolím a lidé z vesnice o ní po generace ` +
    `vyprávěli příběhy, které si děti večer opakovaly u kamen, dřív než je kdokoli ` +
    `zapsal do farní kroniky nebo do novin, které vycházely ve městě za kopcem.</p>`;
  const html = `<html><body><h1>Řeka a její příběhy</h1>${
    Array.from({ length: 10 }, (_, i) => para(i)).join("")
  }</body></html>`;
  const out = await autoHtml(html, "https://site.example/reka");
  assert.equal(out.metadata.page_type, "article");
  assert.ok(out.content.includes("Odstavec 9: řeka tekla pomalu"));
});
