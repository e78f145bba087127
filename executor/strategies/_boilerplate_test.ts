import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import {
  dropCheckboxPrompts,
  dropLoginWalls,
  dropSectionsAfterArticle,
  dropSignUpBoxes,
  removeBoilerplate,
} from "./_boilerplate.ts";
import { autoHtml } from "./_test_page.ts";
import { collapse } from "./_dom_text.ts";

function body(html: string): Element {
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  return document.body as unknown as Element;
}

Deno.test("removeBoilerplate() reads no role in a utility style's colour classes", () => {
  // "text-sponsorGray" is a colour the design system named; a "sponsor" box is an ad.
  const page = body(
    "<main><h1>Die besten Kletterhallen</h1>" +
      '<p class="text-sponsorGray">Die Halle im Norden hat die höchsten Wände der Stadt.</p>' +
      '<p class="bg-footerDark">Im Süden klettern Familien an den flachen Wänden.</p>' +
      '<div class="sponsor">Präsentiert von einem Kletterschuh-Hersteller</div></main>',
  );
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  assert.ok(text.includes("höchsten Wände"), text);
  assert.ok(text.includes("flachen Wänden"), text);
  assert.ok(!text.includes("Präsentiert von"), text);
});

Deno.test("removeBoilerplate() keeps no chrome for a utility style's content word", () => {
  // "text-body-secondary" is a colour of the body text; the box is a card's footer.
  const page = body(
    "<main><h1>Release notes</h1><p>The new version fixes the upload of large files.</p>" +
      '<div class="card"><h5 class="card-title">Upload fails above 2 GB</h5>' +
      '<p class="card-text">Files over two gigabytes stopped at ninety per cent.</p>' +
      '<a class="card-footer text-body-secondary" href="https://issues.example/1">' +
      "issues.example</a></div></main>",
  );
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("stopped at ninety per cent"), text);
  assert.ok(!text.includes("issues.example"), text);
});

Deno.test("removeBoilerplate() keeps who a quotation's caption names", () => {
  const quote = (text: string, who: string): string =>
    `<figure><blockquote><p>${text}</p></blockquote><figcaption class="fonte">— ${who}` +
    "</figcaption></figure>";
  const page = body(
    "<main><h1>Le recensioni dei nostri corsi</h1>" +
      quote(
        "Un ritiro splendido: lezioni curate, cibo ottimo e un gruppo accogliente.",
        "Giulia R., 2023",
      ) +
      quote("Ho imparato più in una settimana che in un anno di lezioni in palestra.", "Marco T.") +
      '<figure><img src="sala.jpg" alt=""><figcaption>La sala delle lezioni al mattino</figcaption>' +
      "</figure></main>",
  );
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  for (const kept of ["Giulia R., 2023", "Marco T.", "Un ritiro splendido"]) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
  // A picture's caption is still the picture's.
  assert.ok(!text.includes("La sala delle lezioni"));
});

Deno.test("removeBoilerplate() keeps a block named social proof, not social links", () => {
  // A bookkeeping service's landing page (in Swedish): its testimonials and trust figures
  // in a block named for them, and its links to social networks.
  const page = body(
    "<main><h1>Bokföring utan krångel</h1>" +
      '<section class="socialProof_section"><h2>Företag som litar på oss</h2>' +
      '<blockquote class="socialProof_quote">Vi sparar tio timmar i månaden på bokslutet.' +
      '</blockquote><p class="social-proof-stat">Över 20 000 kunder</p></section>' +
      '<div class="social-links"><a href="/f">Följ oss</a><a href="/i">Instagram</a></div>' +
      "</main>",
  );
  removeBoilerplate(page, "other");
  const text = page.textContent ?? "";
  for (const kept of ["Företag som litar", "tio timmar", "Över 20 000 kunder"]) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
  assert.ok(!text.includes("Följ oss"), text);
});

Deno.test("removeBoilerplate() keeps a wall of logos that quotes them, not one of names", () => {
  // A to-do app's landing page (in Finnish): the papers that praised it, each logo under
  // its quote, in a block named for the logos; and a wall of its customers' names.
  const page = body(
    "<main><h1>Selkeyttä vihdoin</h1>" +
      '<div class="customer-logos-container"><div class="publication-quote">' +
      "<blockquote>Yksinkertainen, suoraviivainen ja tehokas</blockquote>" +
      '<img alt="Lehti"></div><div class="publication-quote">' +
      "<blockquote>Markkinoiden paras tehtävälista</blockquote><img alt='Toinen'></div></div>" +
      '<div class="client-logos"><span>Nokia</span><span>Kone</span><span>Fiskars</span></div>' +
      "</main>",
  );
  removeBoilerplate(page, "other");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Markkinoiden paras tehtävälista"), text);
  assert.ok(!text.includes("Fiskars"), text);
});

Deno.test("removeBoilerplate() keeps a promotion that is all a section says under its heading", () => {
  // A pest control firm's page of coupons (in German), read as an article: each section's
  // heading over one offer named a promotion; a promotion box between paragraphs goes.
  const page = body(
    "<main><h1>Gutscheine und Rabatte</h1>" +
      '<section><div><h2>Angebote gegen Nagetiere</h2><hr><div class="cta-banner" ' +
      'id="promo-nagetiere"><h3>Sparen Sie 100 € beim Schutz vor Mäusen</h3>' +
      "<p>Wir verschließen jede Öffnung, durch die Tiere ins Haus kommen.</p>" +
      '<a class="cta-button" href="/nagetiere">Jetzt starten</a></div></div></section>' +
      "<p>Schaben mögen warme, feuchte Orte wie Küchen und Bäder.</p>" +
      '<div class="cta-banner" id="promo-app"><h3>Unsere App</h3><p>Termine per Klick.</p></div>' +
      "<p>Ein Fachmann findet ihre Verstecke schnell.</p></main>",
  );
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  for (const kept of ["Sparen Sie 100 €", "jede Öffnung", "Ein Fachmann"]) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
  assert.ok(!text.includes("Termine per Klick"), text);
  assert.ok(!text.includes("Jetzt starten"), text);
});

Deno.test("removeBoilerplate() keeps the title of a card's header over its text", () => {
  // A city magazine's guide (in Dutch) to new restaurants: each place is a card whose
  // <header> holds its name over its cuisine, district and website, then its review.
  const card = (name: string, tags: string, text: string) =>
    `<div class="plek"><header><h2>${name}</h2><ul><li>${tags}</li>` +
    `<li><a href="https://${name.toLowerCase()}.example/">${name.toLowerCase()}.example</a>` +
    `</li></ul></header><div class="beschrijving"><p>${text}</p></div></div>`;
  const page = body(
    '<header class="site"><h2>Stadsblad</h2><a href="/eten">Eten</a></header>' +
      "<main><h1>Nieuwe restaurants in de stad</h1>" +
      card(
        "Noedelsteeg",
        "Koreaans",
        "Deze zaak voelt als een Koreaanse buurtwinkel die dag en nacht open is: je kiest een " +
          "bouillon, stapelt je toppings en kookt je ramen zelf op een machine aan tafel.",
      ) +
      card(
        "Zeef",
        "Mexicaans",
        "De chef opent zijn nieuwste restaurant in het centrum, met tortilla's die elke " +
          "ochtend vers worden gemaakt en een kaart die per seizoen van streek wisselt.",
      ) +
      '<article><header><h2><a href="/eten/vorige">Vorige week</a></h2></header>' +
      "<p>Tien terrassen voor de zomer.</p></article></main>",
  );
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Noedelsteeg") && text.includes("Zeef"), text);
  assert.ok(text.indexOf("Noedelsteeg") < text.indexOf("Deze zaak voelt"), text);
  // Its tags and links go with the header; the site's header and a teaser's go whole.
  assert.ok(!text.includes("Mexicaans") && !text.includes("zeef.example"), text);
  assert.ok(!text.includes("Stadsblad") && !text.includes("Vorige week"), text);
});

Deno.test("removeBoilerplate() keeps the header of each card in a run of articles", () => {
  // A note-taking app's landing page (in Finnish), without a <main>: its features are
  // cards written as articles, each titled in a <header>; the site's header goes.
  const card = (eyebrow: string, title: string) =>
    `<article class="ruutu"><div><header class="ruutu-otsake"><h3>${eyebrow}</h3>` +
    `<h2>${title}</h2></header></div><img src="kuva.png" alt=""></article>`;
  const page = body(
    '<header class="sivusto"><a href="/">Muistio</a><a href="/hinnat">Hinnat</a></header>' +
      "<div><h1>Yksi työtila kaikelle.</h1><p>Muistiinpanot, tehtävät ja haku samassa.</p>" +
      '<section class="ruudukko">' +
      card("Agentit", "Automatisoi toistuvat tehtävät.") +
      card("Haku", "Yksi haku kaikkeen.") + "</section></div>" +
      '<article><header class="yksin"><h2>Uutiskirje</h2></header><p>Tilaa.</p></article>',
  );
  removeBoilerplate(page, "other");
  const text = page.textContent ?? "";
  for (const kept of ["Agentit", "Automatisoi toistuvat", "Yksi haku kaikkeen", "Yksi työtila"]) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
  assert.ok(!text.includes("Hinnat"), text);
  // A lone article's header is not a card's.
  assert.ok(!text.includes("Uutiskirje"), text);
});

Deno.test("removeBoilerplate() keeps a quotation's caption whatever its class names", () => {
  // A design system's quote block names its attribution as a caption and the name in it
  // as the author: the attribution is still the quote's.
  const page = body(
    "<main><h1>El futuro del posicionamiento</h1>" +
      "<p>El panorama de la búsqueda ha cambiado más en doce meses que en veinte años.</p>" +
      '<figure class="Quote_component"><blockquote><p>No ha muerto, solo es distinto.</p>' +
      '</blockquote><figcaption class="Quote_caption"><strong class="Quote_author">Ana Pérez, ' +
      "</strong><span>Directora de servicios, Ejemplo</span></figcaption></figure>" +
      '<figure><img src="sala.jpg" alt=""><figcaption class="image-caption">La sala de ' +
      "reuniones por la mañana</figcaption></figure></main>",
  );
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  for (const kept of ["Ana Pérez", "Directora de servicios", "No ha muerto"]) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
  // A picture's caption is still the picture's.
  assert.ok(!text.includes("La sala de reuniones"));
});

Deno.test("removeBoilerplate() keeps the caption of a code listing, not of a picture", () => {
  const page = body(`<main><p>Traits define shared behavior that many types can implement.</p>
    <figure class="listing"><pre><code>pub trait Summary { fn summarize(&amp;self) -&gt; String; }</code></pre>
    <figcaption>Listing 10-12: A Summary trait with one method</figcaption></figure>
    <figure><img src="crab.png" alt=""><figcaption>Ferris the crab, photographed at a conference</figcaption></figure>
    </main>`);
  removeBoilerplate(page, "documentation");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Listing 10-12: A Summary trait"), text);
  assert.ok(text.includes("pub trait Summary"), text);
  assert.ok(!text.includes("Ferris the crab"), text);
});

