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
