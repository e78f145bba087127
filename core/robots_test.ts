import assert from "node:assert/strict";
import { ROBOTS_MAX_BYTES, robotsStatusMeaning, RobotsTxt, robotsTxtUrl } from "./robots.ts";

/** One robots.txt case: the file, the crawler's token, the path, the verdict. */
interface Case {
  name: string;
  robots: string;
  agent?: string;
  path: string;
  allowed: boolean;
}

// RFC 9309 section 5.1.
const RFC_SIMPLE = `User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF
`;

// RFC 9309 section 5.2.
const RFC_LONGEST = `User-Agent: foobot
Allow: /example/page/
Disallow: /example/page/disallowed.gif
`;

const CASES: Case[] = [
  // RFC 9309 5.1: the * group.
  { name: "5.1 * group: a .gif anywhere", robots: RFC_SIMPLE, path: "/a/b.gif", allowed: false },
  { name: "5.1 * group: $ anchors .gif", robots: RFC_SIMPLE, path: "/b.gif?x", allowed: true },
  { name: "5.1 * group: /example/ prefix", robots: RFC_SIMPLE, path: "/example/x", allowed: false },
  {
    name: "5.1 * group: /publications/",
    robots: RFC_SIMPLE,
    path: "/publications/",
    allowed: true,
  },
  { name: "5.1 * group: unlisted path", robots: RFC_SIMPLE, path: "/other", allowed: true },
  {
    name: "5.1 * group: /example without slash",
    robots: RFC_SIMPLE,
    path: "/example",
    allowed: true,
  },
  // RFC 9309 5.1: foobot.
  {
    name: "5.1 foobot: root disallowed",
    robots: RFC_SIMPLE,
    agent: "foobot",
    path: "/",
    allowed: false,
  },
  {
    name: "5.1 foobot: page.html allowed",
    robots: RFC_SIMPLE,
    agent: "foobot",
    path: "/example/page.html",
    allowed: true,
  },
  {
    name: "5.1 foobot: allowed.gif allowed (its group, not *)",
    robots: RFC_SIMPLE,
    agent: "foobot",
    path: "/example/allowed.gif",
    allowed: true,
  },
  {
    name: "5.1 foobot: token is case-insensitive",
    robots: RFC_SIMPLE,
    agent: "FooBot",
    path: "/x",
    allowed: false,
  },
  // RFC 9309 5.1: barbot and bazbot share one group.
  {
    name: "5.1 barbot: page.html disallowed",
    robots: RFC_SIMPLE,
    agent: "barbot",
    path: "/example/page.html",
    allowed: false,
  },
  {
    name: "5.1 bazbot: page.html disallowed",
    robots: RFC_SIMPLE,
    agent: "bazbot",
    path: "/example/page.html",
    allowed: false,
  },
  {
    name: "5.1 bazbot: the * rules do not apply",
    robots: RFC_SIMPLE,
    agent: "bazbot",
    path: "/a.gif",
    allowed: true,
  },
  // RFC 9309 5.1: quxbot has an empty group.
  {
    name: "5.1 quxbot: empty group allows all",
    robots: RFC_SIMPLE,
    agent: "quxbot",
    path: "/example/x.gif",
    allowed: true,
  },
  {
    name: "5.1 unknown bot falls back to *",
    robots: RFC_SIMPLE,
    agent: "RipTide",
    path: "/example/x",
    allowed: false,
  },
  // RFC 9309 5.2.
  {
    name: "5.2 longest match: directory allowed",
    robots: RFC_LONGEST,
    agent: "foobot",
    path: "/example/page/",
    allowed: true,
  },
  {
    name: "5.2 longest match: deeper disallow wins",
    robots: RFC_LONGEST,
    agent: "foobot",
    path: "/example/page/disallowed.gif",
    allowed: false,
  },
  // RFC 9309 2.2.2: matching, ties and encodings.
  {
    name: "2.2.2 allow wins an equal-length tie",
    robots: "User-agent: *\nDisallow: /page\nAllow: /page",
    path: "/page",
    allowed: true,
  },
  {
    name: "2.2.2 longer disallow beats shorter allow",
    robots: "User-agent: *\nAllow: /p\nDisallow: /p/",
    path: "/p/x",
    allowed: false,
  },
  {
    name: "2.2.2 longer allow beats shorter disallow",
    robots: "User-agent: *\nDisallow: /\nAllow: /public",
    path: "/public/a",
    allowed: true,
  },
  {
    name: "2.2.2 matching is case-sensitive",
    robots: "User-agent: *\nDisallow: /Private",
    path: "/private",
    allowed: true,
  },
  {
    name: "2.2.2 the query is matched",
    robots: "User-agent: *\nDisallow: /foo/bar?baz=quz",
    path: "/foo/bar?baz=quz",
    allowed: false,
  },
  {
    name: "2.2.2 UTF-8 pattern matches the encoded path",
    robots: "User-agent: *\nDisallow: /foo/bar/ツ",
    path: "/foo/bar/%E3%83%84",
    allowed: false,
  },
  {
    name: "2.2.2 encoded pattern matches the encoded path",
    robots: "User-agent: *\nDisallow: /foo/bar/%E3%83%84",
    path: "/foo/bar/%e3%83%84",
    allowed: false,
  },
  {
    name: "2.2.2 encoded unreserved characters are decoded",
    robots: "User-agent: *\nDisallow: /foo/bar/%62%61%7A",
    path: "/foo/bar/baz",
    allowed: false,
  },
  {
    name: "2.2.2 an encoded slash is not a slash",
    robots: "User-agent: *\nDisallow: /a/b",
    path: "/a%2Fb",
    allowed: true,
  },
  {
    name: "2.2.2 empty Disallow allows all",
    robots: "User-agent: *\nDisallow:",
    path: "/x",
    allowed: true,
  },
  {
    name: "2.2.2 /robots.txt is always allowed",
    robots: "User-agent: *\nDisallow: /",
    path: "/robots.txt",
    allowed: true,
  },
  // RFC 9309 2.2.3: special characters.
  {
    name: "2.2.3 * matches any run",
    robots: "User-agent: *\nDisallow: /path/*.gif",
    path: "/path/sub/a.gif",
    allowed: false,
  },
  {
    name: "2.2.3 * matches the empty run",
    robots: "User-agent: *\nDisallow: /path*",
    path: "/path",
    allowed: false,
  },
  {
    name: "2.2.3 $ ends the pattern",
    robots: "User-agent: *\nAllow: /\nDisallow: /this/path/exactly$",
    path: "/this/path/exactly",
    allowed: false,
  },
  {
    name: "2.2.3 $ does not match a longer path",
    robots: "User-agent: *\nDisallow: /this/path/exactly$",
    path: "/this/path/exactly/more",
    allowed: true,
  },
  {
    name: "2.2.3 # starts a comment",
    robots: "User-agent: * # all\nDisallow: /a # not /a#b",
    path: "/a/x",
    allowed: false,
  },
  {
    name: "2.2.3 $ inside a pattern is literal",
    robots: "User-agent: *\nDisallow: /a$b",
    path: "/a$b",
    allowed: false,
  },
  {
    name: "regex characters in patterns are literal",
    robots: "User-agent: *\nDisallow: /a.b",
    path: "/axb",
    allowed: true,
  },
  // RFC 9309 2.2.1: groups.
  {
    name: "2.2.1 groups for one agent are merged",
    robots:
      "User-agent: riptide\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\nUser-agent: RipTide\nDisallow: /b",
    path: "/b",
    allowed: false,
  },
  {
    name: "2.2.1 merged groups keep the first group's rules",
    robots: "User-agent: riptide\nDisallow: /a\n\nUser-agent: riptide\nDisallow: /b",
    path: "/a",
    allowed: false,
  },
  {
    name: "2.2.1 a specific group replaces *",
    robots: "User-agent: *\nDisallow: /\n\nUser-agent: RipTide\nDisallow: /private",
    path: "/public",
    allowed: true,
  },
  {
    name: "2.2.1 no matching group and no * allows all",
    robots: "User-agent: other\nDisallow: /",
    path: "/",
    allowed: true,
  },
  {
    name: "2.2.1 a version after the token is ignored",
    robots: "User-agent: RipTide/1.0\nDisallow: /",
    path: "/",
    allowed: false,
  },
  {
    name: "2.2.1 a longer token does not match",
    robots: "User-agent: RipTideBot\nDisallow: /",
    path: "/",
    allowed: true,
  },
  {
    name: "2.2.1 rules before any user-agent are ignored",
    robots: "Disallow: /\nUser-agent: *\nDisallow: /x",
    path: "/y",
    allowed: true,
  },
  {
    name: "2.2.1 a rule line ends the user-agent list",
    robots: "User-agent: a\nDisallow: /a\nUser-agent: riptide\nDisallow: /r",
    path: "/a",
    allowed: true,
  },
  {
    name: "2.2.1 a Sitemap line does not split a group",
    robots: "User-agent: riptide\nSitemap: /s.xml\nUser-agent: other\nDisallow: /x",
    path: "/x",
    allowed: false,
  },
  {
    name: "2.2.1 blank lines do not end a group",
    robots: "User-agent: *\n\nDisallow: /x",
    path: "/x",
    allowed: false,
  },
  // Syntax leniency (RFC 9309 2.2.4 lets crawlers be lenient).
  {
    name: "keys are case-insensitive",
    robots: "USER-AGENT: *\nDISALLOW: /x",
    path: "/x",
    allowed: false,
  },
  {
    name: "whitespace around the colon",
    robots: "User-agent :  *  \n Disallow :  /x ",
    path: "/x",
    allowed: false,
  },
  {
    name: "CRLF line ends",
    robots: "User-agent: *\r\nDisallow: /x\r\n",
    path: "/x",
    allowed: false,
  },
  { name: "CR line ends", robots: "User-agent: *\rDisallow: /x\r", path: "/x", allowed: false },
  {
    name: "a byte order mark is skipped",
    robots: "\uFEFFUser-agent: *\nDisallow: /x",
    path: "/x",
    allowed: false,
  },
  {
    name: "a misspelled disallow is honoured",
    robots: "User-agent: *\nDissallow: /x",
    path: "/x",
    allowed: false,
  },
  {
    name: "a pattern without a leading slash is rooted",
    robots: "User-agent: *\nDisallow: private",
    path: "/private/a",
    allowed: false,
  },
  {
    name: "a line without a colon is ignored",
    robots: "User-agent: *\nDisallow /x\nDisallow: /y",
    path: "/x",
    allowed: true,
  },
  {
    name: "unknown records are ignored",
    robots: "User-agent: *\nHost: example.com\nClean-param: a\nDisallow: /x",
    path: "/x",
    allowed: false,
  },
];