Deno.test("removeBoilerplate() keeps a numbered figure's caption, not a photograph's", () => {
  const page = body(`<main><h1>Measuring block throughput</h1>
    <p>We replayed a month of blocks against the new client; the results follow.</p>
    <figure><img src="gas.png" alt=""><figcaption>Figure 2. Gas consumption per block averages 1.1 billion gas.</figcaption></figure>
    <div class="diagram"><img src="memory.svg" alt=""><span class="caption">Figure 4-1: The representation in memory of a String</span></div>
    <figure><img src="gas.png" alt=""><figcaption>Tabelle 2: Gasverbrauch je Block im Mittel</figcaption></figure>
    <figure><img src="mem.png" alt=""><figcaption>Tableau 3. Consommation de mémoire par nœud</figcaption></figure>
    <figure><img src="net.png" alt=""><figcaption>Rysunek 4: Opóźnienie sieci w ciągu doby</figcaption></figure>
    <figure><img src="ru.png" alt=""><figcaption>Рис. 2. Расход газа на блок в среднем</figcaption></figure>
    <figure><img src="tr.png" alt=""><figcaption>Şekil 3: Gün boyunca ağ gecikmesi</figcaption></figure>
    <figure><img src="team.jpg" alt=""><figcaption>The team at the launch event in Lisbon</figcaption></figure>
    <div class="photo"><img src="office.jpg" alt=""><span class="caption">Our office on a sunny day</span></div>
    </main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Figure 2. Gas consumption per block"), text);
  assert.ok(text.includes("Figure 4-1: The representation in memory"), text);
  // In other languages too ("Tabelle", "Tableau", Polish "Rysunek").
  assert.ok(text.includes("Tabelle 2: Gasverbrauch"), text);
  assert.ok(text.includes("Tableau 3. Consommation"), text);
  assert.ok(text.includes("Rysunek 4: Opóźnienie"), text);
  // And in Russian and Turkish ("Рис.", "Şekil").
  assert.ok(text.includes("Рис. 2. Расход газа"), text);
  assert.ok(text.includes("Şekil 3: Gün boyunca"), text);
  // A photograph's caption has no number: it still goes.
  assert.ok(!text.includes("The team at the launch event"), text);
  assert.ok(!text.includes("Our office on a sunny day"), text);
});

Deno.test("removeBoilerplate() keeps a wall of logos that sets a figure beside each, not a bare one", () => {
  const page = body(`<main><h1>Work management</h1>
    <div class="customer-logos"><div class="logos-item"><img src="a.svg" alt="">
    <div class="logos-number">20%</div><div class="logos-label">Increase in client satisfaction</div></div>
    <div class="logos-item"><img src="b.svg" alt="">
    <div class="logos-number">$4.14M</div><div class="logos-label">Saved by process optimization</div></div></div>
    <p>Plan projects, track resources and reach goals in one place, with the whole team.</p>
    <div class="partner-logos"><img src="c.svg" alt=""><span>Acme</span><span>Globex</span></div>
    </main>`);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Increase in client satisfaction"), text);
  assert.ok(text.includes("$4.14M"), text);
  // A wall of names alone still goes.
  assert.ok(!text.includes("Globex"), text);
});

Deno.test("removeBoilerplate() keeps the buttons a sentence lists as its words, not a row of buttons", () => {
  // A shop's product page (in French): the qualities its buyers praise are buttons that
  // filter the reviews, listed in the sentence; the sharing buttons are a row of controls.
  const page = body(
    `<main><h1>Crème de jour</h1>
    <p>Très appréciée pour : <button type="button">hydratation</button>, ` +
      `<button type="button">texture</button>, <button type="button">résultats</button> </p>
    <p>Partager : <button type="button">Copier le lien</button> <button type="button">E-mail</button></p>
    </main>`,
  );
  removeBoilerplate(page, "product");
  const text = collapse(page.textContent);
  assert.ok(text.includes("Très appréciée pour : hydratation, texture, résultats"), text);
  assert.ok(!text.includes("Copier le lien"), text);
  assert.ok(!text.includes("E-mail"), text);
});

Deno.test("removeBoilerplate() keeps a card named for the overlay it opens, not the overlay", () => {
  // A maker's product page (in Swedish): a card that opens a modal with more, and the modal.
  const page = body(`<main><h1>Hörlurar Pro</h1>
    <p>Ett nytt akustiskt system ger djupare bas och tydligare röster i varje låt.</p>
    <ul><li class="icon-card icon-card-control-modal"><h3>Tillverkade av 40 % återvunnet material.</h3></li>
    <li class="icon-card"><h3>Levereras i en kompakt förpackning.</h3></li></ul>
    <div class="modal"><p>Läs mer i vår miljörapport för produkten.</p></div>
    </main>`);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(text.includes("40 % återvunnet material"), text);
  assert.ok(!text.includes("miljörapport"), text);
});

Deno.test("removeBoilerplate() keeps a product's sheet of measurements, lines of a label and its value", () => {
  // A shop's product page: its measurements in a modal, each a label and its value; a
  // modal with one such line, or lines without labels, is no sheet.
  const page = body(`<main><h1>Regal R4</h1>
    <p>Ein schlichtes Regal mit vier Fächern, stehend oder liegend aufzustellen.</p>
    <div class="measure-modal"><h3>Maße</h3><ul><li>Breite: 77 cm</li><li>Tiefe: 39 cm</li>
    <li>Höhe: 147 cm</li><li>Max. Belastung/Fach: 13 kg</li></ul></div>
    <div class="promo-modal"><h3>Angebote</h3><ul><li>Gratis Versand</li><li>Neu</li>
    <li>Bestseller</li></ul></div>
    </main>`);
  removeBoilerplate(page, "product");
  const text = collapse(page.textContent);
  assert.ok(text.includes("Breite: 77 cm"), text);
  assert.ok(text.includes("Max. Belastung/Fach: 13 kg"), text);
  assert.ok(!text.includes("Gratis Versand"), text);
});

Deno.test("removeBoilerplate() keeps a figure that shows a statistic, not a photo's caption", () => {
  // A product page (in Dutch) sets its figures as figures with no picture: their
  // "stat-caption" parts are the statistic's words, not a picture's credit.
  const page = body(`<main><h1>Oordopjes Pro</h1>
    <p>Een nieuwe akoestische opbouw voor diepere bassen en een helderder geluid.</p>
    <figure class="stat"><span class="stat-caption">Tot</span><span class="stat-value">8 uur</span>
    <span class="stat-caption">luisteren met ruisonderdrukking op één lading</span></figure>
    <figure><img src="doos.jpg" alt=""><span class="stat-caption">De oplaadcase op tafel</span></figure>
    <figure class="embed"><blockquote><p>Geweldige oordopjes voor onderweg.</p></blockquote></figure>
    </main>`);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(text.includes("8 uur"), text);
  assert.ok(text.includes("luisteren met ruisonderdrukking"), text);
  // A picture's caption goes, and so does a post embedded as a quotation.
  assert.ok(!text.includes("De oplaadcase op tafel"), text);
  assert.ok(!text.includes("Geweldige oordopjes"), text);
});

Deno.test("removeBoilerplate() keeps a numbered figure's caption in the scripts of Asia, Greek, Arabic and Hebrew", () => {
  const page = body(`<main><h1>树莓派媒体服务器</h1>
    <p>硬件方面，除了树莓派本身，你还需要一块质量可靠的电源和一块外置硬盘。</p>
    <figure><img src="a.jpg" alt=""><figcaption>图1：树莓派与外置硬盘的连接方式</figcaption></figure>
    <figure><img src="b.jpg" alt=""><figcaption>図2 札幌市の積雪の推移</figcaption></figure>
    <figure><img src="c.jpg" alt=""><figcaption>그림 3. 애월 해안도로에서 본 바다</figcaption></figure>
    <figure><img src="d.jpg" alt=""><figcaption>表4　各モデルの消費電力</figcaption></figure>
    <figure><img src="e.jpg" alt=""><figcaption>Σχήμα 5: Η κατανάλωση ενέργειας ανά κόμβο</figcaption></figure>
    <figure><img src="f.jpg" alt=""><figcaption>الشكل ٦: تطور أسعار الذهب خلال العام</figcaption></figure>
    <figure><img src="g.jpg" alt=""><figcaption>איור 7: צריכת החשמל לפי שעה</figcaption></figure>
    <figure><img src="h.jpg" alt=""><figcaption>chart 8: the team at the office</figcaption></figure>
    <figure><img src="i.jpg" alt=""><figcaption>雪に覆われた札幌市中心部（6日午前）</figcaption></figure>
    <figure><img src="j.jpg" alt=""><figcaption>图片来源：网络</figcaption></figure>
    </main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  for (
    const caption of [
      "图1：树莓派",
      "図2 札幌市",
      "그림 3. 애월",
      "表4　各モデル",
      "Σχήμα 5:",
      "الشكل ٦:",
      "איור 7:",
    ]
  ) {
    assert.ok(text.includes(caption), `${caption} in ${text}`);
  }
  // A photograph's caption or credit has no figure's number: it still goes.
  assert.ok(!text.includes("the team at the office"), text);
  assert.ok(!text.includes("雪に覆われた"), text);
  assert.ok(!text.includes("图片来源"), text);
});

Deno.test("removeBoilerplate() keeps a picture block whose text is a numbered figure's caption", () => {
  const page = body(`<main><h1>제주도 가족여행</h1>
    <p>첫째 날은 공항 근처에서 렌터카를 받아 바로 애월 쪽으로 이동했어요.</p>
    <div class="se-component se-image"><div class="se-module se-module-image"><img src="a.jpg" alt=""></div>
    <div class="se-module se-module-text se-caption"><p>그림 1. 애월 해안도로에서 본 바다</p></div></div>
    <div class="post-image"><img src="b.jpg" alt=""><p class="caption">Figure 2: Rainfall per month on the island</p></div>
    <div class="post-image"><img src="c.jpg" alt=""><p class="caption">Foto: Hanna Berg</p></div>
    <p>둘째 날에는 성산일출봉에 올랐어요.</p></main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("그림 1. 애월 해안도로에서 본 바다"), text);
  assert.ok(text.includes("Figure 2: Rainfall per month"), text);
  // A picture's credit, unnumbered, still goes with its block.
  assert.ok(!text.includes("Hanna Berg"), text);
});

Deno.test("removeBoilerplate() keeps a figure's caption numbered as the text's, not a photo's", () => {
  const page = body(`<main><h1>Benchmarking the client</h1>
    <p>This mode replays historic blocks exactly as they occurred, as Figure 1 shows.</p>
    <figure><div><img src="gas.png" alt=""></div><figcaption><em>Figure 1. Gas used per block
    in the replayed run, averaging 18 MGas with peaks of 36 MGas.</em></figcaption></figure>
    <figure><img src="team.jpg" alt=""><figcaption>Our team at the conference in Lisbon</figcaption></figure>
    <figure><img src="b.jpg" alt=""><figcaption>Abb. 2: Durchsatz je Block</figcaption></figure>
    <figure><img src="c.jpg" alt=""><figcaption>Image 3: the office at night</figcaption></figure>
    </main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Figure 1. Gas used per block"), text);
  assert.ok(text.includes("Abb. 2: Durchsatz je Block"), text);
  assert.ok(!text.includes("Our team at the conference"), text);
  assert.ok(!text.includes("the office at night"), text);
});

Deno.test("removeBoilerplate() keeps the caption over a code box, not a picture's", () => {
  const page = body(`<main><h1>Konfiguracja repozytorium</h1>
    <p>Od kwietnia 2019 repozytorium leży w innym katalogu niż wcześniej.</p>
    <div class="gw-box"><div class="box-caption"><strong>Położenie przed 2019-04-29</strong></div>
    <div class="highlight"><pre>repo_basedir="/usr"\nrepo_name="portage"</pre></div></div>
    <div class="thumb"><img src="drzewo.png" alt=""><div class="thumb-caption">Drzewo katalogów w systemie</div>
    </div><p>Nowe położenie obowiązuje dla wszystkich instalacji od tego dnia.</p></main>`);
  removeBoilerplate(page, "documentation");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Położenie przed 2019-04-29"), text);
  assert.ok(text.includes("repo_basedir"), text);
  assert.ok(!text.includes("Drzewo katalogów"), text);
});

Deno.test("removeBoilerplate() keeps a caption that titles a card's prose, not a picture's", () => {
  // A site builder's slideshow of testimonials sets each client's name and words as the
  // caption over a quote-mark picture: a heading and a paragraph, the card's own text.
  const slide = (who: string, words: string): string =>
    `<li class="fs-item"><div class="imgCaptionWrapper"><img src="quote.png" alt="">` +
    `<div class="imgCaption"><h3 class="imgCaption-title">${who}</h3>` +
    `<p class="imgCaption-desc">${words}</p></div></div></li>`;
  const page = body(`<main><h1>Corporate event planning</h1>
    <p>We plan conferences, dinners and parties for companies across the state.</p>
    <div class="gallery"><h2>What our customers are saying</h2><ul class="slides">${
    slide(
      "Cristina &amp; Remo",
      "Her whole team really loved the work they do and had our best interest in mind from start to end.",
    )
  }${
    slide(
      "Kim &amp; Andy",
      "They went above and beyond to customise a package that fit our needs and our budget. Thank you!",
    )
  }</ul></div>
    <div class="photo"><img src="hall.jpg" alt=""><div class="photo-caption">The ballroom set for a gala dinner</div></div>
    </main>`);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  for (
    const kept of ["Cristina & Remo", "whole team really loved", "Kim & Andy", "above and beyond"]
  ) {
    assert.ok(text.includes(kept), `keeps ${kept}`);
  }
  // A picture's caption, a line without a heading, is still the picture's.
  assert.ok(!text.includes("The ballroom set"), text);
});

Deno.test("removeBoilerplate() keeps a list of tabs that say something, not a tab strip", () => {
  const tab = (text: string): string => `<div role="tab"><h3>${text}</h3></div>`;
  const page = body(`<main><h1>Blockchain fundamentals</h1>
    <div role="tablist">${
    tab("What are the prerequisites for the fundamentals course?") +
    tab("Does the fundamentals course carry professional accreditation?")
  }</div>
    <div role="tablist">${tab("Overview") + tab("Syllabus") + tab("Reviews")}</div>
    <p>The course covers ledgers, consensus and smart contracts in six weeks.</p></main>`);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("What are the prerequisites"), text);
  assert.ok(text.includes("professional accreditation"), text);
  assert.ok(!text.includes("Syllabus"), text);
});

Deno.test("removeBoilerplate() drops a strip of tabs its template left unmarked, not a list of links", () => {
  const page = body(`<main><h1>Akku-Gartenschere GS 20</h1>
    <ul class="nav nav-tabs"><li class="active"><a href="#tab-description" data-toggle="tab">Beschreibung</a></li>
    <li><a href="#tab-specification" data-toggle="tab">Datenblatt</a></li>
    <li><a href="#tab-review" data-toggle="tab">Bewertungen (0)</a></li></ul>
    <div class="tab-content"><div class="tab-pane active" id="tab-description">
    <p>Die Gartenschere schneidet frische Äste bis 20 mm Durchmesser mühelos.</p></div></div>
    <ul class="tabs" data-tab><li class="tab" role="presentation"><a class="tab-title" href="#tab-care" role="tab">Verzorging</a></li>
    <li class="tab" role="presentation"><a class="tab-title" href="#tab-size" role="tab">Maten</a></li></ul>
    <ul><li><a href="/handschuhe">Gartenhandschuhe</a></li><li><a href="/holster">Scherenholster</a></li></ul>
    </main>`);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(!text.includes("Datenblatt") && !text.includes("Bewertungen (0)"), text);
  assert.ok(!text.includes("Verzorging") && !text.includes("Maten"), text);
  assert.ok(text.includes("20 mm Durchmesser") && text.includes("Scherenholster"), text);
});

Deno.test("removeBoilerplate() keeps an accordion marked up as a list of tabs", () => {
  const panel = (n: number, title: string, lessons: string): string =>
    `<div class="panel"><div class="panel-heading" role="tab" id="kop-${n}"><h4>` +
    `<a href="#les-${n}" role="button" aria-controls="les-${n}">${title}</a></h4></div>` +
    `<div id="les-${n}" class="panel-collapse collapse" aria-labelledby="kop-${n}">` +
    `<ul>${lessons}</ul></div></div>`;
  const page = body(
    `<main><h1>Cursus Italiaans koken</h1>
    <div class="panel-group" id="lessen" role="tablist">${
      panel(1, "Welkom", "<li>Een bericht van je docent</li><li>Verse pasta maken</li>") +
      panel(2, "Sauzen", "<li>Les 1: Ragù uit Bologna</li><li>Les 2: Pesto uit Genua</li>")
    }</div>
    <div role="tablist"><a role="tab" aria-controls="info">Overzicht</a>` +
      `<a role="tab" aria-controls="prijs">Prijzen</a></div>
    <div id="info"><p>Zes avonden koken in kleine groepen met een Italiaanse chef.</p></div>
    </main>`,
  );
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  // The panels sit inside the list of tabs: an accordion, whose panels are the text.
  assert.ok(text.includes("Verse pasta maken"), text);
  assert.ok(text.includes("Pesto uit Genua"), text);
  assert.ok(text.includes("Sauzen"), text);
  // A strip of labels whose panels stand apart still goes.
  assert.ok(!text.includes("Prijzen"), text);
  assert.ok(text.includes("Zes avonden koken"), text);
});

Deno.test("removeBoilerplate() keeps a card laid out as a button, not a control", () => {
  const tab = (title: string, text: string): string =>
    `<button type="button" role="tab"><p>${title}</p><p>${text}</p></button>`;
  const page = body(`<main><h1>Ton assistant de travail</h1>
    <div role="tablist" aria-label="Assistant">${
    tab("Délègue le travail répétitif", "Ce qui prenait des jours se fait en quelques minutes.") +
    tab("Travaille avec ton équipe", "Il agit comme un expert intégré aux côtés de ton équipe.")
  }</div>
    <button type="button"><p>Menu</p></button>
    <button type="button"><p>Voir les tarifs et les offres pour les équipes de plus de cinquante</p></button>
    <p>Un seul espace pour les notes, les projets et les documents de toute l'équipe.</p></main>`);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Ce qui prenait des jours"), text);
  assert.ok(text.includes("Travaille avec ton équipe"), text);
  // A control's label goes, however long, when it closes with no sentence's stop.
  assert.ok(!text.includes("Menu"), text);
  assert.ok(!text.includes("Voir les tarifs"), text);
});

Deno.test("removeBoilerplate() measures a Japanese card's paragraph in a button as its words", () => {
  // Twenty-odd kanji and kana say as much as fifty Latin letters: the card's summary is
  // prose, not a control's label.
  const tab = (title: string, text: string): string =>
    `<button type="button" role="tab"><p>${title}</p><p>${text}</p></button>`;
  const page = body(`<main><h1>あなたの仕事のアシスタント</h1>
    <div role="tablist" aria-label="アシスタント">${
    tab("繰り返しの作業を任せる", "何日もかかっていた作業が、数分で終わるようになります。") +
    tab("チームと一緒に働く", "チームのそばで働く専門家のように手伝います。")
  }</div>
    <button type="button"><p>メニュー</p></button>
    <p>チーム全員のメモ、プロジェクト、書類をひとつの場所にまとめられます。</p></main>`);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("数分で終わるようになります。"), text);
  assert.ok(text.includes("チームと一緒に働く"), text);
  assert.ok(!text.includes("メニュー"), text);
});

Deno.test("removeBoilerplate() keeps an FAQ's question written in a label inside its summary", () => {
  const item = (q: string, a: string): string =>
    `<details class="accordion-item"><summary><div><label class="accordion-title">${q}</label></div></summary><p>${a}</p></details>`;
  const page = body(`<main><h1>Perguntas frequentes</h1>
    ${
    item(
      "O sistema integra-se com outras ferramentas?",
      "Sim, ligue-o às ferramentas que já usa através das integrações nativas.",
    ) +
    item(
      "Posso importar o meu catálogo de produtos?",
      "Sim, importe um ficheiro CSV em poucos minutos.",
    )
  }
    <form><label for="email">Correio eletrónico</label><input id="email"></form></main>`);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("O sistema integra-se com outras ferramentas?"), text);
  assert.ok(text.includes("Posso importar o meu catálogo"), text);
  assert.ok(!text.includes("Correio eletrónico"), text);
});

Deno.test("removeBoilerplate() drops a call-to-action box from an article, not from a service's page", () => {
  const html = `<main><h1>Cómo elegir una empresa de mudanzas</h1>
    <p>Antes de contratar una empresa de mudanzas conviene pedir tres presupuestos por escrito.</p>
    <div class="post-cta-wrapper"><h3>¿Quiere ganar más clientes?</h3>
    <p>Envíe presupuestos en minutos con nuestra aplicación.</p><a href="/prueba">Pruébela gratis</a></div>
    <p>Compruebe también que la empresa tiene seguro y licencia para trabajar en su provincia.</p></main>`;
  const article = body(html);
  removeBoilerplate(article, "article");
  const text = article.textContent ?? "";
  assert.ok(text.includes("tres presupuestos por escrito"), text);
  assert.ok(text.includes("seguro y licencia"), text);
  assert.ok(!text.includes("ganar más clientes"), text);
  assert.ok(!text.includes("Pruébela gratis"), text);
  const service = body(html);
  removeBoilerplate(service, "service");
  assert.ok((service.textContent ?? "").includes("ganar más clientes"));
});

Deno.test("removeBoilerplate() keeps a card's caption that carries a figure on a shop's grid", () => {
  // A German shop's grid: each card writes its rating out in small print named "caption"
  // (a design system's type style), and a caption-named "quick view" line.
  const cards = Array.from(
    { length: 6 },
    (_, i) =>
      `<li class="tile"><h3><a href="/p/schlafsack-${i}">Daunenschlafsack Modell ${i}</a></h3>
      <span class="tile__price">${199 + i},00 €</span>
      <span class="rating__caption-sr">${10 + i} Bewertungen, im Schnitt 4,${i} von 5 Sternen</span>
      <span class="tile__caption">Schnellansicht öffnen</span></li>`,
  ).join("");
  const page = body(`<main><h1>Schlafsäcke</h1><ul class="grid">${cards}</ul>
    <figure class="teaser"><img src="zelt.jpg" alt=""><span class="caption">Foto: Archiv 2024</span></figure>
    </main>`);
  removeBoilerplate(page, "collection");
  const text = page.textContent ?? "";
  assert.ok(text.includes("15 Bewertungen, im Schnitt 4,5 von 5 Sternen"), text);
  assert.ok(text.includes("Daunenschlafsack Modell 5"), text);
  assert.ok(!text.includes("Schnellansicht"), text);
  assert.ok(!text.includes("Foto: Archiv"), text);
});

