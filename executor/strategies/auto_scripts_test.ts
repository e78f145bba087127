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

/** A Chinese forum's thread: a question and three replies, each signed, with the board's chrome. */
function chineseThread(): string {
  const post = (n: number, user: string, date: string, body: string): string =>
    `<div class="post" id="post_${n}"><div class="post-author"><a class="username" href="/u/${user}">${user}</a>
      <span class="user-title">初级会员</span></div>
      <div class="post-main"><div class="post-meta"><time datetime="${date}">${
      date.slice(0, 10)
    }</time>
      <a class="post-number" href="#post_${n}">#${n}</a></div>
      <div class="post-body">${body}</div>
      <div class="post-actions"><button class="like">赞</button><button class="reply">回复</button>
      <button class="report">举报</button></div></div></div>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>阳台种番茄总是落花，怎么办？ - 园艺交流 - 绿手指论坛</title>
<meta property="og:site_name" content="绿手指论坛"></head><body>
<header class="site-header"><a class="logo" href="/">绿手指论坛</a>
<nav><ul><li><a href="/">首页</a></li><li><a href="/forum/garden">园艺交流</a></li>
<li><a href="/forum/market">二手市场</a></li><li><a href="/forum/help">新手求助</a></li></ul></nav>
<div class="user-links"><a href="/login">登录</a> <a href="/register">注册</a></div></header>
<main><div class="thread-title"><h1>阳台种番茄总是落花，怎么办？</h1>
<div class="thread-stats">查看: 1523 | 回复: 3</div></div>
<div class="post-list">
${
    post(
      1,
      "小园丁",
      "2025-05-02T09:12:00+08:00",
      "<p>今年第一次在阳台上用花盆种番茄，植株长得很壮，也开了很多花，可是大部分花开了两三天就掉了，几乎没有坐果。</p><p>阳台朝南，每天能晒六个小时左右的太阳，我每天早上浇一次水，半个月施一次复合肥。请问是哪里做得不对？</p>",
    )
  }
${
    post(
      2,
      "老李种菜",
      "2025-05-02T11:40:00+08:00",
      "<p>番茄是自花授粉的，但在阳台上没有风也没有蜜蜂，花粉很难落到柱头上。开花的时候每天中午轻轻摇一摇花枝，或者用电动牙刷碰一碰花柄，坐果率会高很多。</p>",
    )
  }
${
    post(
      3,
      "番茄达人",
      "2025-05-03T08:05:00+08:00",
      "<p>另外要注意温度，白天超过三十二度或者夜里低于十五度，花粉都会失去活力。南向阳台中午可能太热了，可以拉一层遮阳网。</p><p>复合肥里氮太多也会让植株只长叶子不结果，开花以后最好换成磷钾比较高的肥料。</p>",
    )
  }
${
    post(
      4,
      "小园丁",
      "2025-05-10T20:30:00+08:00",
      "<p>按照大家说的每天中午摇一摇，又换了磷钾肥，这一周已经坐住了七八个小果子，太感谢了！</p>",
    )
  }
</div>
<div class="pager"><a href="?page=1">上一页</a> <span>1</span> <a href="?page=2">下一页</a></div>
<form class="quick-reply"><textarea placeholder="说点什么吧……"></textarea><button>发表回复</button></form>
</main>
<aside class="sidebar"><h3>热门帖子</h3><ul>
<li><a href="/t/1">多肉植物冬天怎么浇水？</a></li><li><a href="/t/2">月季黑斑病的防治方法</a></li>
<li><a href="/t/3">自制酵素肥料的详细步骤</a></li></ul></aside>
<footer><p>© 2025 绿手指论坛 版权所有</p><a href="/about">关于我们</a> <a href="/contact">联系我们</a></footer>
</body></html>`;
}

