import assert from "node:assert/strict";
import { autoHtml } from "./_test_page.ts";

// `auto` measures text the same way in every script: a short Thai sentence is not a
// label because Thai puts no spaces between its words, and a Chinese or Hindi sentence
// that starts with a date is not a dateline because it ends with "。" or "।".

function article(lang: string, title: string, paragraphs: readonly string[]): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head>
<body>
<header><nav><ul><li><a href="/">⌂</a></li><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></nav></header>
<main><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
</article></main>
<footer><p>© 2026</p></footer>
</body></html>`;
}

Deno.test("auto keeps a Thai article's short last sentence, which has no spaces and no full stop", async () => {
  const last = "ประชาชนสามารถแสดงความคิดเห็นได้ที่สำนักงานเขตทุกแห่ง";
  const { content } = await autoHtml(
    article("th", "กรุงเทพฯ ประกาศแผนขนส่งสาธารณะฉบับใหม่", [
      "กรุงเทพมหานครประกาศแผนพัฒนาระบบขนส่งสาธารณะฉบับใหม่ โดยมีเป้าหมายเพื่อลดปัญหาการจราจรติดขัดในใจกลางเมือง และเพิ่มทางเลือกในการเดินทางให้กับประชาชนทุกกลุ่ม",
      "แผนดังกล่าวประกอบด้วยการขยายเส้นทางรถไฟฟ้าอีกสามสาย การเพิ่มจำนวนรถโดยสารประจำทางที่ใช้พลังงานไฟฟ้า และการปรับปรุงทางเท้าให้ปลอดภัยและสะดวกต่อการเดินมากขึ้น",
      "ผู้ว่าราชการกรุงเทพมหานครกล่าวว่า โครงการทั้งหมดจะเริ่มดำเนินการภายในปีหน้า และคาดว่าจะแล้วเสร็จภายในระยะเวลาห้าปี โดยจะมีการรับฟังความคิดเห็นจากประชาชนก่อนเริ่มก่อสร้าง",
      last,
    ]),
    "https://news.example/th/bangkok-transit-plan",
  );
  assert.ok(content.includes("ผู้ว่าราชการกรุงเทพมหานครกล่าวว่า"), content);
  assert.ok(content.endsWith(last), content);
});

Deno.test("auto's quality score reads Thai paragraphs, which end with no stop, as prose", async () => {
  const paragraphs = [
    "กรุงเทพมหานครประกาศแผนพัฒนาระบบขนส่งสาธารณะฉบับใหม่ โดยมีเป้าหมายเพื่อลดปัญหาการจราจรติดขัดในใจกลางเมือง และเพิ่มทางเลือกในการเดินทางให้กับประชาชนทุกกลุ่ม",
    "แผนดังกล่าวประกอบด้วยการขยายเส้นทางรถไฟฟ้าอีกสามสาย การเพิ่มจำนวนรถโดยสารประจำทางที่ใช้พลังงานไฟฟ้า และการปรับปรุงทางเท้าให้ปลอดภัยและสะดวกต่อการเดินมากขึ้น",
    "ผู้ว่าราชการกรุงเทพมหานครกล่าวว่า โครงการทั้งหมดจะเริ่มดำเนินการภายในปีหน้า และคาดว่าจะแล้วเสร็จภายในระยะเวลาห้าปี โดยจะมีการรับฟังความคิดเห็นจากประชาชนก่อนเริ่มก่อสร้าง",
  ];
  const url = "https://news.example/th/bangkok-transit-plan";
  const thai = await autoHtml(article("th", "แผนขนส่งสาธารณะฉบับใหม่", paragraphs), url);
  // The same article with a full stop after each paragraph scores as much.
  const stopped = await autoHtml(
    article("th", "แผนขนส่งสาธารณะฉบับใหม่", paragraphs.map((p) => `${p}.`)),
    url,
  );
  assert.equal(thai.metadata.quality_score, stopped.metadata.quality_score);
});

Deno.test("auto keeps sentences that start with a date in Chinese and Hindi", async (t) => {
  await t.step("a Chinese sentence ending with 。", async () => {
    const dated = "2024年3月15日，公司发布了第二季度财报，营收增长百分之二十。";
    const { content } = await autoHtml(
      article("zh", "公司发布季度财报", [
        "这家总部位于深圳的科技公司近年来发展迅速，其产品已经销往全球一百多个国家和地区，员工人数也从最初的几十人增长到如今的两万多人。",
        dated,
        "分析人士认为，公司业绩的增长主要得益于海外市场的扩张以及新产品的推出，但未来仍面临原材料价格上涨和市场竞争加剧等多重挑战。",
        "公司管理层表示，将继续加大研发投入，并计划在明年推出更多面向中小企业的服务，以进一步巩固其在行业中的领先地位。",
      ]),
      "https://news.example/zh/company-results",
    );
    assert.ok(content.includes(dated), content);
  });
  await t.step("a Hindi sentence ending with ।", async () => {
    const dated = "15 मार्च 2024 को नतीजे आए।";
    const { content } = await autoHtml(
      article("hi", "कंपनी ने तिमाही नतीजे घोषित किए", [
        "देश की सबसे बड़ी सॉफ्टवेयर कंपनियों में से एक ने इस तिमाही में अपने राजस्व में उल्लेखनीय वृद्धि दर्ज की है, जिससे निवेशकों में उत्साह का माहौल है।",
        dated,
        "विश्लेषकों का मानना है कि यह वृद्धि मुख्य रूप से विदेशी बाजारों में बढ़ती मांग और नए उत्पादों की सफलता के कारण हुई है, हालांकि आगे की राह आसान नहीं होगी।",
        "कंपनी के प्रबंधन ने कहा कि वह अनुसंधान और विकास पर अपना निवेश बढ़ाना जारी रखेगी और अगले वर्ष कई नई सेवाएं शुरू करने की योजना बना रही है।",
      ]),
      "https://news.example/hi/company-results",
    );
    assert.ok(content.includes(dated), content);
  });
});

Deno.test("auto keeps a Chinese sentence with links that the page sets in a box of its own", async () => {
  // Readability drops a <div> whose links make a fifth of its text; a box around one
  // paragraph that reads as a sentence is kept as the paragraph. A Chinese sentence has
  // no capital and no space between its words, and ends with "。": it is still a sentence
  // of six words or more that owns its links. A box of bare links still goes.
  const box = (inner: string): string =>
    `<div class="wrapper"><div class="wrapper-body"><p>${inner}</p><div class="slot"></div></div></div>`;
  const html = '<html lang="zh"><head><meta charset="utf-8"><title>国内最大的保险集团</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">首页</a> <a href="/guides">指南</a></div>' +
    "<main><article><h1>国内最大的保险集团</h1>" +
    box(
      "该集团成立于一九二二年，总部位于深圳，如今已发展成为全国十大保险公司之一，提供银行服务和全套保险产品。" +
        "它最早只为军人家庭提供汽车保险，后来逐步向所有家庭开放，并在各地设立了服务中心和理赔网点。",
    ) +
    box(
      '该集团的评级也位居<a href="/gd">其他省份排名靠前的保险公司之列，例如广东</a>和<a href="/zj">浙江</a>。',
    ) +
    box(
      "其最受欢迎的产品是汽车保险和家庭财产保险，在这两个领域中它都跻身评分最高的保险公司之列，保费份额也很大。" +
        "许多客户表示，理赔速度快、服务态度好是他们选择这家公司的主要原因，续保率也因此一直保持在较高水平。",
    ) +
    box(
      "第二大集团从一个小镇上的单一办事处发展成为一家在每个省份都有代理人的公司，至今仍通过他们销售大部分保单。" +
        "代理人熟悉当地的情况，能够根据每个家庭的需要推荐合适的保障方案，这也是该公司多年来稳定增长的原因。",
    ) +
    box(
      "它的客户可以在网上自行组合保障，按价格挑选保单的每个部分，评论者认为这个工具是整个行业中最有用的之一。" +
        "公司还推出了手机应用，客户可以随时查看保单、提交理赔申请，并跟踪处理的每一个步骤和所需的时间。",
    ) +
    box(
      "第三大集团承保的商业保险比其他任何公司都多，从小商店到最大的卡车车队，其市场份额已连续十年增长。" +
        "分析人士认为，随着电子商务和物流行业的快速发展，商业保险的需求在未来几年还将继续扩大。",
    ) +
    box(
      "专家提醒，购买保险之前应当仔细阅读合同条款，了解保障范围和免责条件，并比较几家公司的价格和服务。" +
        "对于有老人和孩子的家庭来说，医疗保险和意外保险往往比投资型产品更为重要，也更值得优先考虑。",
    ) +
    box(
      "监管部门表示，今年将继续加强对保险销售行为的检查，严厉打击误导宣传和强制搭售等违法违规行为。" +
        "同时，监管部门还将推动保险公司简化理赔流程，提高服务效率，切实保护消费者的合法权益不受侵害。",
    ) +
    box('<a href="/a">最佳汽车保险公司</a> <a href="/b">最佳家庭保险公司</a>') +
    "</article></main></body></html>";
  const { content } = await autoHtml(html, "https://insurance.example/zh/largest-insurers");
  assert.ok(content.includes("例如广东和浙江。"), content);
  assert.ok(content.includes("该集团成立于一九二二年"), content);
  assert.ok(!content.includes("最佳家庭保险公司"), content);
});