Deno.test("removeBoilerplate() drops a menu and a footer whose class names glue a layout word", () => {
  const item = (text: string): string =>
    `<div class="menuitem"><a href="/${text.length}">${text}</a></div>`;
  const page = body(
    `<div class="menuwrap"><div class="menurow">${
      item("Startseite") + item("Leistungen") + item("Über uns") + item("Kontakt")
    }</div></div>
    <h1>Verpackungsdesign für Kosmetik</h1>
    <p>Wir entwerfen Verpackungen, die im Regal auffallen und zur Marke passen.</p>
    <div class="menuitem"><h3>Lavendelseife</h3><p>Handgemachte Seife mit Lavendelöl, 4,50 €</p></div>
    <div class="footerwrap"><div class="footercol1"><p>Unser Studio</p>
    <p><a href="/leistungen">Leistungen</a></p><p><a href="/blog">Blog</a></p></div>
    <div class="footerrow"><p>© 2025 Studio | Alle Rechte vorbehalten</p></div></div>`,
  );
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Wir entwerfen Verpackungen"), text);
  // A block named for a menu's item that holds text, not links, is not a menu.
  assert.ok(text.includes("Lavendelseife"), text);
  assert.ok(!text.includes("Startseite"), text);
  assert.ok(!text.includes("Alle Rechte vorbehalten"), text);
  assert.ok(!text.includes("Unser Studio"), text);
});

Deno.test("removeBoilerplate() keeps an <aside> that holds the page's one <h1>", () => {
  // A podcast's page: the show's name and blurb in a column beside its episodes.
  const show = body(`<main><aside class="sidebar"><h1>Gaming News Weekly</h1>
    <p>A weekly video game news show covering everything you need to know.</p></aside>
    <section><h2>Episodes</h2><ul><li><a href="/e/12">Episode 12: The winter releases</a></li>
    <li><a href="/e/11">Episode 11: Handhelds everywhere</a></li></ul></section></main>`);
  removeBoilerplate(show, "listing");
  const text = show.textContent ?? "";
  assert.ok(text.includes("Gaming News Weekly"), text);
  assert.ok(text.includes("A weekly video game news show"), text);
  // A sidebar beside a page whose <h1> is elsewhere still goes.
  const post = body(`<main><h1>Winter releases</h1><p>The season brings a dozen new games.</p>
    <aside><h2>Popular shows</h2><p>Listen to our most played episodes this month.</p></aside></main>`);
  removeBoilerplate(post, "listing");
  assert.ok(!(post.textContent ?? "").includes("most played episodes"), post.textContent ?? "");
  // As does a theme's sidebar of links that titles the site with the page's one <h1>.
  const blog = body(`<aside class="sidebar"><h1><a href="/">Garden notes</a></h1><ul>
    <li><a href="/roses">Roses and climbing plants</a></li><li><a href="/herbs">Herbs for a sunny sill</a></li>
    <li><a href="/tools">Tools we use</a></li></ul></aside><main><article><h2>Pruning clematis</h2>
    <p>Cut the stems back to a strong pair of buds in late winter.</p></article></main>`);
  removeBoilerplate(blog, "listing");
  assert.ok(!(blog.textContent ?? "").includes("Herbs for a sunny sill"), blog.textContent ?? "");
});

Deno.test("removeBoilerplate() drops a wall of customers' logos", () => {
  const page = body(`<main><h1>Fatturazione elettronica per studi professionali</h1>
    <p>Emetti, ricevi e conserva le fatture in un unico spazio, senza installare nulla.</p>
    <section class="customer-logos"><p>Scelto da oltre 2.000 studi in Italia</p>
    <ul><li>Rossi &amp; Associati</li><li>Studio Bianchi</li><li>Verdi Consulenze</li></ul></section>
    <p>Ogni fattura viene inviata al Sistema di Interscambio e archiviata per dieci anni.</p></main>`);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Emetti, ricevi e conserva"), text);
  assert.ok(text.includes("archiviata per dieci anni"), text);
  assert.ok(!text.includes("Scelto da oltre"), text);
  assert.ok(!text.includes("Studio Bianchi"), text);
});

Deno.test("auto keeps a quote a post writes as an <aside>, drops the page's <aside>", async () => {
  const post = (name: string, date: string, body: string): string =>
    `<article class="beitrag"><div class="kopf"><a class="username" href="/u/${name}">${name}</a>
    <time datetime="2025-01-11T03:00:00Z">${date}</time></div><div class="inhalt">${body}</div></article>`;
  const html = `<html><head><title>Die besten Filme des Jahres - Forum</title></head><body>
    <aside class="seitenleiste"><h3>Beliebte Themen</h3><p>Welche Serie lohnt sich im Winter noch, und welche eher nicht?</p></aside>
    <main><h1>Die besten Filme des Jahres</h1><div class="thema">${
    post(
      "Wiebke",
      "11. Januar 2025, 03:18",
      "<p>Könntet ihr die Titel der Filme als Text schreiben statt winziger Plakate?</p><p>Auf den Bildern erkennt man kaum etwas.</p>",
    )
  }${
    post(
      "Jannik",
      "11. Januar 2025, 03:37",
      `<aside class="zitat" data-username="Wiebke"><div class="titel">Wiebke:</div><blockquote><p>Könntet ihr die Titel als Text schreiben?</p></blockquote></aside><p>Gern: ganz oben steht bei mir der Wüstenfilm.</p><p>Danach kommt die Satire über das ewige Jungbleiben.</p>`,
    )
  }${
    post(
      "Wiebke",
      "11. Januar 2025, 03:38",
      "<p>Danke, die Nummer acht auf deiner Liste</p><p>war eines der Plakate, die ich nicht erkannt habe.</p>",
    )
  }</div></main></body></html>`;
  const text =
    (await autoHtml(html, "https://forum.filme.example/t/die-besten-filme/4821")).content;
  assert.ok(
    text.includes("Könntet ihr die Titel als Text schreiben?"),
    `keeps the quote:\n${text}`,
  );
  assert.ok(text.includes("Gern: ganz oben"), text);
  assert.ok(!text.includes("Beliebte Themen"), `drops the sidebar:\n${text}`);
});

Deno.test("removeBoilerplate() drops a post's badges and tally of likes on a thread", () => {
  const html = `<main><h1>Quale pane fare con la pasta madre?</h1>
    <div class="messaggio"><a class="username" href="/u/giulia">Giulia</a>
    <ul class="utente-badges"><li><strong class="badge">Livello 5</strong></li></ul>
    <div class="testo"><p>Ho appena iniziato a rinfrescare la mia pasta madre ogni sera.</p></div>
    <div class="likesSummary"><span>Mi piace x 3</span></div></div>
    <div class="messaggio"><a class="username" href="/u/marco">Marco</a>
    <div class="testo"><p>Comincia con una pagnotta semplice, poi prova la focaccia.</p></div></div></main>`;
  const thread = body(html);
  removeBoilerplate(thread, "forum");
  const text = thread.textContent ?? "";
  assert.ok(text.includes("rinfrescare la mia pasta madre"), text);
  assert.ok(text.includes("prova la focaccia"), text);
  assert.ok(!text.includes("Livello 5"), `drops the badge:\n${text}`);
  assert.ok(!text.includes("Mi piace x 3"), `drops the likes:\n${text}`);
});

Deno.test("removeBoilerplate() reads a BEM name's chrome part, not the block it belongs to", () => {
  const prose = "Der Winterschnitt hält die Rebe gesund, weil das alte Holz Platz für neue " +
    "Triebe macht und die Sonne im Sommer bis an die Trauben kommt.";
  const page = body(`<main><div class="beitrag entry-content"><p>${prose}</p>
    <p>${prose}</p><p>${prose}</p>
    <div class="cs-entry__author"><p>Anna schreibt seit zehn Jahren über Gärten und Weinbau.</p></div>
    <div class="article-footer__links"><a href="/hilfe">Fehler melden</a></div>
    <div class="kosten-content__inner" id="KostenCredits"><p>Der Kurs kostet 120 Euro.</p></div>
    <div class="summary__byline__content"><p>Aus dem Weinberg berichtet die Redaktion.</p></div>
    <div class="Layout_sidebarContent__Z5BK4"><p>Schneiden Sie an frostfreien Tagen.</p></div>
    </div></main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Der Winterschnitt"), text);
  // The author box of an entry, the links of an article's footer.
  assert.ok(!text.includes("Anna schreibt"), text);
  assert.ok(!text.includes("Fehler melden"), text);
  // Content by its own part; a chrome word in another name (an id) does not undo it.
  assert.ok(text.includes("Der Kurs kostet"), text);
  assert.ok(text.includes("Aus dem Weinberg"), text);
  // A CSS module's hash after the name is no element part.
  assert.ok(text.includes("an frostfreien Tagen"), text);
});

Deno.test("removeBoilerplate() reads a name by its last word, not the content word before it", () => {
  const prose = "A nova linha de metrô liga o centro ao aeroporto em vinte minutos e deve " +
    "receber cem mil passageiros por dia já no primeiro ano de operação.";
  const page = body(`<main><div class="materia"><p>${prose}</p><p>${prose}</p>
    <p><span class="article-caption">Estação Central na inauguração | Foto: Ana Lima</span></p>
    <div id="content_authors">por Pedro Souza, editor de Cidades</div>
    <div class="articleFooter"><p>Receba as notícias da cidade no seu e-mail.</p></div>
    <div class="sidebar-content"><p>As obras custaram dois bilhões de reais.</p></div>
    <div class="story-share-body"><p>O governo promete outra linha até 2030.</p></div>
    </div></main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("A nova linha"), text);
  // An article's caption, the content's authors, an article's footer.
  assert.ok(!text.includes("Foto: Ana Lima"), text);
  assert.ok(!text.includes("Pedro Souza"), text);
  assert.ok(!text.includes("Receba as notícias"), text);
  // Names whose last word is a content word stay content.
  assert.ok(text.includes("dois bilhões"), text);
  assert.ok(text.includes("outra linha"), text);
});

Deno.test("removeBoilerplate() keeps a gallery of cards set in caption type", () => {
  const prose = "Os novos fones cancelam o dobro do ruído e duram oito horas com uma carga, " +
    "com pontas de espuma em cinco tamanhos para um encaixe mais firme.";
  const page = body(`<main><h1>Fones Pro</h1><p>${prose}</p><p>${prose}</p>
    <div class="galeria caption-tile-gallery"><ul class="caption-tile-set">
    <li class="caption-tile"><h3>Microfones.</h3><p>Vozes claras mesmo na rua.</p></li>
    <li class="caption-tile"><h3>Bateria.</h3><p>Mais quatro horas de escuta.</p></li>
    </ul></div>
    <figure><img src="f.jpg"><div class="image-caption">Foto: Ana Lima</div></figure>
    <p class="caption-text">Foto: Rui Costa</p></main>`);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Os novos fones"), text);
  // "caption" before a card's word styles the cards: the gallery stays.
  assert.ok(text.includes("Vozes claras"), text);
  assert.ok(text.includes("Mais quatro horas"), text);
  // A picture's caption still goes.
  assert.ok(!text.includes("Ana Lima"), text);
  assert.ok(!text.includes("Rui Costa"), text);
});

Deno.test("removeBoilerplate() keeps the captions of a product gallery's slides", () => {
  const prose = "Le nouvel iPad Pro est le plus fin jamais conçu, avec un écran plus lumineux " +
    "et une puce qui rend les applications de création nettement plus rapides.";
  // Each slide is a tab panel (its dots are the tabs); the hidden ones wait their turn.
  const slide = (n: number, caption: string, hidden: string): string =>
    `<li class="gallery-item" role="tabpanel" aria-labelledby="dot-${n}"${hidden}>` +
    `<div class="caption-container"><p class="caption">${caption}</p></div>` +
    `<figure class="media-container"><img src="${n}.jpg" alt=""></figure></li>`;
  const page = body(`<main><h1>iPad Pro</h1><p>${prose}</p><p>${prose}</p>
    <div class="gallery"><ul>${slide(1, "Puce M5. Furieusement rapide.", "")}
    ${slide(2, "Écran Ultra Retina XDR. Le plus avancé au monde.", ' aria-hidden="true"')}
    </ul></div>
    <figure><img src="f.jpg"><div class="image-caption">Photo : Studio Nord</div></figure>
    </main>`);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Puce M5. Furieusement rapide."), text);
  assert.ok(text.includes("Écran Ultra Retina XDR"), text);
  // A picture's caption outside the slides still goes.
  assert.ok(!text.includes("Studio Nord"), text);
});

Deno.test("removeBoilerplate() keeps a heading set in a caption's type", () => {
  const prose = "Die neuen Kopfhörer unterdrücken doppelt so viel Lärm und halten acht Stunden " +
    "mit einer Ladung, mit Schaumstoffaufsätzen in fünf Größen für besseren Halt.";
  const tile = (title: string, text: string): string =>
    `<li class="card-container"><div class="card-caption-content">` +
    `<h3 class="card-caption-heading"><strong>${title}</strong></h3><p>${text}</p></div></li>`;
  const page = body(`<main><h1>Kopfhörer Pro</h1><p>${prose}</p><p>${prose}</p>
    <ul role="list">${tile("Sprachisolierung.", "Klare Stimmen auch im Bus.")}
    ${tile("Gesprächserkennung.", "Die Lautstärke sinkt, sobald du sprichst.")}</ul>
    <figure><img src="k.jpg"><p class="caption">Foto: Studio Nord</p></figure></main>`);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Sprachisolierung."), text);
  assert.ok(text.includes("Gesprächserkennung."), text);
  assert.ok(text.includes("Klare Stimmen"), text);
  // A picture's caption still goes.
  assert.ok(!text.includes("Studio Nord"), text);
});

