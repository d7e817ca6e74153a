// The review page in Debian's Chromium, driven from the keyboard only (playwright-core).
//
//   node tests/browser/review.mjs <page-url> <answer,answer,...> [--chromium=PATH]
//
// For each answer (public | person | once) it presses Tab until the first open question's button
// for that answer has the focus (typing a role on the way for "person"), presses Enter and waits
// for the page to come back. It prints one JSON object: the question texts answered, how many
// questions the page lists at the end, the tab presses each answer took, whether focus was
// visible, and axe-core's WCAG violations on the first load. The pytest test decides what passes.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const args = process.argv.slice(2);
const url = args[0];
const wanted = (args[1] || "").split(",").filter(Boolean);
const exe = (args.find((a) => a.startsWith("--chromium=")) || "").slice(11) || process.env.CHROMIUM || "/usr/bin/chromium";
const MAX_TABS = 80;

const browser = await chromium.launch({
  executablePath: exe,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
});
const out = { answered: [], tabs: [], focusVisible: [], remaining: null, axe: [], titleAtEnd: "" };
try {
  const page = await (await browser.newContext({ bypassCSP: true })).newPage();  // axe is injected: the page itself allows no script
  await page.goto(url);
  await page.addScriptTag({ content: AXE_SOURCE });
  const axe = await page.evaluate(async () => (await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"] })).violations);
  out.axe = axe.map((v) => v.id);
  for (const answer of wanted) {
    const first = page.locator("li.question").first();
    out.answered.push(await first.locator("input[name=text]").inputValue());
    const target = `li.question:first-of-type button[value="${answer}"]`;
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.keyboard.press("Home");
    let presses = 0;
    let typed = answer !== "person";
    while (presses < MAX_TABS) {
      await page.keyboard.press("Tab");
      presses += 1;
      const here = await page.evaluate((sel) => {
        const el = document.activeElement;
        const q = document.querySelector("li.question");
        return {
          role: !!(q && el && el.name === "role" && q.contains(el)),
          target: el === document.querySelector(sel),
          outline: el ? getComputedStyle(el).outlineStyle : "none",
        };
      }, target);
      if (here.role && !typed) {
        await page.keyboard.type("the forum's chair");
        typed = true;
      }
      if (here.target) {
        out.focusVisible.push(here.outline !== "none");
        break;
      }
    }
    out.tabs.push(presses);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  }
  out.remaining = await page.locator("li.question").count();
  out.titleAtEnd = await page.title();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + "\n");