Deno.test("RobotsTxt decides RFC 9309's examples and edge cases", async (t) => {
  assert.ok(CASES.length >= 40, `only ${CASES.length} cases`);
  for (const c of CASES) {
    await t.step(c.name, () => {
      const policy = RobotsTxt.parse(c.robots).forAgent(c.agent ?? "RipTide");
      assert.equal(policy.isAllowed(c.path), c.allowed, `${c.path} in:\n${c.robots}`);
    });
  }
});

Deno.test("RobotsTxt accepts full URLs and URL objects", () => {
  const policy = RobotsTxt.parse("User-agent: *\nDisallow: /a?b").forAgent();
  assert.equal(policy.isAllowed("https://example.com/a?b=1"), false);
  assert.equal(policy.isAllowed(new URL("https://example.com/a")), true);
  assert.equal(policy.isAllowed("https://example.com/%61?b"), false);
});

Deno.test("RobotsTxt reads Crawl-delay from the chosen group only", () => {
  const text = "User-agent: slowbot\nCrawl-delay: 10\n\nUser-agent: *\nCrawl-delay: 0.5\nDisallow:";
  const robots = RobotsTxt.parse(text);
  assert.equal(robots.forAgent("slowbot").crawlDelay, 10);
  assert.equal(robots.forAgent("RipTide").crawlDelay, 0.5);
  assert.equal(RobotsTxt.parse("User-agent: *\nCrawl-delay: soon").forAgent().crawlDelay, null);
  assert.equal(RobotsTxt.parse("User-agent: slowbot\nCrawl-delay: 5").forAgent().crawlDelay, null);
  assert.equal(RobotsTxt.parse("Crawl-delay: 5\nUser-agent: *").forAgent().crawlDelay, null);
});