Deno.test("auto on a Chinese forum thread keeps every post and drops the board's chrome", async () => {
  const { content, metadata } = await autoHtml(
    chineseThread(),
    "https://bbs.lvshouzhi.example/t/tomato-flowers-drop/88231",
  );
  assert.equal(metadata.page_type, "forum");
  for (
    const kept of [
      "大部分花开了两三天就掉了",
      "半个月施一次复合肥。请问是哪里做得不对？",
      "番茄是自花授粉的",
      "坐果率会高很多。",
      "花粉都会失去活力",
      "开花以后最好换成磷钾比较高的肥料。",
      "太感谢了！",
    ]
  ) assert.ok(content.includes(kept), `keeps ${kept}\n${content}`);
  for (
    const gone of ["二手市场", "登录", "举报", "发表回复", "热门帖子", "月季黑斑病", "版权所有"]
  ) assert.ok(!content.includes(gone), `drops ${gone}\n${content}`);
});

/** A Korean shop's product page: its description and specifications, with the shop's chrome. */
function koreanProduct(): string {
  const ld = JSON.stringify({
    "@context": "https://schema.org",
    "@type": "Product",
    name: "무선 핸디 청소기 H7",
    brand: { "@type": "Brand", name: "하나전자" },
    offers: { "@type": "Offer", price: "189000", priceCurrency: "KRW" },
  });
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8">
<title>무선 핸디 청소기 H7 | 하나전자 공식몰</title>
<meta property="og:type" content="product">
<script type="application/ld+json">${ld}</script></head><body>
<header><a class="logo" href="/">하나전자 공식몰</a><nav><ul><li><a href="/c/tv">TV</a></li>
<li><a href="/c/kitchen">주방가전</a></li><li><a href="/c/cleaning">청소기</a></li>
<li><a href="/event">이벤트</a></li></ul></nav><a href="/cart">장바구니</a> <a href="/login">로그인</a></header>
<main><div class="product"><div class="gallery"><img src="/h7.jpg" alt="무선 핸디 청소기 H7"></div>
<div class="buy-box"><h1>무선 핸디 청소기 H7</h1><div class="price"><span>189,000원</span></div>
<div class="options"><label>색상</label><button>화이트</button><button>그레이</button><button>블루</button></div>
<div class="qty"><button>-</button><input value="1"><button>+</button></div>
<button class="add-to-cart">장바구니 담기</button><button class="buy-now">바로 구매</button></div></div>
<section class="description"><h2>상품 설명</h2>
<p>H7은 무게가 1.2킬로그램에 불과한 무선 핸디 청소기로, 한 손으로 소파와 자동차 시트, 계단 구석까지 가볍게 청소할 수 있습니다.</p>
<p>새로 설계한 사이클론 구조가 미세먼지를 99.9퍼센트까지 걸러 주며, 한 번 충전하면 최대 40분 동안 사용할 수 있습니다.</p>
<p>먼지통은 버튼 하나로 열리고 물로 씻을 수 있어 언제나 위생적으로 관리할 수 있습니다.</p>
<h2>제품 사양</h2><table><tr><th>무게</th><td>1.2kg</td></tr><tr><th>사용 시간</th><td>최대 40분</td></tr>
<tr><th>충전 시간</th><td>3시간</td></tr></table></section>
<section class="related"><h2>함께 본 상품</h2><ul>
<li><a href="/p/h5">무선 핸디 청소기 H5</a> <span>149,000원</span></li>
<li><a href="/p/v9">스틱 청소기 V9</a> <span>329,000원</span></li>
<li><a href="/p/r3">로봇 청소기 R3</a> <span>459,000원</span></li></ul></section></main>
<footer><p>하나전자(주) 대표이사 김하나 | 사업자등록번호 123-45-67890</p>
<p>© 2025 Hana Electronics. All rights reserved.</p></footer></body></html>`;
}

Deno.test("auto on a Korean product page keeps the description and drops the shop's chrome", async () => {
  const { content, metadata } = await autoHtml(
    koreanProduct(),
    "https://shop.hana.example/p/h7",
  );
  assert.equal(metadata.page_type, "product");
  for (
    const kept of [
      "한 손으로 소파와 자동차 시트",
      "최대 40분 동안 사용할 수 있습니다.",
      "언제나 위생적으로 관리할 수 있습니다.",
    ]
  ) assert.ok(content.includes(kept), `keeps ${kept}\n${content}`);
  for (
    const gone of [
      "주방가전",
      "로그인",
      "장바구니 담기",
      "바로 구매",
      "스틱 청소기 V9",
      "사업자등록번호",
    ]
  ) assert.ok(!content.includes(gone), `drops ${gone}\n${content}`);
});