Deno.test("removeBoilerplate() drops what a site places after the content by name", () => {
  const prose = "El nuevo tranvía une el puerto con la estación en doce minutos y funcionará " +
    "cada cinco minutos en las horas de más tráfico, según el ayuntamiento.";
  const page = body(`<main><div class="entry-content"><p>${prose}</p><p>${prose}</p>
    <div class="sitio-before-content"><p>Publicado en la sección de ciudad.</p></div></div>
    <div class="sitio-after-content"><h2>Un mensaje de nuestro fundador</h2>
    <p>Únase a nuestra red de lectores y reciba cada semana lo mejor de la redacción.</p></div>
    <div id="comentarios-below-article"><p>Deje su comentario sobre el tranvía.</p></div>
    </main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("El nuevo tranvía"), text);
  assert.ok(text.includes("Publicado en la sección"), text);
  assert.ok(!text.includes("Un mensaje de nuestro fundador"), text);
  assert.ok(!text.includes("Deje su comentario"), text);
});

Deno.test("removeBoilerplate() keeps a block whose modifier says it has something after it", () => {
  // vBulletin's post row: "has_after_content" says a signature follows the post, and the
  // post is content all the same; the block after it goes by its own name.
  const prose = "Bei minus sechs Grad draußen und 50 Grad Vorlauf wurden alle Räume warm, nur " +
    "das Wohnzimmer kam nicht ganz auf 21 Grad, sondern blieb bei 19,5 Grad hängen.";
  const page = body(`<main><ol class="posts"><li class="postcontainer"><div class="postbody">
    <div class="postrow has_after_content"><div class="content"><p>${prose}</p></div></div>
    <div class="after_content"><p>Viessmann Vitocal 250-A, 12 kW, PV 9,8 kWp</p></div>
    </div></li></ol></main>`);
  removeBoilerplate(page, "forum");
  const text = page.textContent ?? "";
  assert.ok(text.includes("minus sechs Grad"), text);
  assert.ok(!text.includes("Vitocal"), text);
});

Deno.test("removeBoilerplate() drops a wiki's section edit links", () => {
  const page = body(`<main><h1>Liste der Programmiersprachen</h1>
    <h2><span class="mw-headline">Funktionale Sprachen</span><span class="mw-editsection">
    <span class="mw-editsection-bracket">[</span><a href="?action=edit&amp;section=1">Bearbeiten</a>
    <span class="mw-editsection-bracket">]</span></span></h2>
    <ul><li>Haskell</li><li>OCaml</li><li>Elm</li></ul></main>`);
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Funktionale Sprachen"), text);
  assert.ok(text.includes("OCaml"), text);
  assert.ok(!text.includes("Bearbeiten"), text);
});

Deno.test("removeBoilerplate() drops a skip link that names the content it leads to", () => {
  const page = body(`<a class="SkipToMain-module_skipToMain__Yq4K" href="#contenido">Saltar al
    contenido principal</a><a class="nectar-skip-to-content" href="#wrap">Ir al contenido</a>
    <div id="contenido"><h1>Alquiler de coches en verano</h1>
    <p>Las oficinas del aeropuerto tienen pocos coches libres durante las vacaciones de
    primavera, y los precios suben cada semana.</p></div>`);
  removeBoilerplate(page, "forum");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Alquiler de coches"), text);
  assert.ok(text.includes("pocos coches libres"), text);
  assert.ok(!text.includes("Saltar al"), text);
  assert.ok(!text.includes("Ir al contenido"), text);
});

Deno.test("removeBoilerplate() keeps a block whose name says it has no credit", () => {
  const page = body(`<main><h1>I migliori corsi di certificazione a Milano</h1>
    <article class="tile"><div class="_titleNoCredit_1doy9_237"><h3>Corso di grafica digitale</h3>
    </div><p>Dodici settimane di lezioni serali per imparare i programmi di impaginazione e
    preparare un portfolio da presentare alle agenzie.</p>
    <div class="photo-credit">Foto: Archivio Rossi</div></article></main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Corso di grafica digitale"), text);
  assert.ok(text.includes("Dodici settimane"), text);
  assert.ok(!text.includes("Archivio Rossi"), text);
});

Deno.test("removeBoilerplate() keeps a service page's recommended plans, not its cookie bar or sidebar", () => {
  const plan = (name: string, price: string, text: string): string =>
    `<div class="planRecommendations__plan"><h3>${name}</h3><p>${price} al mes</p><p>${text}</p></div>`;
  const page = body(`<main><h1>Correo para tu negocio</h1>
    <p>Envía campañas a tus clientes y mide cada apertura desde un solo panel.</p>
    <section class="planRecommendations">${
    plan("Esencial", "9 €", "Plantillas prediseñadas y soporte por correo durante un mes.") +
    plan("Estándar", "17 €", "Automatizaciones, pruebas A/B y segmentación por comportamiento.")
  }</section>
    <div class="plan plan--popular"><h3>Premium</h3><p>350 € al mes</p>
    <p>Incorporación personalizada y soporte telefónico prioritario.</p></div>
    <div class="cookie-bar"><p>Usamos cookies para mejorar tu experiencia.</p></div>
    <div class="sidebar"><p>Lee también nuestra guía de boletines para principiantes.</p></div>
    </main>`);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Automatizaciones, pruebas A/B"), text);
  assert.ok(text.includes("17 €"), text);
  assert.ok(text.includes("soporte telefónico prioritario"), text);
  assert.ok(!text.includes("Usamos cookies"), text);
  assert.ok(!text.includes("guía de boletines"), text);
});

Deno.test("removeBoilerplate() keeps an FAQ's toggle whatever its class names", () => {
  const page = body(`<main><h1>Analisi dei dati per il marketing</h1>
    <p>Colleghiamo le vostre fonti e misuriamo ogni campagna in un unico cruscotto.</p>
    <div class="accordion"><div class="accordion-header" id="q1">
    <h3 class="accordion-button ask-ads collapsed" aria-expanded="false" aria-controls="r1">Chi trae vantaggio dalla nostra soluzione di analisi?</h3></div>
    <div id="r1" class="accordion-collapse"><div class="accordion-body"><p>Le aziende che investono in pubblicità digitale e vogliono sapere quali canali rendono di più.</p></div></div></div>
    <div class="ads"><p>Pubblicità: scopri le offerte dei nostri partner.</p></div></main>`);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Chi trae vantaggio"), text);
  assert.ok(text.includes("quali canali rendono"), text);
  assert.ok(!text.includes("offerte dei nostri partner"), text);
});

Deno.test("removeBoilerplate() drops an ad's slot named in another language", () => {
  const page = body(`<main><h1>Neue Radwege in der Innenstadt</h1>
    <p>Die Stadt baut bis zum Sommer drei neue Radwege entlang der großen Ausfallstraßen.</p>
    <div class="werbung-mitte"><p>Jetzt Probefahrt vereinbaren beim Autohaus in Ihrer Nähe.</p></div>
    <div id="bloc-publicite"><p>Découvrez les offres de nos partenaires cette semaine.</p></div>
    <aside class="box_reklama"><p>Sprawdź nasze promocje na rowery miejskie.</p></aside>
    <div class="reklam-alani"><p>Kampanyalı bisikletleri hemen inceleyin.</p></div>
    <p>Die Bauarbeiten beginnen im April und sollen den Verkehr kaum behindern.</p></main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(!text.includes("Probefahrt") && !text.includes("Découvrez"), text);
  assert.ok(!text.includes("Sprawdź") && !text.includes("Kampanyalı"), text);
  assert.ok(text.includes("drei neue Radwege") && text.includes("im April"), text);
});

Deno.test("removeBoilerplate() drops chrome whose class names it in another language", () => {
  const page = body(`<main><h1>Neue Radwege in der Innenstadt</h1>
    <div class="brotkrumen"><a href="/">Start</a> › <a href="/stadt">Stadt</a></div>
    <p>Die Stadt baut bis zum Sommer drei neue Radwege entlang der großen Ausfallstraßen.</p>
    <div class="teilen-leiste"><a href="#">Facebook</a> <a href="#">Mastodon</a></div>
    <section class="verwandte-artikel"><a href="/a">Parkhaus am Markt wird abgerissen</a></section>
    <div id="fil-ariane"><a href="/">Accueil</a> › <a href="/ville">Ville</a></div>
    <div class="box-condividi"><a href="#">Condividi su WhatsApp</a></div>
    <ul class="articulos-relacionados"><li><a href="/b">El puerto amplía su muelle</a></li></ul>
    <p>Die Bauarbeiten beginnen im April und sollen den Verkehr kaum behindern.</p>
    <div class="rodape"><p>Jornal da Cidade, todos os direitos.</p></div>
    <div class="stopka"><p>Gazeta Miejska, redakcja.</p></div>
    <div class="haber-paylas"><a href="#">Twitter'da paylaş</a></div>
    <div id="altbilgi"><p>Şehir Gazetesi, tüm hakları.</p></div></main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  for (const gone of ["Start", "Mastodon", "Parkhaus", "Accueil", "WhatsApp", "muelle"]) {
    assert.ok(!text.includes(gone), `${gone}: ${text}`);
  }
  assert.ok(!text.includes("Jornal") && !text.includes("Gazeta"), text);
  assert.ok(!text.includes("paylaş") && !text.includes("Şehir"), text);
  assert.ok(text.includes("drei neue Radwege") && text.includes("im April"), text);
});

Deno.test("removeBoilerplate() drops what a page's template shows once a reader opens it", () => {
  const page = body(`<main><h1>Zapatilla de lana para hombre</h1>
    <p>Lana merino suave por dentro y resistente por fuera, con suela de caña de azúcar.</p>
    <div v-cloak v-show="isGuiaTallasOpen"><h2>Guía de tallas</h2>
      <p>La zapatilla se ajusta a la talla para la mayoría de los clientes.</p></div>
    <div v-if="isAvisoModalOpen"><h3>Avísame cuando vuelva a estar disponible</h3></div>
    <p v-show="!isMenuOpen">Envío gratuito y devoluciones en treinta días.</p>
    <p v-if="producto.disponible">Disponible en once tallas.</p></main>`);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Lana merino suave"), text);
  assert.ok(!text.includes("Guía de tallas"), text);
  assert.ok(!text.includes("Avísame"), text);
  // Shown until a reader opens the menu, and on a condition that is no opening.
  assert.ok(text.includes("Envío gratuito"), text);
  assert.ok(text.includes("Disponible en once tallas"), text);
});

Deno.test("removeBoilerplate() drops what a template shows once a reader opens an item's part", () => {
  const card = (id: string, name: string): string =>
    `<li><a href="/prodotti/${id}">${name}</a><p>135 €</p>
      <div v-cloak v-if="schede['${id}']?.isSelettoreTaglieOpen"><span>Scegli la taglia</span>
        <button>Aggiungi al carrello</button></div></li>`;
  const page = body(
    `<main><h1>Scarpe da uomo</h1><ul>${
      card("101", "Sneaker in lana") + card("102", "Sneaker in tela")
    }</ul></main>`,
  );
  removeBoilerplate(page, "collection");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Sneaker in lana") && text.includes("Sneaker in tela"), text);
  assert.ok(!text.includes("Scegli la taglia"), text);
});

Deno.test("removeBoilerplate() drops a shop's narrow-screen copies, not an article's", () => {
  const page = (): Element =>
    body(`<main><h1>Zaino da escursione 25 litri</h1>
    <p>Uno zaino leggero con schienale traspirante e tasche laterali in rete.</p>
    <span class="badge md:hidden">Novità</span><span class="badge hidden md:block">Novità in negozio</span>
    <p class="text-sm lg:hidden">Spedizione gratuita sopra i 50 euro</p>
    <p class="md:hidden lg:block">Garanzia di due anni</p></main>`);
  const shop = page();
  removeBoilerplate(shop, "product");
  const text = shop.textContent ?? "";
  assert.ok(text.includes("Novità in negozio") && text.includes("Garanzia di due anni"), text);
  assert.ok(!/Novità(?! in negozio)/.test(text), text);
  assert.ok(!text.includes("Spedizione gratuita"), text);
  // An article's narrow copy (a byline, a note) is often its only one.
  const article = page();
  removeBoilerplate(article, "article");
  assert.ok((article.textContent ?? "").includes("Spedizione gratuita"), article.textContent);
});

Deno.test("removeBoilerplate() drops a label's narrow-screen twin on any page", () => {
  // A grid of cards (a page taken for a listing) writes each badge twice, once per screen
  // size, side by side; an article's lone narrow copy stays.
  const card = (name: string): string =>
    `<li><span class="badge md:hidden">NOVO</span><span class="badge hidden md:block">NOVO</span>` +
    `<h3>${name}</h3><p>R$ 499,00</p></li>`;
  const page = body(
    `<main><h1>Tênis masculinos</h1><ul>${card("Corredor de lã")}` +
      `${card("Corredor de árvore")}</ul>
    <p class="text-sm md:hidden">Frete grátis acima de R$ 300</p></main>`,
  );
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  assert.equal(text.match(/NOVO/g)?.length, 2, text);
  assert.ok(text.includes("Corredor de lã") && text.includes("Corredor de árvore"), text);
  assert.ok(text.includes("Frete grátis"), text);
});

Deno.test("removeBoilerplate() drops a menu of links shown on narrow screens only", () => {
  // A sidebar repeats the header's section tabs for narrow screens; a lone narrow link and
  // a narrow note with a link in its text stay.
  const page = body(`<main><div class="z-50 w-full p-3 md:block">
    <div class="px-2 md:hidden"><a href="/start/">Erste Schritte</a><ul>
    <li><a href="/anleitungen/">Anleitungen</a></li><li><a href="/handbuecher/">Handbücher</a></li>
    <li><a href="/referenz/">Referenz</a></li></ul></div></div>
    <article><h1>Einführung</h1>
    <p>Diese Reihe führt Sie Schritt für Schritt durch die Installation und den ersten Container.</p>
    <div class="lg:hidden"><a href="/kurs/">Zum Kurs</a></div>
    <p class="md:hidden">Auf dem Telefon lesen Sie den <a href="/kurz/">kurzen Leitfaden</a>.</p>
    </article></main>`);
  removeBoilerplate(page, "documentation");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Schritt für Schritt") && text.includes("Zum Kurs"), text);
  assert.ok(text.includes("kurzen Leitfaden"), text);
  for (const tab of ["Erste Schritte", "Anleitungen", "Handbücher", "Referenz"]) {
    assert.ok(!text.includes(tab), `drops ${tab}: ${text}`);
  }
});

Deno.test("removeBoilerplate() keeps a section whose id is its title, not a block named cookies", () => {
  const page = body(`<main><h1>Sesiones e inicio de sesión</h1>
    <section id="gestion-de-cookies-en-el-navegador"><h2>Gestión de cookies en el navegador¶</h2>
    <p>Una sesión guarda sus datos en una cookie firmada que el navegador envía con cada petición.</p></section>
    <section id="cookies"><h2>Cookies</h2>
    <p>Usamos cookies para ofrecerle la mejor experiencia en nuestro sitio.</p></section>
    </main>`);
  removeBoilerplate(page, "documentation");
  const text = page.textContent ?? "";
  assert.ok(text.includes("una cookie firmada"), text);
  assert.ok(!text.includes("la mejor experiencia"), text);
});

Deno.test("removeBoilerplate() keeps a heading whose id is its title, after a prefix or linking to itself", () => {
  const page = body(`<main><h1>Promuovere un negozio di quartiere</h1>
    <p>Un negozio di quartiere vive dei clienti che passano davanti alla vetrina ogni giorno.</p>
    <h2 id="h-social-media-per-le-piccole-imprese">Social media per le piccole imprese</h2>
    <p>Bastano due foto a settimana e una risposta rapida ai messaggi dei clienti.</p>
    <div id="3-sezione-offerte-promo-e-sconti"><div><h2>Offerte promo e sconti</h2></div>
    <p>Uno sconto per chi torna entro un mese vale più di un volantino distribuito a tutti.</p></div>
    <h3 id="social-network"><a href="#social-network">Social network</a></h3>
    <p>Una pagina sul social network più usato in zona porta clienti nuovi ogni mese.</p>
    <div class="social-share"><p>Condividi su Facebook, su X o per posta elettronica.</p></div>
    <div id="social-links"><h3>Social links</h3><p>Seguici su Instagram e su TikTok.</p></div>
    </main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  // The heading's own id, and the section's id after a number, spell its title.
  assert.ok(text.includes("Social media per le piccole imprese"), text);
  assert.ok(text.includes("Uno sconto per chi torna"), text);
  assert.ok(text.includes("Offerte promo e sconti"), text);
  // A title of two words that links to its own anchor: a section's permalink.
  assert.ok(text.includes("Social network"), text);
  // Two words named for a role, without a permalink.
  assert.ok(!text.includes("Seguici su Instagram"), text);
  // A block named for its role still goes.
  assert.ok(!text.includes("Condividi su Facebook"), text);
});

Deno.test("auto keeps a note set between an article's paragraphs, not a sidebar or a pull quote", async () => {
  const para = (text: string): string => `<p>${text}</p>`;
  const html = `<html><body><header><a href="/">Inicio</a></header><div class="page">
    <div class="cuerpo"><h1>Cómo conservar el pan casero</h1>
    ${
    para(
      "El pan casero se seca antes que el industrial porque no lleva conservantes, y guardarlo bien alarga su vida varios días.",
    )
  }
    ${
    para(
      "Una bolsa de tela deja respirar la corteza, que sigue crujiente, mientras la miga conserva la humedad durante tres o cuatro días.",
    )
  }
    <aside class="caja"><h3>Una nota sobre el congelador</h3>
    ${
    para(
      "Congelado en rebanadas, el pan dura tres meses sin perder sabor; basta tostarlo sin descongelar para que recupere la textura.",
    )
  }</aside>
    ${
    para(
      "La nevera, en cambio, lo endurece más deprisa: el frío sin congelar acelera el envejecimiento del almidón de la miga.",
    )
  }
    <aside class="cita">La nevera, en cambio, lo endurece más deprisa</aside>
    ${
    para(
      "Si el pan ya está duro, unas gotas de agua y cinco minutos en el horno caliente le devuelven buena parte de su frescura.",
    )
  }
    </div><aside class="lateral"><h3>Recetas del mes</h3>${
    para(
      "Suscríbase a nuestro boletín y reciba cada mes las mejores recetas de pan en su correo electrónico.",
    )
  }</aside></div></body></html>`;
  const { content } = await autoHtml(html, "https://panaderia.example/blog/conservar-pan");
  assert.ok(content.includes("Una nota sobre el congelador"), content);
  assert.ok(content.includes("Congelado en rebanadas"), content);
  assert.ok(content.includes("le devuelven buena parte"), content);
  // A sidebar beside the text goes; a pull quote repeating it is written once.
  assert.ok(!content.includes("Suscríbase a nuestro boletín"), content);
  assert.equal(content.split("lo endurece más deprisa").length, 2, content);
});

Deno.test("auto keeps a note a docs generator sets as an <aside> between a code block and a heading", async () => {
  // Starlight writes its notes as <aside>s between the page's blocks, a code block or a
  // heading in a wrapper of its own beside them: inside the box of the text's paragraphs.
  const html = `<html><body><header><a href="/">Wolke CLI</a></header><div class="main-frame">
    <aside class="right-sidebar"><h2>Auf dieser Seite</h2><ul><li><a href="#a">Variablen setzen</a></li>
    <li><a href="#b">Im Code lesen</a></li></ul></aside><main><h1>Umgebungsvariablen</h1>
    <div class="sl-markdown-content"><p>Zugangsdaten und Einstellungen, die sich je nach Umgebung unterscheiden, gehören nicht in den Quelltext der Anwendung.</p>
    <div class="sl-heading-wrapper"><h2 id="a">Variablen setzen</h2></div>
    <p>Mit dem Befehl wolke env set legen Sie eine Variable für das aktuelle Projekt an, ohne weitere Angabe für alle Umgebungen.</p>
    <div class="expressive-code"><figure class="frame"><pre><code>wolke env set DATENBANK_URL postgres://db/shop</code></pre></figure></div>
    <aside aria-label="Vorsicht" class="starlight-aside starlight-aside--caution"><p class="starlight-aside__title">Vorsicht</p>
    <div class="starlight-aside__content"><p>Variablen, deren Name mit OEFFENTLICH_ beginnt, werden in den Browser ausgeliefert.</p></div></aside>
    <div class="sl-heading-wrapper"><h2 id="b">Im Code lesen</h2></div>
    <p>In der Funktion lesen Sie die Werte wie gewohnt über die Umgebung des Prozesses, und eine fehlende Variable bricht früh ab.</p>
    </div></main></div><footer><p>Erstellt mit Starlight</p></footer></body></html>`;
  const { content } = await autoHtml(
    html,
    "https://wolke-cli.example/de/anleitungen/umgebungsvariablen/",
  );
  assert.ok(content.includes("werden in den Browser ausgeliefert"), content);
  assert.ok(content.includes("bricht früh ab"), content);
  assert.ok(!content.includes("Auf dieser Seite"), content);
});

Deno.test("removeBoilerplate() drops an article's list of citations and footnotes, not a manual's", () => {
  const html = `<main><h1>Come scegliere un consulente finanziario</h1>
    <p>Prima di affidare i propri risparmi a un consulente conviene verificarne l'iscrizione all'albo.</p>
    <p>Un consulente indipendente è pagato dal cliente e non riceve commissioni sui prodotti venduti.</p>
    <p>Chiedete sempre un preventivo scritto, con le spese annue e gli eventuali costi di uscita.</p>
    <div class="NoteBox_citations__x7Kq2"><ol>
    <li>Banca d'Italia, Relazione annuale 2024.</li><li>Consob, Rapporto sugli investimenti.</li></ol></div>
    <div class="post-footnotes"><p>1. Dati aggiornati a marzo 2025.</p></div></main>`;
  const article = body(html);
  removeBoilerplate(article, "article");
  const text = article.textContent ?? "";
  assert.ok(text.includes("iscrizione all'albo"), text);
  assert.ok(text.includes("costi di uscita"), text);
  assert.ok(!text.includes("Relazione annuale"), text);
  assert.ok(!text.includes("Dati aggiornati"), text);
  const manual = body(html);
  removeBoilerplate(manual, "documentation");
  assert.ok((manual.textContent ?? "").includes("Relazione annuale"));
});

Deno.test("removeBoilerplate() reads a call to action spelled out in a name as a cta box", () => {
  const html = `<main><h1>Cómo preparar una mudanza</h1>
    <p>Empiece por vaciar los armarios que no usa y done lo que no vaya a llevarse.</p>
    <section class="CallToActionBox_component__c2fX_"><div>Organice su mudanza con nuestra aplicación</div>
    <p>Calcule el volumen de sus muebles en dos minutos.</p></section>
    <div class="call-to-action"><p>Pida presupuesto hoy mismo.</p></div>
    <p>Etiquete cada caja con la habitación de destino y una lista de lo que contiene.</p></main>`;
  const article = body(html);
  removeBoilerplate(article, "article");
  const text = article.textContent ?? "";
  assert.ok(text.includes("vaciar los armarios"), text);
  assert.ok(text.includes("habitación de destino"), text);
  assert.ok(!text.includes("nuestra aplicación"), text);
  assert.ok(!text.includes("Pida presupuesto"), text);
  const service = body(html);
  removeBoilerplate(service, "service");
  assert.ok((service.textContent ?? "").includes("Pida presupuesto"));
});

Deno.test("removeBoilerplate() drops an advertisement's slot named in a data attribute", () => {
  const page = body(
    '<main><h1>Batidora de vaso Turbo 1400</h1><div data-testid="descripcion">' +
      "<p>Tritura hielo y fruta congelada en segundos con sus seis cuchillas de acero.</p>" +
      '<p><span data-testid="precio">149,00 €</span></p></div>' +
      '<div data-testid="caja-compra-ad"><div role="group"><a href="/p/batidora-duo">' +
      "<h3>Batidora Duo 72 onzas, dos programas automáticos 129,00 €</h3></a>" +
      "<span>En el carrito de más de 50 personas</span></div></div>" +
      '<div data-name="BloqueDisplayAds"><a href="/p/licuadora">Licuadora Pro' +
      "</a><span>89,99 €</span></div></main>",
  );
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Tritura hielo"), "keeps the description");
  assert.ok(text.includes("149,00 €"), "keeps the product's price");
  assert.ok(!text.includes("Batidora Duo"), "drops the sponsored card");
  assert.ok(!text.includes("Licuadora Pro"), "drops the sponsored block");
});

Deno.test("removeBoilerplate() drops a billboard, as a banner", () => {
  const page = body(
    "<main><h1>Tagesrucksack Trail 25</h1><p>Ein leichter Rucksack für Tagestouren mit " +
      "Trinksystemfach und abnehmbarem Hüftgurt.</p>" +
      '<section class="mbr-billboard mbr-billboard--on-page"><p>Mitglied werden: 30 € ' +
      "Bonuskarte beim Beitritt, gültig 30 Tage.</p></section>" +
      '<div class="wp-block-billboard-v2"><p>Jetzt bis zu 40 % sparen!</p></div></main>',
  );
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Trinksystemfach"), text);
  assert.ok(!text.includes("Bonuskarte"), text);
  assert.ok(!text.includes("40 % sparen"), text);
});

Deno.test("removeBoilerplate() drops a block named for its copyright notice", () => {
  const page = body(
    "<main><h1>fiets</h1><p>Een voertuig met twee wielen dat door trappers wordt " +
      "voortbewogen.</p><p>Hij gaat elke ochtend met de fiets naar zijn werk.</p>" +
      '<p class="copyright-txt copyright-txt-2">Definities uit het Groot Woordenboek, ' +
      "tweede druk, met toestemming van de uitgever overgenomen.</p>" +
      '<div id="copyrightNotice"><p>Alle voorbeeldzinnen zijn eigendom van hun ' +
      "respectieve auteurs.</p></div></main>",
  );
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("door trappers"), text);
  assert.ok(text.includes("elke ochtend"), text);
  assert.ok(!text.includes("Groot Woordenboek"), text);
  assert.ok(!text.includes("voorbeeldzinnen"), text);
});

Deno.test("removeBoilerplate() drops a service's form with the lines that invite to it", () => {
  const html = `<main><h1>Progettazione di imballaggi cosmetici</h1>
    <p>Disegniamo confezioni per creme, profumi e trucchi che raccontano il marchio sullo
    scaffale e proteggono il prodotto durante il trasporto.</p>
    <section class="servizi"><h2>Le nostre fasi</h2><p>Ricerca, bozzetti, prototipi e file
    pronti per la stampa, con tre giri di revisioni inclusi nel prezzo.</p></section>
    <div class="contatti"><h3>Richiedi una verifica gratuita</h3>
    <p>Compila i campi per saperne di più</p>
    <form><input name="nome" placeholder="Mi chiamo"><button>Invia</button></form></div>
    </main>`;
  const service = body(html);
  removeBoilerplate(service, "service");
  const text = service.textContent ?? "";
  assert.ok(text.includes("Disegniamo confezioni"), text);
  assert.ok(text.includes("Le nostre fasi"), text);
  assert.ok(!text.includes("Richiedi una verifica"), text);
  assert.ok(!text.includes("Compila i campi"), text);
  // An article's invitation beside its form is left to the article's own cleaning.
  const article = body(html);
  removeBoilerplate(article, "article");
  assert.ok((article.textContent ?? "").includes("Richiedi una verifica"));
});

Deno.test("removeBoilerplate() drops what classes hide on every screen", () => {
  const page = body(`<main><h1>Cursos de diseño gráfico</h1>
    <section class="elementor-section"><h2>Fotografía digital básica</h2>
      <p>Aprenda a retocar sus fotos y a combinar imágenes con herramientas gratuitas.</p></section>
    <section class="elementor-section elementor-hidden-desktop elementor-hidden-tablet elementor-hidden-mobile">
      <p>Edición de vídeo nivel 1 (crear encabezado)</p>
      <p>Los alumnos deben tener conocimientos básicos de informática.</p></section>
    <section class="elementor-section elementor-hidden-mobile"><h2>Vídeo para principiantes</h2>
      <p>Convierta sus fotos y grabaciones en presentaciones que se recuerdan.</p></section>
    <div class="d-none">Borrador de la lista de cursos de otoño</div>
    <p class="d-none d-md-block">Inscripciones abiertas hasta el 30 de septiembre.</p></main>`);
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Fotografía digital básica"), text);
  assert.ok(!text.includes("Edición de vídeo nivel 1"), text);
  assert.ok(!text.includes("Borrador de la lista"), text);
  // Hidden on phones only, or shown again from a breakpoint up.
  assert.ok(text.includes("Vídeo para principiantes"), text);
  assert.ok(text.includes("Inscripciones abiertas"), text);
});

Deno.test("removeBoilerplate() drops what a site builder's condition hides on the page", () => {
  const page = body(`<main><article><h1>Comment facturer un chantier en plusieurs fois</h1>
    <div class="post-meta w-condition-invisible">Par ,</div>
    <div class="rich-text"><p>Une facture d'acompte se rédige avant le début des travaux et
      précise la part du montant total que le client règle à la commande.</p></div>
    <div class="terms w-condition-invisible"><p>Les marques citées appartiennent à leurs
      propriétaires respectifs et ne sont pas affiliées à ce site.</p></div>
    <div class="w-condition-invisible-note">Encadré visible de l'auteur</div>
    </article></main>`);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Une facture d'acompte"), text);
  assert.ok(!text.includes("Par ,"), text);
  assert.ok(!text.includes("Les marques citées"), text);
  // Only the class itself hides: a name that merely begins with it is another class.
  assert.ok(text.includes("Encadré visible"), text);
});

Deno.test("removeBoilerplate() keeps a product's d-none state blocks", () => {
  const page = body(`<main><h1>Gafas de sol polarizadas</h1>
    <p>Montura de acetato con lentes polarizadas y estuche rígido.</p>
    <div class="d-none"><p>Avísame cuando vuelva a estar disponible</p></div></main>`);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Avísame cuando vuelva"), text);
});

Deno.test("removeBoilerplate() drops the kickers over a listing's teasers, not a service's", () => {
  // Named "eyebrow", or in the newsroom's own language ("occhiello", German "dachzeile").
  const teaser = (kicker: string, title: string, summary: string, name = "eyebrow"): string =>
    `<div class="c-tease"><div class="c-tease__${name}">${kicker}</div>` +
    `<h3 class="c-tease__title"><a href="/notizie/${title.length}">${title}</a></h3>` +
    `<p class="c-tease__excerpt">${summary}</p></div>`;
  const html = `<main><h1>Ultime notizie</h1><div class="c-teases">${
    teaser(
      "Nord America",
      "Cinque alberghi venduti per 47 milioni",
      "Il fondo ha ceduto cinque strutture in quattro stati per un prezzo complessivo.",
    ) +
    teaser(
      "Asia e Pacifico",
      "Riapre un grande albergo di Tokyo",
      "Dopo diciannove mesi di restauro l'albergo ha riaperto le sue camere.",
      "occhiello",
    ) +
    teaser(
      "Europa",
      "Nuovo albergo di lusso a Milano",
      "Il gruppo costruirà una struttura di duecento camere vicino alla stazione.",
    ) +
    teaser(
      "Nord America",
      "Aumentano gli investimenti alberghieri",
      "Le previsioni per l'anno sono state alzate di un quarto rispetto a gennaio.",
      "dachzeile",
    )
  }</div></main>`;
  const listing = body(html);
  removeBoilerplate(listing, "listing");
  const text = listing.textContent ?? "";
  assert.ok(text.includes("Cinque alberghi venduti"), text);
  assert.ok(text.includes("ceduto cinque strutture"), text);
  assert.ok(!text.includes("Asia e Pacifico"), text);
  assert.ok(!text.includes("Nord America"), text);
  const service = body(html);
  removeBoilerplate(service, "service");
  assert.ok((service.textContent ?? "").includes("Asia e Pacifico"));
});

Deno.test("removeBoilerplate() drops an article's links to the previous and next posts", () => {
  const html = '<div id="__next"><main><article><h1>Cómo elegir la maceta</h1>' +
    "<p>Una maceta con agujeros de drenaje evita que las raíces se pudran en invierno.</p>" +
    "<p>El barro respira mejor que el plástico, pero se seca antes en verano.</p>" +
    '<div class="navegacion"><div class="nav-previous"><span>Artículo anterior</span>' +
    '<a href="/blog/regar">Cuándo regar las plantas de interior sin ahogarlas</a></div>' +
    '<div class="nav-next"><span>Artículo siguiente</span>' +
    '<a href="/blog/luz">Plantas que viven con poca luz en un piso pequeño</a></div></div>' +
    "</article></main></div>";
  const article = body(html);
  removeBoilerplate(article, "article");
  const text = article.textContent ?? "";
  assert.ok(text.includes("agujeros de drenaje"), text);
  assert.ok(!text.includes("Cuándo regar"), text);
  assert.ok(!text.includes("poca luz"), text);
  const docs = body(html);
  removeBoilerplate(docs, "documentation");
  assert.ok((docs.textContent ?? "").includes("poca luz"));
});

Deno.test("removeBoilerplate() drops a control that scrolls back to the top", () => {
  const page = body(
    "<main><h1>Le nostre stufe a pellet</h1>" +
      "<p>Ogni stufa scalda fino a novanta metri quadrati e consuma poco pellet.</p>" +
      "<p>Il serbatoio tiene due giorni di accensione senza ricariche.</p>" +
      '<div class="back-to-top"><p>Torniamo ai nostri prodotti premiati!</p>' +
      '<a href="#">Su</a></div>' +
      '<button class="navFooterScrollToTopText">Torna in cima</button>' +
      '<div class="overflow-y-scroll top-0"><p>Il vetro resta pulito a lungo.</p></div>' +
      // The jump's name glued to the site's prefix, and a name that only ends as one.
      '<div id="GLbacktotop">Torna su <i class="fa fa-arrow-up"></i></div>' +
      '<div class="phototop"><p>La fiamma si vede dal vetro frontale.</p></div>' +
      // Named in other languages: "nach oben", "haut de page", "volver arriba", "torna su".
      '<a class="btn-nach-oben" href="#">Nach oben</a><div id="hautdepage">Haut de page</div>' +
      '<span class="js-volverArriba">Volver arriba</span><p class="tornasu">Torna all\'inizio</p>' +
      "</main>",
  );
  removeBoilerplate(page, "collection");
  const text = page.textContent ?? "";
  assert.ok(text.includes("novanta metri"), text);
  assert.ok(!text.includes("prodotti premiati"), text);
  assert.ok(!text.includes("Torna in cima"), text);
  assert.ok(!text.includes("Torna su"), text);
  for (const gone of ["Nach oben", "Haut de page", "Volver arriba", "all'inizio"]) {
    assert.ok(!text.includes(gone), `${gone}: ${text}`);
  }
  // One name's last word and the next one's first are no pair.
  assert.ok(text.includes("vetro resta pulito"), text);
  assert.ok(text.includes("fiamma si vede"), text);
});

Deno.test("removeBoilerplate() drops a sign-up laid out like the cards of a listing", () => {
  const card = (title: string): string =>
    `<div class="row"><h3><a href="/noticias/${title.length}">${title}</a></h3>` +
    "<p>Un resumen breve de la noticia con lo más importante.</p></div>";
  const page = body(
    "<main><h1>Noticias</h1>" + card("Sube el precio de la fibra") +
      card("Nuevo canal de deportes") + card("Las plataformas suben sus tarifas") +
      '<div class="row email-subscribe__wrapper"><h3>¿Quieres más noticias?</h3>' +
      "<p>Apúntate a nuestro boletín para recibir lo último.</p>" +
      '<form><input type="text" name="email"></form></div>' +
      card("Vuelve el fútbol en abierto") + card("Guía de canales de enero") + "</main>",
  );
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Nuevo canal de deportes"), text);
  assert.ok(text.includes("Guía de canales"), text);
  assert.ok(!text.includes("Quieres más noticias"), text);
});

Deno.test("removeBoilerplate() keeps a shop's filters folded in a drawer", () => {
  const facet = (name: string, count: number): string =>
    `<li><a href="/c/botas/f/${count}"><span>${name}</span></a><span> (${count}) </span></li>`;
  const html = '<main><h1>Botas de montaña</h1><div class="resultados">' +
    '<div id="modal-filters" class="x7Qa"><div class="k2Zp" style="display:none;">' +
    '<div role="heading" aria-level="2">Filtrar por marca</div><ul>' +
    facet("Salewa", 12) + facet("Scarpa", 29) + facet("La Sportiva", 58) + "</ul></div></div>" +
    // The same drawer named in the shop's language ("filtros").
    '<div id="modal-filtros"><div style="display:none;"><div role="heading">Filtrar por talla</div>' +
    "<ul>" + facet("Talla 42", 17) + facet("Talla 43", 21) + "</ul></div></div>" +
    '<ul class="rejilla"><li><a href="/p/1">Bota Mistral para hombre</a> 129,00 €</li>' +
    '<li><a href="/p/2">Bota Kubo para mujer</a> 149,00 €</li></ul>' +
    '<div class="aviso" style="display:none">Has añadido el máximo de productos a comparar.</div>' +
    "</div></main>";
  const shop = body(html);
  removeBoilerplate(shop, "collection");
  const text = shop.textContent ?? "";
  assert.ok(text.includes("Filtrar por marca"), text);
  assert.ok(text.includes("La Sportiva"), text);
  assert.ok(text.includes("Filtrar por talla") && text.includes("Talla 43"), text);
  assert.ok(text.includes("Bota Mistral para hombre"), text);
  assert.ok(!text.includes("máximo de productos"), text);
  // Elsewhere a hidden drawer is not shown.
  const article = body(html);
  removeBoilerplate(article, "article");
  assert.ok(!(article.textContent ?? "").includes("Filtrar por marca"));
});

Deno.test("removeBoilerplate() keeps a shop's facet titled by the button that folds it", () => {
  const facet = (title: string, id: string, options: string[]): string =>
    `<li><div role="heading" aria-level="2"><button id="${id}-header" aria-controls="${id}" ` +
    `aria-expanded="true">${title}</button></div><ul id="${id}">${
      options.map((o) => `<li><a href="/c/sacos/f/${o.length}">${o}</a></li>`).join("")
    }</ul></li>`;
  const html = "<main><h1>Sacos de dormir</h1><ul>" +
    facet("Marca", "f-marca", ["Exped (19)", "Marmot (22)"]) +
    facet("Temporada", "f-temporada", ["Tres estaciones (197)", "Invierno (34)"]) +
    '</ul><button type="button">Menú</button></main>';
  const shop = body(html);
  removeBoilerplate(shop, "collection");
  const text = shop.textContent ?? "";
  assert.ok(text.includes("Marca"), text);
  assert.ok(text.includes("Temporada"), text);
  assert.ok(text.includes("Marmot (22)"), text);
  assert.ok(!text.includes("Menú"), text);
});

Deno.test("removeBoilerplate() keeps a product's section titled by the button that folds it", () => {
  const section = (title: string, id: string, text: string): string =>
    `<div class="accordion-item"><h3><button id="${id}-btn" aria-controls="${id}" ` +
    `aria-expanded="true">${title}</button></h3><div id="${id}" role="region"><p>${text}</p>` +
    "</div></div>";
  const html = "<main><h1>Wanderrucksack Alpin 30</h1><p>89,95 €</p>" +
    section(
      "Beschreibung",
      "p-beschreibung",
      "Leichter Tagesrucksack mit belüftetem Rückensystem und Regenhülle im Bodenfach.",
    ) +
    section("Technische Daten", "p-daten", "Volumen: 30 l. Gewicht: 1,1 kg. Material: Nylon.") +
    '<button type="button" aria-expanded="false" aria-controls="nav">Menü</button></main>';
  const page = body(html);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Beschreibung"), text);
  assert.ok(text.includes("Technische Daten"), text);
  assert.ok(text.includes("Gewicht: 1,1 kg"), text);
  // A toggle that titles no heading is a control.
  assert.ok(!text.includes("Menü"), text);
});

Deno.test("removeBoilerplate() keeps a section's heading that its accordion toggle wraps", () => {
  const html = "<main><h1>Online MBA Programs</h1><p>Compare the programs below.</p>" +
    '<div class="accordion"><button type="button" aria-expanded="false" aria-controls="m">' +
    '<div class="accordion-title"><h3>Our Methodology</h3></div></button><div id="m">' +
    "<p>We rank schools by tuition, graduation rates and the share of students online.</p>" +
    "</div></div>" +
    '<div class="filters"><button type="button" aria-expanded="true" aria-controls="s">' +
    '<h3>Sort By</h3></button><div id="s"><fieldset><input type="radio" name="sort" ' +
    'id="low"><label for="low">Price: Low to High</label></fieldset></div></div></main>';
  const page = body(html);
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Our Methodology"), text);
  assert.ok(text.includes("graduation rates"), text);
  // A toggle over a form's options (a sort, a filter) names a control.
  assert.ok(!text.includes("Sort By"), text);
});

Deno.test("removeBoilerplate() keeps a short accordion title over the prose it folds", () => {
  // A course's page (in Spanish): each folded section's title is a short button.
  const item = (title: string, panel: string) =>
    `<li class="acordeon__item"><button class="acordeon__toggle" aria-expanded="false">` +
    `${title}</button><div class="acordeon__contenido">${panel}</div></li>`;
  const html = "<main><h1>Marketing digital</h1><ul>" +
    item(
      "Profesora",
      "<p>Ana Ruiz estudió diseño industrial y dirige campañas digitales desde hace veinte " +
        "años para marcas de tecnología y de moda.</p>",
    ) +
    item(
      "Calidad de sonido",
      "<p>Calidad de sonido. Una nueva arquitectura acústica da graves más profundos y " +
        "voces más claras en cualquier volumen.</p>",
    ) +
    item("Más", "<p>" + "Ventajas del curso en línea para quienes trabajan. ".repeat(3) + "</p>") +
    "</ul></main>";
  const page = body(html);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Profesora"), text);
  assert.ok(text.includes("veinte años"), text);
  // A title its panel repeats, or an interface label, stays a control.
  assert.equal(text.split("Calidad de sonido").length, 2, text);
  assert.ok(!/\bMás\b/.test(text), text);
});

Deno.test("removeBoilerplate() keeps a heading wrapped by a toggle that only names its panel", () => {
  const html = "<main><h1>Handmade stoneware mug</h1><p>$32.00</p>" +
    '<button type="button" aria-controls="details"><span><h2>Item details</h2></span>' +
    '<span class="icon"></span></button><div id="details"><p>Wheel thrown and glazed ' +
    "in an earthy speckled brown; holds twelve ounces.</p></div>" +
    '<button type="button" aria-controls="nav">Menu</button></main>';
  const page = body(html);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Item details"), text);
  assert.ok(text.includes("twelve ounces"), text);
  assert.ok(!text.includes("Menu"), text);
});

Deno.test("removeBoilerplate() drops the label of the video playing now", () => {
  const item = (title: string, duration: string): string =>
    '<div class="VideoPlaylistItem"><div class="VideoPlaylistItem-media">' +
    `<div class="VideoPlaylistItem-playingText">In onda</div><div class="VideoDuration">${duration}</div>` +
    `</div><div class="VideoPlaylistItem-body"><div class="VideoPlaylistItem-title">${title}</div>` +
    "</div></div>";
  const page = body(
    '<main><h1>Scienza</h1><div class="VideoPlaylistModule">' +
      item("Trovate migliaia di impronte di dinosauri in Bolivia", "0:49") +
      item("Un nuovo telescopio fotografa una galassia lontana", "1:07") +
      item("Le api imparano a contare fino a quattro", "0:41") +
      "</div></main>",
  );
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  assert.ok(text.includes("impronte di dinosauri"), text);
  assert.ok(text.includes("0:49"), text);
  assert.ok(!text.includes("In onda"), text);
});

Deno.test("removeBoilerplate() keeps the panels a heading's toggle opens on a service's page", () => {
  const page = body(`<main><h1>Corsi di gestione dei progetti</h1>
    <p>Un programma per chi guida gruppi di lavoro e vuole una certificazione riconosciuta.</p>
    <div class="accordion">
      <button aria-controls="corso-1" aria-expanded="false"><h3>Fondamenti di project management</h3></button>
      <div id="corso-1" hidden><p>Otto lezioni per pianificare tempi, costi e rischi di un progetto
      e guidare il gruppo fino alla consegna.</p></div>
      <h3><button aria-controls="corso-2" aria-expanded="false">Negoziazione</button></h3>
      <div id="corso-2" style="display: none"><p>Quattro incontri pratici per preparare una
      trattativa e chiudere accordi con fornitori e clienti.</p></div>
    </div>
    <dl><dt><button aria-controls="voce-1" aria-expanded="false">Intelligenza artificiale</button></dt>
      <dd id="voce-1" hidden>Modelli addestrati sui dati dell'azienda per prevedere la domanda.</dd></dl>
    </main>`);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Otto lezioni"), text);
  assert.ok(text.includes("Quattro incontri"), text);
  assert.ok(!text.includes("Modelli addestrati"), text);
  const article = body(
    `<main><h1>Un articolo</h1><p>${
      "Il testo dell'articolo, scritto per intero e diviso in paragrafi. ".repeat(8)
    }</p>
    <button aria-controls="menu-1"><h3>Sezioni</h3></button>
    <div id="menu-1" hidden><p>Cronaca, politica, economia e sport della settimana appena passata.</p></div></main>`,
  );
  removeBoilerplate(article, "article");
  assert.ok(!(article.textContent ?? "").includes("Cronaca"));
});

Deno.test("removeBoilerplate() reads a web component's tag as the chrome it names", () => {
  const page = body(
    "<mi-site-header><p>Inicio</p><p>Ofertas de empleo</p><p>Nuestras oficinas</p>" +
      "</mi-site-header><main><mi-page-header><h1>Personal contable para su empresa</h1>" +
      "<p>Encontramos contables, auditores y analistas financieros en pocos días.</p>" +
      "</mi-page-header><mi-block-navigation><mi-menu-link>Buscar empleo ahora" +
      "</mi-menu-link><mi-menu-link>Descubra cómo trabajamos con usted</mi-menu-link>" +
      "</mi-block-navigation><mi-content-card><p>Cada candidato pasa una entrevista y " +
      "una prueba técnica antes de llegar a su mesa.</p></mi-content-card>" +
      "<mi-menu-card><p>Menú del día para el equipo: lentejas, merluza y flan.</p>" +
      "</mi-menu-card><mi-site-search><p>Buscar en el sitio</p></mi-site-search></main>",
  );
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(!text.includes("Nuestras oficinas"), text);
  assert.ok(!text.includes("Buscar empleo ahora"), text);
  assert.ok(!text.includes("Buscar en el sitio"), text);
  // A service's own header inside its main region is its hero; a part named after a
  // menu ("menu-card") is not one.
  assert.ok(text.includes("Personal contable"), text);
  assert.ok(text.includes("pocos días"), text);
  assert.ok(text.includes("prueba técnica"), text);
  assert.ok(text.includes("lentejas"), text);
  // A component that holds the page (an app's menu page, with its heading) is the page.
  const app = body(
    "<mi-app-menu><h1>Carta de invierno</h1><p>Sopa de cebolla gratinada</p>" +
      "<p>Cordero asado con patatas</p><p>Tarta de queso</p></mi-app-menu>",
  );
  removeBoilerplate(app, "article");
  assert.ok((app.textContent ?? "").includes("Cordero asado"));
});

Deno.test("removeBoilerplate() keeps a section's prose laid over a picture named banner", () => {
  const para = (text: string): string => `<p>${text} ${text}</p>`;
  const html = `<main><h1>Aluguel de bicicletas para eventos</h1>
    ${
    para(
      "Montamos frotas de bicicletas para feiras, filmagens e corridas de empresa em todo o estado, com entrega, montagem e recolha incluídas no preço.",
    )
  }
    ${
    para(
      "Cada bicicleta passa por uma revisão completa antes de sair da oficina, e um mecânico acompanha os eventos com mais de cinquenta unidades.",
    )
  }
    <div class="banner has-hover" id="banner-41"><div class="banner-layers container">
      <div class="text-box banner-layer"><div class="text-inner">
      ${
    para(
      "É produtor de cinema e precisa de bicicletas antigas para uma cena? Organiza uma corrida solidária e não encontra quem entregue cem bicicletas iguais?",
    )
  }
      </div></div></div></div>
    ${
    para(
      "Os contratos podem ser de um dia ou de vários meses, e as bicicletas elétricas chegam com as baterias carregadas e um carregador por estação.",
    )
  }
    ${
    para(
      "Pedimos um sinal de trinta por cento na reserva e o restante na entrega, com fatura emitida em nome da empresa ou da produtora.",
    )
  }
    <div class="promo-banner"><p>Frete grátis para reservas acima de dez bicicletas.</p></div></main>`;
  const page = body(html);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("bicicletas antigas para uma cena"), text);
  assert.ok(text.includes("sinal de trinta por cento"), text);
  // A banner that carries a line is still the site's.
  assert.ok(!text.includes("Frete grátis"), text);
});

Deno.test("removeBoilerplate() keeps a banner that only states something, in sentences", () => {
  // A task app's landing page (in Danish): a badge over two lines on its certification,
  // in a strip named banner, with nothing to click; an offer's strip carries its link.
  const html = `<main><h1>Opgaver for hele holdet</h1>
    <p>Saml holdets opgaver ét sted, side om side med dine egne projekter og lister.</p>
    <div class="cert-banner"><img src="/badge.png" alt="">
      <div class="tekst"><p>Sikkerhed i virksomhedsklasse med ISO 27001-certificering.</p>
      <p>Vi opfylder de krav, din virksomhed stiller, uden besvær for dig.</p></div></div>
    <div class="tilbud-banner"><p>Prøv Pro gratis i tredive dage.</p>
      <p>Ingen binding, intet kort.</p><a href="/pro">Prøv nu</a></div>
    <div class="gammel banner"><p>Denne side er over tre år gammel.</p></div></main>`;
  const page = body(html);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("ISO 27001-certificering."), text);
  assert.ok(text.includes("uden besvær for dig."), text);
  // A banner with a link to follow is an offer's; a notice of one line is the site's.
  assert.ok(!text.includes("Prøv Pro gratis"), text);
  assert.ok(!text.includes("tre år gammel"), text);
});

Deno.test("removeBoilerplate() keeps a banner that states something in Japanese sentences", () => {
  // The same badge in Japanese: its sentences end with "。", not with a Latin full stop.
  const html = `<main><h1>チーム全員のタスクを一か所に</h1>
    <p>チームのタスクを、あなた自身のプロジェクトやリストと並べて一か所で管理できます。</p>
    <div class="cert-banner"><img src="/badge.png" alt="">
      <div class="text"><p>ISO 27001認証を取得した企業向けのセキュリティ。</p>
      <p>御社が求める要件を、手間をかけずに満たします。</p></div></div>
    <div class="old banner"><p>このページは三年以上前に公開されました。</p></div></main>`;
  const page = body(html);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  assert.ok(text.includes("企業向けのセキュリティ。"), text);
  assert.ok(text.includes("手間をかけずに満たします。"), text);
  assert.ok(!text.includes("三年以上前"), text);
});

Deno.test("removeBoilerplate() keeps a shop's category heading in a section named banner", () => {
  // A kettle shop's category page (in Polish): its template names the section that titles
  // the category "banner", as it names the strip of an offer.
  const cards = Array.from(
    { length: 6 },
    (_, i) =>
      `<li class="karta"><a href="/p/${i}">Czajnik numer ${i}</a> <span>${
        100 + i
      },00 zł</span></li>`,
  ).join("");
  const html = `<main><div id="sekcja--kolekcja__banner" class="sekcja"><div class="naglowek">
    <h1>Czajniki elektryczne</h1><div class="opis"><p>Stalowe i szklane, z regulacją
    temperatury.</p></div></div></div><ul class="siatka">${cards}</ul>
    <div class="promo-banner"><p>Darmowa dostawa od 200 zł.</p></div></main>`;
  const page = body(html);
  removeBoilerplate(page, "collection");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Czajniki elektryczne"), text);
  assert.ok(text.includes("Stalowe i szklane"), text);
  // A banner without the page's heading is still the shop's.
  assert.ok(!text.includes("Darmowa dostawa"), text);
});

Deno.test("removeBoilerplate() drops a row of buttons written as links", () => {
  const html = `<main><section class="hero"><h1>Boekhouding voor zzp'ers</h1>
    <p>Stuur uw bonnetjes door en wij doen de rest: btw-aangifte, jaarrekening en advies.</p>
    <div class="hero-buttons"><a class="btn" href="/aanmelden">Gratis proberen</a>
      <a class="btn btn-outline" href="/contact">Contact opnemen</a></div></section>
    <section><h2>Zo werkt het</h2>
    <p>U maakt een foto van elke bon, de app leest het bedrag en de btw en legt ze klaar
      voor uw boekhouder, die elk kwartaal de aangifte voor u indient.</p>
    <p>Lees meer in <a href="/handleiding">de handleiding</a>.</p>
    <div class="ctaButtons"><a href="/tarieven">Bekijk de tarieven</a></div></section></main>`;
  const page = body(html);
  removeBoilerplate(page, "service");
  const text = page.textContent ?? "";
  for (const kept of ["btw-aangifte, jaarrekening", "legt ze klaar", "de handleiding"]) {
    assert.ok(text.includes(kept), kept);
  }
  for (const gone of ["Gratis proberen", "Contact opnemen", "Bekijk de tarieven"]) {
    assert.ok(!text.includes(gone), gone);
  }
});

Deno.test("removeBoilerplate() keeps a diagram's caption that names code on documentation", () => {
  const page = (): Element =>
    body(`<main><h1>Partager l'état entre composants</h1>
    <p>Chaque bouton garde son propre compteur tant que l'état vit dans le bouton.</p>
    <figure class="flex flex-col items-center"><div class="light-image"><img src="arbre.png"
    alt="Un arbre de trois composants"></div><div class="w-full flex justify-center">
    <figcaption class="text-base table-caption"><p>Au départ, le <code>compteur</code> de chaque bouton vaut <code>0</code></p>
    </figcaption></div></figure></main>`);
  const docs = page();
  removeBoilerplate(docs, "documentation");
  assert.ok((docs.textContent ?? "").includes("de chaque bouton vaut"), docs.textContent);
  // A story's caption is its photograph's.
  const story = page();
  removeBoilerplate(story, "article");
  const text = story.textContent ?? "";
  assert.ok(text.includes("son propre compteur") && !text.includes("vaut"), text);
});

Deno.test("removeBoilerplate() keeps a banner inside a product's main region, not the site's", () => {
  const page = body(`<div role="banner"><a href="/">Inicio</a> <a href="/fundas">Fundas</a>
    <p>Envío gratis a partir de 50 €</p></div>
    <main><h1>Funda de cuero para teléfono</h1>
    <p>Cuero curtido a mano que envejece con el uso y toma el color de quien la lleva.</p>
    <div role="banner" class="destacado"><h2>Hecha para cargadores magnéticos</h2>
    <p>Imanes integrados que la alinean con el cargador y sujetan la cartera sin esfuerzo.</p>
    </div></main>`);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  // The hero's banner inside <main> is the product's text, as a <header> there is.
  assert.ok(text.includes("Hecha para cargadores magnéticos"), text);
  assert.ok(text.includes("Imanes integrados"), text);
  // The site's banner outside it is still the site's.
  assert.ok(!text.includes("Envío gratis"), text);
});

Deno.test("removeBoilerplate() drops a drawn rating's fallback words, not a letter avatar", () => {
  const page = body(`<main><h1>Sandali minimalisti</h1>
    <div class="valutazione" role="img" aria-label="Valutato 4.76 su 5"><span style="width:95%">
    Valutato <strong>4.76</strong> su 5 in base a <span>29</span> recensioni</span></div>
    <p>Suola sottile e flessibile per camminare come a piedi nudi, anche in montagna.</p>
    <p><span class="avatar" role="img" aria-label="giulia">G</span> Giulia</p></main>`);
  removeBoilerplate(page, "product");
  const text = page.textContent ?? "";
  // The stars' fallback is laid out of sight; the picture says it in its label.
  assert.ok(!text.includes("Valutato"), text);
  assert.ok(text.includes("Suola sottile"), text);
  // A one-glyph picture (a letter avatar) is what it shows.
  assert.ok(text.includes("G Giulia"), text);
});

Deno.test("dropSectionsAfterArticle() takes the sections after a page's one article", () => {
  const prose = "<p>Die Stadt hat den neuen Radweg am Montag eröffnet; er führt vom Bahnhof " +
    "bis zum Hafen und ersetzt zwei gefährliche Kreuzungen durch eine eigene Brücke.</p>";
  const page = body(
    '<div class="wrap"><div class="col"><article><h1>Neuer Radweg eröffnet</h1>' + prose +
      prose + "</article></div></div>" +
      '<section class="weiterlesen"><h2>Weiterlesen</h2><ul><li><a href="/a">Busse fahren ' +
      'öfter</a></li><li><a href="/b">Brücke gesperrt</a></li></ul></section>',
  );
  assert.equal(dropSectionsAfterArticle(page), 1);
  const text = page.textContent ?? "";
  assert.ok(text.includes("Neuer Radweg eröffnet"));
  assert.ok(!text.includes("Weiterlesen"));
  assert.ok(!text.includes("Busse fahren"));
});

Deno.test("dropSectionsAfterArticle() keeps the sections of an article that holds its header only", () => {
  const prose = "<p>Die Stadt hat den neuen Radweg am Montag eröffnet; er führt vom Bahnhof " +
    "bis zum Hafen und ersetzt zwei gefährliche Kreuzungen durch eine eigene Brücke.</p>";
  const header = body(
    "<article><h1>Neuer Radweg eröffnet</h1><p>Von Anna Weber</p></article>" +
      `<section>${prose}${prose}</section>`,
  );
  assert.equal(dropSectionsAfterArticle(header), 0);
  // Nor on a page of articles of like size: each is a card of a list.
  const list = body(
    `<article><h2>Radweg</h2>${prose}</article><article><h2>Brücke</h2>${prose}</article>` +
      `<section><h2>Archiv</h2><p>Ältere Meldungen</p></section>`,
  );
  assert.equal(dropSectionsAfterArticle(list), 0);
  assert.ok((list.textContent ?? "").includes("Ältere Meldungen"));
});

Deno.test("removeBoilerplate() drops a block whose id is one chrome word whatever its class", () => {
  // The comments section borrows the text's style ("article-content"); its id says what it
  // is. An id of several words may be a section's title ("CostCredits") and is not read so.
  const page = body(
    "<main><article><h1>Przejścia pakietów w repozytoriach</h1>" +
      "<p>Ogłosiliśmy niedawno publiczną wersję testową repozytoriów. Chcę móc przygotowywać " +
      "w nich przejścia: zmiany wielu pakietów, które muszą trafić do wydania razem.</p>" +
      "<p>Jeśli to was zainteresowało, wypróbujcie je i dajcie znać, jak poszło.</p></article>" +
      '<section id="comments" class="article-content"><h2>Komentarze</h2>' +
      "<p>Mając konto w sieci Fediwersum, możesz odpowiedzieć na ten wpis ze swojego " +
      "serwera. Znane odpowiedzi publiczne są wyświetlane poniżej.</p></section>" +
      '<section id="CostCredits" class="section-content"><h2>Koszt i punkty</h2>' +
      "<p>Program obejmuje dwanaście punktów w czterech kursach.</p></section></main>",
  );
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(!text.includes("Fediwersum"), text);
  assert.ok(!text.includes("Komentarze"), text);
  assert.ok(text.includes("dajcie znać"), text);
  assert.ok(text.includes("dwanaście punktów"), text);
});

Deno.test("removeBoilerplate() drops an article's comments named in another language, not a thread's or a shop's", () => {
  const section = (name: string): string =>
    `<section class="${name}"><h2>Reacties</h2><div class="entry"><p>Goed artikel, ` +
    "maar de fietsers in onze wijk merken er nog weinig van, vooral in de avond.</p></div>" +
    `<div class="entry"><p>Eens, de verlichting langs het kanaal blijft slecht en de ` +
    "gemeente reageert niet op meldingen.</p></div></section>";
  const story = "<h1>Nieuwe fietspaden in de binnenstad</h1><p>De gemeente legt voor de " +
    "zomer drie nieuwe fietspaden aan langs de grote uitvalswegen van de stad.</p>";
  for (const name of ["reacties", "kommentare-liste", "bloc-commentaires", "haber-yorumlar"]) {
    const page = body(`<main><article>${story}</article>${section(name)}</main>`);
    removeBoilerplate(page, "article");
    const text = page.textContent ?? "";
    assert.ok(!text.includes("verlichting langs het kanaal"), `${name}: ${text}`);
    assert.ok(text.includes("drie nieuwe fietspaden"), text);
  }
  for (const type of ["forum", "product"] as const) {
    const page = body(`<main>${section("reacties")}</main>`);
    removeBoilerplate(page, type);
    assert.ok((page.textContent ?? "").includes("verlichting langs het kanaal"), type);
  }
});

Deno.test("removeBoilerplate() keeps the title block of a hub built as one article in <main>", () => {
  const card = (n: number): string =>
    `<li><article><header><span class="kicker">Guía</span></header>` +
    `<h3><a href="/guias/${n}">Las mejores mochilas ${n}</a></h3>` +
    `<p>Probamos mochilas durante meses para elegir la número ${n}.</p></article></li>`;
  const page = body(
    '<header class="site"><a href="/">Portada</a><a href="/cuenta">Mi cuenta</a></header>' +
      "<main><article><header><h1>Viajes</h1><section>De mochilas a maletas, nuestro equipo " +
      "ha probado cientos de productos para que viajes mejor y más ligero.</section></header>" +
      `<ul>${[1, 2, 3].map(card).join("")}</ul></article></main>`,
  );
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  // The header that holds the page's <h1> is its title and introduction.
  assert.ok(text.includes("De mochilas a maletas"), text);
  // A card's own header, in the same article, is still chrome; as is the site's header.
  assert.ok(!text.includes("Guía"), text);
  assert.ok(!text.includes("Mi cuenta"), text);
  assert.ok(text.includes("Las mejores mochilas 2"), text);
});

Deno.test("removeBoilerplate() keeps a button set between the words of a sentence", () => {
  const page = body(
    "<main><h1>Soldes de printemps</h1><p>Achetez plus, économisez plus : utilisez le code " +
      '<button type="button"><span>PRINTEMPS</span></button> au moment du paiement.</p>' +
      '<p>Nos bureaux réglables sont livrés en dix jours. <button type="button">Lire la suite' +
      "</button></p><div><button>Ajouter au panier</button></div></main>",
  );
  removeBoilerplate(page, "collection");
  const text = (page.textContent ?? "").replace(/\s+/g, " ");
  assert.ok(text.includes("utilisez le code PRINTEMPS au moment du paiement"), text);
  // A button after the sentence, or on its own, is a control.
  assert.ok(!text.includes("Lire la suite"), text);
  assert.ok(!text.includes("Ajouter au panier"), text);
});

Deno.test("removeBoilerplate() drops a collection's menu labels, not its filters' labels", () => {
  const card = (n: number): string =>
    `<li class="card"><h3><a href="/p/cafe-${n}">Café moulu ${n}</a></h3><span>${n},99 €</span>` +
    `<div class="picker"><label for="mouture-${n}">Mouture</label><select id="mouture-${n}">` +
    `<option>Fine</option><option>Moyenne</option></select></div>` +
    `<label>Taille <select><option>250 g</option></select></label></li>`;
  const page = body(
    '<main><h1>Cafés</h1><div class="filters"><input type="checkbox" id="f-bio">' +
      '<label for="f-bio">Bio (12)</label><label for="f-marque">Chercher une marque</label>' +
      '<input type="text" id="f-marque"></div>' +
      `<ul class="grid">${[1, 2, 3].map(card).join("")}</ul></main>`,
  );
  removeBoilerplate(page, "collection");
  const text = page.textContent ?? "";
  assert.ok(!text.includes("Mouture"), text);
  assert.ok(!text.includes("Taille"), text);
  // A filter's box to tick, and its search field, keep their labels.
  assert.ok(text.includes("Bio (12)"), text);
  assert.ok(text.includes("Chercher une marque"), text);
  assert.ok(text.includes("Café moulu 3"), text);
});

Deno.test("removeBoilerplate() keeps a listing's title block set in a side column", () => {
  const episodes = Array.from(
    { length: 12 },
    (_, i) =>
      `<li><a href="/shows/harbour/${i}"><strong>Episode ${i}: the tides of the week</strong></a>
      <p>We talk through the week's tides, the boats that came in and the ones that did not,
      with a guest from the quay every week, episode ${i}.</p></li>`,
  ).join("");
  const page = (side: string): Element =>
    body(`<main><div class="row"><aside class="show-sidebar">${side}</aside>
      <section><ul>${episodes}</ul></section></div></main>`);
  const titled = page(`<h1>Harbour Weekly</h1><p>A weekly show on the harbour and its
    boats.</p><a href="/rss">RSS Feed</a>`);
  removeBoilerplate(titled, "listing");
  const text = titled.textContent ?? "";
  assert.ok(text.includes("A weekly show on the harbour"), text);
  assert.ok(text.includes("Episode 11: the tides"), text);
  // A side column without the page's heading is chrome still.
  const untitled = page(`<h3>Popular shows</h3><p>Shows our listeners play the most this
    week.</p>`);
  removeBoilerplate(untitled, "listing");
  assert.ok(!(untitled.textContent ?? "").includes("Popular shows"));
  // On an article, a side column that holds the heading is chrome as before.
  const article = page(`<h1>Harbour Weekly</h1><p>A weekly show on the harbour and its
    boats.</p>`);
  removeBoilerplate(article, "article");
  assert.ok(!(article.textContent ?? "").includes("A weekly show on the harbour"));
});

Deno.test("removeBoilerplate() drops a site's header inside <main>, keeps a hero's", () => {
  // The site's header (its logo, its menu and a sponsor's banner) set as the first child of
  // <main>, then a hero's header with the page's headline.
  const page = body(
    '<main><header><a href="/">Harbour Post</a><nav><a href="/read">Read</a>' +
      '<a href="/write">Write</a></nav><a href="https://sponsor.example/">Hackathon: win ' +
      "prizes</a></header><header><h1>Stories from the quay</h1><p>What the harbour " +
      'reads this week.</p></header><ul><li><a href="/s/tides">The spring tides came in ' +
      'early</a></li><li><a href="/s/kelp">Why the kelp came back</a></li></ul></main>',
  );
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  assert.ok(!text.includes("Hackathon"), text);
  assert.ok(!text.includes("Harbour Post"), text);
  assert.ok(text.includes("Stories from the quay") && text.includes("harbour reads"), text);
  assert.ok(text.includes("The spring tides"), text);
});

Deno.test("removeBoilerplate() clears the arrow's slot beside an FAQ toggle's heading", async () => {
  const question = (n: number, q: string, a: string) =>
    `<div class="accordion-title-container"><button id="header-${n}" aria-controls="content-${n}" ` +
    `aria-expanded="false"><div class="accordion-title"><h3>${q}</h3><div class="underline"></div>` +
    `</div><div class="arrow"><svg viewBox="0 0 20 20"><path d="M15 7L10 13L4 7"></path></svg></div>` +
    `</button></div><div id="content-${n}" class="accordion-content"><div><p>${a}</p></div></div>`;
  const html = `<html><head><title>Wie lange dauert ein Fernstudium?</title></head><body><main>
    <article><h1>Wie lange dauert ein Fernstudium?</h1>
    <p>${
    "Ein Fernstudium lässt sich neben dem Beruf absolvieren und dauert je nach Modell unterschiedlich lang. "
      .repeat(4)
  }</p>
    <p>${
    "Die meisten Hochschulen bieten Vollzeit- und Teilzeitvarianten mit flexiblen Prüfungsterminen an. "
      .repeat(4)
  }</p>
    <h2>Häufige Fragen zum Fernstudium</h2><div class="accordion">${
    question(
      1,
      "Wie viele Stunden pro Woche sollte man einplanen?",
      "Rechnen Sie mit etwa fünfzehn bis zwanzig Stunden pro Woche für ein Teilzeitstudium.",
    )
  }${
    question(
      2,
      "Ist ein Fernstudium staatlich anerkannt?",
      "Ja, sofern die Hochschule staatlich anerkannt und der Studiengang akkreditiert ist.",
    )
  }</div></article></main></body></html>`;
  const { content } = await autoHtml(html, "https://studium.example/ratgeber/fernstudium-dauer");
  assert.ok(content.includes("Rechnen Sie mit etwa"), content);
  assert.ok(content.includes("Wie viele Stunden pro Woche sollte man einplanen?"), content);
  assert.ok(content.includes("Ist ein Fernstudium staatlich anerkannt?"), content);
  // Only a toggle's heading box is cleared: a bare block beside another heading stays
  // for Readability to weigh as it does.
  const page = body(
    '<main><div class="teaser"><h3>Ready for more?</h3><div class="spacer"></div></div>' +
      '<button aria-expanded="false"><div class="q"><h3>Is an online degree respected?</h3>' +
      '<div class="line"></div></div></button><div><p>Employers regard it as equal.</p></div></main>',
  );
  removeBoilerplate(page, "article");
  assert.equal(page.querySelectorAll(".spacer").length, 1);
  assert.equal(page.querySelectorAll(".line").length, 0);
  assert.equal(
    collapse(page.querySelector(".q")?.textContent ?? null),
    "Is an online degree respected?",
  );
});

Deno.test("removeBoilerplate() keeps a tooltip's term whose bubble is its script's data", () => {
  // The plan's features are the terms; each bubble is JSON a script shows on hover. A
  // bubble written out in the page (a hint's box) goes as before.
  const page = body(
    "<main><h2>Premium</h2><ul>" +
      '<li><span class="tooltip">Phone and priority support' +
      '<script type="application/json">{"copy":"Call us any time."}</script></span></li>' +
      '<li><span class="tooltip">Advanced segmentation' +
      '<script type="application/json">{"copy":"Target by behaviour."}</script></span></li>' +
      '</ul><p>Everything a growing team needs.<span class="tooltip">Billed yearly ' +
      "in advance.</span></p></main>",
  );
  removeBoilerplate(page, "service");
  const text = collapse(page.textContent);
  assert.ok(text.includes("Phone and priority support"), text);
  assert.ok(text.includes("Advanced segmentation"), text);
  assert.ok(!text.includes("Call us any time"), text);
  assert.ok(!text.includes("Billed yearly"), text);
});

Deno.test("removeBoilerplate() reads a wiki heading's span by the title its anchor spells", () => {
  // The span that carries a section's anchor is the heading's whole text: its id is the
  // title ("Related to Portage"), not a box of related links; a short one is a role.
  const page = body(
    "<main><h1>Portage</h1><p>Portage is the package manager of the distribution.</p>" +
      '<h3><span class="mw-headline" id="Related_to_Portage">Related to Portage</span></h3>' +
      "<p>The emerge command installs a package with its dependencies.</p>" +
      '<div id="related">Related pages: Emerge, Ebuild</div></main>',
  );
  removeBoilerplate(page, "documentation");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Related to Portage"), text);
  assert.ok(text.includes("emerge command"), text);
  assert.ok(!text.includes("Related pages"), text);
});

Deno.test("removeBoilerplate() keeps a formula set in an embed, not the embed's player", () => {
  // A site builder's embed box holds a display formula for the math typesetter to set.
  const page = body(
    "<main><h1>Gas per second</h1><p>Throughput is the gas a block uses over its time.</p>" +
      '<div class="w-embed">\\[ \\text{Throughput} = \\frac{\\text{Gas}}{\\text{Time}} \\]</div>' +
      '<div class="video-embed">Watch the talk</div></main>',
  );
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("\\frac{\\text{Gas}}"), text);
  assert.ok(!text.includes("Watch the talk"), text);
});

Deno.test("removeBoilerplate() finds a listing's title banner past a logo's empty <h1>", () => {
  // The site's header sets its logo in an <h1> of no text; the page's title is the banner's.
  const items = [1, 2, 3, 4, 5, 6].map((n) =>
    `<article class="entry"><h2><a href="/news/${n}">Partnership number ${n} signed</a></h2>` +
    `<p>The firm signed its partnership number ${n} with a bank this month, to help its ` +
    "leaders drive the change the market asks of them.</p></article>"
  ).join("");
  const page = body(
    '<header><h1 class="logo"><a href="/"><img src="/logo.png" alt=""></a></h1></header>' +
      '<div id="banner-wrapper"><h1 class="page-title">Industry News</h1>' +
      '<div class="page-desc"><p>"Good market intelligence is no longer optional"</p></div></div>' +
      `<section class="blog-list">${items}</section>` +
      '<div class="banner">Subscribe to our weekly letter</div>',
  );
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  assert.ok(text.includes("no longer optional"), text);
  assert.ok(!text.includes("weekly letter"), text);
});

Deno.test("removeBoilerplate() drops a site footer of titled columns whose class names say nothing", () => {
  // The firm's blurb under "About Us" beside its menu under "Links": the site's footer,
  // however long the blurb, when no class name ("footer-about") says so.
  const blurb = "Northside Plumbing was founded in the valley with the mission to exceed " +
    "every client's expectations, every single time we are called out. We have the best " +
    "and most experienced crews in the whole region, ready day and night.";
  const footer = (headings: boolean) =>
    '<footer><div class="c1x9f"><div class="c7kq2">' +
    (headings ? "<h3>About Us</h3>" : "") + `<p>${blurb}</p>` +
    '<a href="/about">Read More</a></div><div class="c0pz4">' +
    (headings ? "<h3>Links</h3>" : "") +
    '<ul><li><a href="/">Home</a></li><li><a href="/services">Services</a></li></ul>' +
    '</div></div><p class="c5mm1">Copyright © 2021 Northside Plumbing LLC. All rights reserved ' +
    "for every page of this site.</p></footer>";
  const list = "<main><h1>Coupons</h1><ul><li>$50 off a water heater</li>" +
    "<li>$25 off a drain cleaning</li></ul></main>";
  const titled = body(list + footer(true));
  removeBoilerplate(titled, "listing");
  const text = titled.textContent ?? "";
  assert.ok(text.includes("$25 off a drain cleaning"), text);
  assert.ok(!text.includes("Northside Plumbing was founded"), text);
  // A footer that titles none of its blocks is kept for its prose, as before.
  const untitled = body(list + footer(false));
  removeBoilerplate(untitled, "listing");
  assert.ok((untitled.textContent ?? "").includes("Northside Plumbing was founded"));
});

Deno.test("removeBoilerplate() keeps the header of a list's first card after the list's own header", () => {
  // A category archive: the list's header, then its posts, each titled in its own
  // <header>; the first post stands after the list's header, not after another post.
  const post = (i: number, title: string): string =>
    `<article class="post-${i} post type-post"><header class="entry-header">` +
    `<h2 class="entry-title"><a href="/p${i}/">${title}</a></h2></header>` +
    `<div class="entry-summary"><p>Die Stadtwerke haben das Bad über den Winter saniert ` +
    `und die Becken neu gefliest.</p></div></article>`;
  const page = body(
    '<main class="site-main"><header class="page-header"><h1 class="page-title">Lokales</h1>' +
      "</header>" + post(1, "Stadtrat beschließt neuen Radweg") +
      post(2, "Freibad öffnet am 15. Mai") + post(3, "Neue Buslinie zum Bahnhof") + "</main>",
  );
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Stadtrat beschließt neuen Radweg"), text);
  assert.ok(text.includes("Neue Buslinie zum Bahnhof"), text);
});

Deno.test("removeBoilerplate() keeps the header of a card that stands in its list's item beside its date", () => {
  // An events calendar's list (The Events Calendar): each row holds the event's date tag
  // and a wrapper around its <article>, whose <header> holds its time, title and venue.
  const row = (day: string, title: string): string =>
    '<li class="tribe-events-calendar-list__event-row"><div class="tribe-events-calendar-list__event-date-tag">' +
    `<time datetime="2026-05-${day}">${day}</time></div><div class="tribe-events-calendar-list__event-wrapper">` +
    '<article class="tribe-events-calendar-list__event"><div class="tribe-events-calendar-list__event-details">' +
    `<header class="tribe-events-calendar-list__event-header"><time>${day}. Mai @ 19:30</time>` +
    `<h3><a href="/veranstaltung/${day}/">${title}</a></h3><address>Kulturhaus, Bamberg</address></header>` +
    "<div><p>Einlass ab 19 Uhr, die Plätze sind frei wählbar.</p></div></div></article></div></li>";
  const page = body(
    '<main><ul class="tribe-events-calendar-list">' + row("03", "Frühlingsfest im Stadtpark") +
      row("09", "Jazzabend: Trio Südwind") + row("16", "Stadtführung im Mittelalter") +
      "</ul></main>",
  );
  removeBoilerplate(page, "listing");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Frühlingsfest im Stadtpark"), text);
  assert.ok(text.includes("Stadtführung im Mittelalter"), text);
  assert.ok(text.includes("Kulturhaus, Bamberg"), text);
});

Deno.test("auto drops what the page pins to the screen, whatever its class names", async () => {
  // A consent banner written inside the article by a component library: hashed classes,
  // no role, pinned to the window's bottom by the page's own sheet.
  const para = (n: number) =>
    `<p>Absatz ${n}: Die Stadtwerke wollen das Fernwärmenetz bis 2030 auf erneuerbare ` +
    "Energien umstellen. Dafür fließen rund 180 Millionen Euro in eine Großwärmepumpe am " +
    "Hafen, die Abwärme aus dem Klärwerk nutzt.</p>";
  const banner = '<div class="hGtRqP"><p class="bNmXyT">Wir und unsere 132 Partner ' +
    "speichern und verarbeiten personenbezogene Daten wie Ihre IP-Adresse, um Inhalte und " +
    "Werbung zu personalisieren und die Reichweite zu messen.</p>" +
    '<button class="aAbBcC">Zustimmen und weiter</button></div>';
  const page = (style: string, inner: string) =>
    `<html><head><title>Fernwärme</title><style>${style}</style></head><body>` +
    "<article><h1>Stadtwerke wollen Fernwärme klimaneutral machen</h1>" +
    `${para(1)}${para(2)}${inner}${para(3)}</article></body></html>`;
  const url = "https://lokal.example/wirtschaft/fernwaerme";
  const pinned = (await autoHtml(page(".hGtRqP{position:fixed;bottom:0;z-index:99}", banner), url))
    .content;
  assert.ok(pinned.includes("Absatz 3"), pinned);
  assert.ok(!pinned.includes("132 Partner"), pinned);
  // The same block in the reading flow is the page's.
  const flowing = (await autoHtml(page(".hGtRqP{position:relative}", banner), url)).content;
  assert.ok(flowing.includes("132 Partner"), flowing);
  // A frame the page pins to the window holding its article is the page.
  const frame = (await autoHtml(
    page(".app{position:fixed;inset:0;overflow:auto}", "").replace(
      "<article>",
      '<div class="app"><article>',
    ).replace("</article>", "</article></div>"),
    url,
  )).content;
  assert.ok(frame.includes("Absatz 3"), frame);
});

Deno.test("auto drops an embed's consent stand-in in a text, not a checklist", async () => {
  const para = (n: number) =>
    `<p>Absatz ${n}: Der Umbau des Bahnhofs beginnt im Frühjahr und soll zwei Jahre ` +
    "dauern. Während der Arbeiten halten die Regionalzüge an einem Behelfsbahnsteig.</p>";
  // Hashed classes, no role: a picture, a sentence, a button and one checkbox.
  const standIn = '<div class="c9x1"><img src="/thumbs/abc.jpg" alt=""><div class="z7q3">' +
    "<p>Beim Abspielen des Videos werden Daten an YouTube übertragen.</p>" +
    '<button type="button" class="b4n6">Video abspielen</button>' +
    '<label><input type="checkbox"> Videos immer laden</label></div></div>';
  const checklist = '<div class="k2m8"><p>Packliste für die Baustellenführung</p>' +
    '<label><input type="checkbox"> Feste Schuhe</label>' +
    '<label><input type="checkbox"> Warnweste</label>' +
    '<button type="button">Liste drucken</button></div>';
  const page = (inner: string) =>
    "<html><head><title>Bahnhof</title></head><body><article><h1>Der Bahnhof wird umgebaut</h1>" +
    `${para(1)}${para(2)}${inner}${para(3)}</article></body></html>`;
  const url = "https://lokal.example/verkehr/bahnhof";
  const video = (await autoHtml(page(standIn), url)).content;
  assert.ok(video.includes("Absatz 3"), video);
  assert.ok(!video.includes("Daten an YouTube"), video);
  const list = (await autoHtml(page(checklist), url)).content;
  assert.ok(list.includes("Packliste für die Baustellenführung"), list);
});

Deno.test("dropCheckboxPrompts() on a shop's page drops the stand-ins its description holds", () => {
  const para = (n: number) =>
    `<p>Absatz ${n}: Die Mühle mahlt mit einem konischen Mahlwerk aus gehärtetem Stahl, ` +
    "das die Bohnen schonend zerkleinert. Der Behälter fasst 350 Gramm Bohnen.</p>";
  // The shop's option: one checkbox and a button beside the price, outside the cart form.
  const plan = '<div class="x4p2"><label><input type="checkbox"> 3 Jahre Garantie - 24,00 €' +
    '</label><button type="button">Details</button></div>';
  const standIn = '<div class="c9x1"><button class="b4n6">Inhalt von YouTube anzeigen</button>' +
    "<p>Klicke hier, um den Inhalt von YouTube anzuzeigen.</p>" +
    '<label><input type="checkbox"> Inhalt von YouTube immer anzeigen</label></div>';
  const page = body(
    '<main><div class="summary"><h1>Kaffeemühle Pro 60</h1><p class="price">189,00 €</p>' +
      plan + '</div><div class="panel panel--description"><h2>Beschreibung</h2>' +
      `${para(1)}${standIn}${para(2)}</div></main>`,
  );
  assert.equal(dropCheckboxPrompts(page, true), 1);
  const text = page.textContent ?? "";
  assert.ok(!text.includes("YouTube"), text);
  assert.ok(text.includes("3 Jahre Garantie"), text);
  assert.ok(text.includes("Absatz 2"), text);
});

Deno.test("auto drops a consent switch that points to the privacy policy, with no button", async () => {
  const para = (n: number) =>
    `<p>Absatz ${n}: Die Stadt baut das Hallenbad neu und rechnet mit Kosten von 30 ` +
    "Millionen Euro. Der Rat will im Herbst über die Finanzierung entscheiden.</p>";
  // Hashed classes: a title, a note, a switch and a consent line linking to the policy.
  const standIn =
    '<div class="c4m1"><div class="c8z2"><p class="q1">Empfohlener externer Inhalt</p>' +
    "<p>An dieser Stelle finden Sie einen externen Inhalt von X, der den Artikel ergänzt und " +
    "von der Redaktion empfohlen wird. Sie können ihn sich mit einem Klick anzeigen lassen " +
    'und wieder ausblenden.</p><label class="t7"><input type="checkbox"> Externer Inhalt</label>' +
    "<p>Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden. Damit können " +
    "personenbezogene Daten an Drittplattformen übermittelt werden. Mehr dazu in unserer " +
    '<a href="/datenschutz/">Datenschutzerklärung</a>.</p></div></div>';
  // The same box pointing to another page of the site asks for no consent.
  const note = standIn.replace("/datenschutz/", "/hallenbad/plan/");
  const page = (inner: string) =>
    "<html><head><title>Hallenbad</title></head><body><article><h1>Das Hallenbad wird neu gebaut</h1>" +
    `${para(1)}${para(2)}${inner}${para(3)}</article></body></html>`;
  const url = "https://lokal.example/stadt/hallenbad";
  const text = (await autoHtml(page(standIn), url)).content;
  assert.ok(text.includes("Absatz 3"), text);
  assert.ok(!text.includes("Empfohlener externer Inhalt"), text);
  assert.ok(!text.includes("Ich bin damit einverstanden"), text);
  const kept = (await autoHtml(page(note), url)).content;
  assert.ok(kept.includes("Ich bin damit einverstanden"), kept);
});

Deno.test("dropSignUpBoxes() drops a newsletter's sign-up box with its pitch, not a comment form", () => {
  const para = (n: number) =>
    `<p>Absatz ${n}: Die Zahl der Lokalredaktionen ist seit 2010 um fast ein Drittel ` +
    "gesunken. Besonders betroffen sind ländliche Regionen ohne eigene Zeitung.</p>";
  // Hashed classes: a pitch beside a form with an e-mail field and a submit button.
  const signUp = '<div class="c11o"><div class="c1oo"><div class="c9uh"><p class="c17g">Danke, ' +
    "dass du den Medienbrief liest! Abonniere ihn kostenlos, um neue Beiträge zu erhalten.</p>" +
    '</div><form class="cp3y"><input type="email" name="email" placeholder="Deine E-Mail-Adresse">' +
    '<input type="submit" value="Abonnieren"></form></div></div>';
  // A form with a text field is a comment's: the note over it is not a pitch.
  const comment = '<div class="c7k1"><p class="c2p9">Die Kommentarfunktion ist bis 22 Uhr ' +
    'geöffnet.</p><form class="c5f2"><textarea name="comment"></textarea>' +
    '<input type="email" name="email"><input type="submit" value="Senden"></form></div>';
  const page = body(
    `<article><h1>Wenn die Zeitung geht</h1>${para(1)}${para(2)}${signUp}${
      para(3)
    }${comment}</article>`,
  );
  assert.equal(dropSignUpBoxes(page), 1);
  const text = page.textContent ?? "";
  assert.ok(text.includes("Absatz 3"), text);
  assert.ok(!text.includes("Danke, dass du den Medienbrief liest"), text);
  assert.ok(text.includes("Die Kommentarfunktion ist bis 22 Uhr"), text);
});

Deno.test("dropLoginWalls() drops a paywall's box around a login link, not a how-to's step", () => {
  const para = (n: number) =>
    `<p>Absatz ${n}: Die Stadtwerke bauen das Wärmenetz bis 2030 in allen Stadtteilen ` +
    "aus. Die Kosten sollen vor allem über Fördermittel gedeckt werden.</p>";
  // A members' plugin's message: no heading, its two links split by a <br>.
  const wall = '<div class="c8p1">Dieser Inhalt ist nur für Mitglieder sichtbar. Bitte ' +
    '<a href="/login/?redirect_to=%2Fartikel%2F">melden Sie sich an</a>, um ihn zu lesen.' +
    '<br>Noch kein Mitglied? <a href="/mitgliedschaft/">Jetzt Mitglied werden</a></div>';
  // A step of a guide that points to a service's login page is a line of the text.
  const step =
    '<p>Schritt 2: Öffnen Sie <a href="https://konto.example/login">die Anmeldeseite</a> ' +
    'und wählen Sie <a href="https://konto.example/hilfe">Passwort vergessen</a>.</p>';
  const page = body(`<article><h1>Fernwärme</h1>${para(1)}${step}${para(2)}${wall}</article>`);
  assert.equal(dropLoginWalls(page), 1);
  const text = page.textContent ?? "";
  assert.ok(!text.includes("nur für Mitglieder sichtbar"), text);
  assert.ok(!text.includes("Jetzt Mitglied werden"), text);
  assert.ok(text.includes("Schritt 2: Öffnen Sie"), text);
  assert.ok(text.includes("Absatz 2"), text);
});

Deno.test("removeBoilerplate() drops the line a classic WordPress theme writes under a post", () => {
  const page = body(
    '<div class="post" id="post-412"><h2>Radtour an der Mosel</h2><div class="entry">' +
      "<p>Endlich sind wir mit den Rädern von Trier die Mosel hinunter bis Koblenz gefahren.</p>" +
      '<p class="postmetadata alt"><small>Dieser Eintrag wurde am Sonntag, 30. August 2009 ' +
      'veröffentlicht und ist unter <a href="/category/radtouren/">Radtouren</a> abgelegt. ' +
      'Du kannst <a href="#respond">einen Kommentar schreiben</a>.</small></p></div></div>',
  );
  removeBoilerplate(page, "article");
  const text = page.textContent ?? "";
  assert.ok(text.includes("die Mosel hinunter"), text);
  assert.ok(!text.includes("Dieser Eintrag"), text);
});