Deno.test("RobotsTxt collects Sitemap lines from anywhere, resolved against the base", () => {
  const text = "Sitemap: https://example.com/a.xml\nUser-agent: *\nDisallow: /x\n" +
    "sitemap: /b.xml.gz\nSitemap: http://[bad\n";
  const robots = RobotsTxt.parse(text, "https://example.com/robots.txt");
  assert.deepEqual(robots.sitemaps, ["https://example.com/a.xml", "https://example.com/b.xml.gz"]);
  assert.equal(robots.forAgent().isAllowed("/x"), false);
});

Deno.test("RobotsTxt parses only the first 500 KiB", () => {
  const filler = `# ${"x".repeat(1000)}\n`.repeat(Math.ceil(ROBOTS_MAX_BYTES / 1003));
  const robots = RobotsTxt.parse(`User-agent: *\nDisallow: /early\n${filler}Disallow: /late\n`);
  assert.equal(robots.forAgent().isAllowed("/early"), false);
  assert.equal(robots.forAgent().isAllowed("/late"), true);
});

Deno.test("RobotsTxt.allowAll and disallowAll stand in for a missing or unreachable file", () => {
  assert.equal(RobotsTxt.allowAll().forAgent().isAllowed("/anything"), true);
  assert.equal(RobotsTxt.disallowAll().forAgent().isAllowed("/anything"), false);
  assert.equal(RobotsTxt.disallowAll().forAgent().isAllowed("/robots.txt"), true);
  assert.deepEqual(RobotsTxt.allowAll().sitemaps, []);
});

Deno.test("robotsStatusMeaning() follows RFC 9309 2.3.1", () => {
  assert.equal(robotsStatusMeaning(200), "parse");
  assert.equal(robotsStatusMeaning(204), "parse");
  assert.equal(robotsStatusMeaning(401), "allow-all");
  assert.equal(robotsStatusMeaning(403), "allow-all");
  assert.equal(robotsStatusMeaning(404), "allow-all");
  assert.equal(robotsStatusMeaning(410), "allow-all");
  assert.equal(robotsStatusMeaning(429), "disallow-all");
  assert.equal(robotsStatusMeaning(500), "disallow-all");
  assert.equal(robotsStatusMeaning(503), "disallow-all");
});

Deno.test("robotsTxtUrl() keeps scheme, host and port", () => {
  assert.equal(
    robotsTxtUrl("https://Example.com:8443/a/b?c#d"),
    "https://example.com:8443/robots.txt",
  );
  assert.equal(robotsTxtUrl(new URL("http://127.0.0.1:80/x")), "http://127.0.0.1/robots.txt");
});
