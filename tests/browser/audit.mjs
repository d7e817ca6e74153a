// Browser checks for the openness public site, run in Debian's Chromium through playwright-core.
//
//   node tests/browser/audit.mjs [options] <base-url> <page-path...>
//
// <page-path> is relative to <base-url> ("", "minutes/", "404.html"). Prints one JSON object on
// stdout; the pytest tests in this folder decide what passes. Options:
//   --search=WORD          type WORD into the search box on the home page and report the results
//   --print=PATH,PATH      emulate print media on these pages and report what is shown
//   --sample=PATH,PATH     at 320px, also run the keyboard walk and the menu check on these
//                          (every page gets axe, the sideways-scroll check and the help banner
//                          check at 1280px, 390px and 320px, and the keyboard walk at 1280px)
//   --screenshots=DIR      instead of auditing, save PNGs of each page at 390px and 1280px wide
//   --golden=DIR           instead of auditing, save one full-page PNG per NAME=PATH page argument
//                          at 390px and 1280px (device scale 1, animations off): NAME-WIDTH.png
//   --chromium=PATH        browser binary (default $CHROMIUM or /usr/bin/chromium)
//
// Every request the browser makes is recorded, and any to a host other than the site's own is
// reported. Chromium is told that no host but 127.0.0.1 exists (--host-resolver-rules), so such a
// request fails at once and a test run never leaks a page view to a third party.
import { createRequire } from "node:module";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-default-apps", "--disable-extensions", "--metrics-recording-only", "--no-default-browser-check",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];
const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 320, height: 640 };
const PHONE = { width: 390, height: 844 };
const MAX_TAB_STOPS = 400;
const WORKERS = Number(process.env.OPENNESS_AUDIT_WORKERS || 4);

function parseArgs(argv) {
  const opts = { pages: [] };
  for (const arg of argv) {
    const m = /^--([a-z]+)=(.*)$/s.exec(arg);
    if (m) opts[m[1]] = m[2];
    else if (!opts.base) opts.base = arg;
    else opts.pages.push(arg);
  }
  if (!opts.base) throw new Error("usage: audit.mjs [options] <base-url> <page-path...>");
  if (!opts.base.endsWith("/")) opts.base += "/";
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const origin = new URL(opts.base).origin;
const timing = {};         // milliseconds spent in each kind of check, summed over workers
async function timed(name, fn) {
  const t0 = Date.now();
  try { return await fn(); } finally { timing[name] = (timing[name] || 0) + Date.now() - t0; }
}
const requests = [];       // every URL requested, from every page, context and worker
const thirdParty = [];     // those not on the site's own origin (aborted)
const errors = [];         // page errors (uncaught exceptions) by page

async function newContext(browser, viewport, extra = {}) {
  const context = await browser.newContext({ viewport, locale: "en-GB", serviceWorkers: "block", ...extra });
  context.on("request", (req) => requests.push(req.url()));
  context.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin) thirdParty.push(url);
  });
  return context;
}

async function open(page, rel) {
  const response = await page.goto(opts.base + rel, { waitUntil: "load" });
  // Material's bundle rewrites the DOM after load (wraps tables, sets up search): let it settle.
  await page.waitForFunction(() => document.body && !document.documentElement.classList.contains("no-js"),
    null, { timeout: 5000, polling: 25 }).catch(() => {});
  await page.waitForTimeout(30);
  return response ? response.status() : 0;
}

async function runAxe(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
      count: v.nodes.length,
    }));
  }, AXE_TAGS);
  return result;
}

// Facts about the page that need no interaction.
async function pageFacts(page) {
  return page.evaluate(() => {
    const footerLinks = [...document.querySelectorAll("footer a[href]")].map((a) => ({
      text: a.textContent.trim().replace(/\s+/g, " "), href: a.href,
    }));
    return {
      lang: document.documentElement.lang,
      title: document.title,
      footerLinks,
      h1: [...document.querySelectorAll("h1")].map((h) => h.textContent.trim()),
      skipLinks: [...document.querySelectorAll("a.md-skip")].map((a) => a.getAttribute("href")),
    };
  });
}

// Tab through the page from the top. For each stop: what it is, whether the focus is drawn
// (outline or box-shadow), and whether a sticky header hides it. Then list any element that
// should take focus but was never reached.
async function keyboardWalk(page) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.activeElement && document.activeElement.blur && document.activeElement.blur();
    let i = 0;
    for (const el of document.querySelectorAll("*")) el.dataset.opennessKb = String(i++);
  });
  const stops = [];
  const seen = new Set();
  let first = null;
  let skip = null;
  for (let n = 0; n < MAX_TAB_STOPS; n++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return null;
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
      const shadow = cs.boxShadow && cs.boxShadow !== "none";
      const r = el.getBoundingClientRect();
      // Focus not obscured (WCAG 2.4.11): some part of the element is the topmost thing drawn.
      let obscured = false;
      if (r.width > 0 && r.height > 0) {
        const xs = [r.left + 1, r.left + r.width / 2, r.right - 1].map((x) => Math.min(Math.max(x, 0), innerWidth - 1));
        const ys = [r.top + 1, r.top + r.height / 2, r.bottom - 1].map((y) => Math.min(Math.max(y, 0), innerHeight - 1));
        obscured = !xs.some((x) => ys.some((y) => {
          const hit = document.elementFromPoint(x, y);
          return hit && (hit === el || el.contains(hit) || hit.contains(el) || (el.control && el.control === hit));
        }));
      }
      const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
        && r.right > 0 && r.left < innerWidth;
      return {
        id: el.dataset.opennessKb,
        tag: el.tagName.toLowerCase(),
        cls: el.className && typeof el.className === "string" ? el.className : "",
        text: (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\s+/g, " ").slice(0, 60),
        href: el.getAttribute("href"),
        inHelp: Boolean(el.closest(".openness-help")),
        focusDrawn: outline || shadow,
        outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
        boxShadow: cs.boxShadow,
        onScreen, obscured,
      };
    });
    if (!stop) { if (stops.length) break; else continue; }
    if (stop.id === first) break;
    if (first === null) first = stop.id;
    if (seen.has(stop.id)) continue;
    seen.add(stop.id);
    stops.push(stop);
  }
  const reached = new Set(stops.map((s) => s.id));
  const unreached = await page.evaluate((reachedIds) => {
    const sel = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex], [contenteditable="true"]';
    const out = [];
    for (const el of document.querySelectorAll(sel)) {
      if (el.disabled || el.getAttribute("tabindex") === "-1" || el.tabIndex < 0) continue;
      if (el.closest("[hidden], [inert]")) continue;
      if (typeof el.checkVisibility === "function"
        && !el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (reachedIds.includes(el.dataset.opennessKb)) continue;
      out.push(`${el.tagName.toLowerCase()}.${el.className} ${(el.textContent || "").trim().slice(0, 40)}`);
    }
    return out;
  }, [...reached]);
  // The skip link: first stop, and following it moves the keyboard into the content.
  if (stops.length && stops[0].cls.includes("md-skip")) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.focus("a.md-skip"); // the first tab stop, as the walk found
    await page.keyboard.press("Enter");
    await page.waitForTimeout(50);
    await page.keyboard.press("Tab");
    skip = await page.evaluate((href) => {
      const target = document.getElementById(decodeURIComponent(href.replace(/^.*#/, "")));
      const content = document.querySelector(".md-content");
      const el = document.activeElement;
      const after = target && el && el !== document.body
        ? Boolean(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) || target.contains(el)
        : false;
      return {
        href, hash: location.hash,
        targetInContent: Boolean(target && content && content.contains(target)),
        nextFocusAfterTarget: after,
        nextFocusInNav: Boolean(el && el.closest(".md-header, .md-sidebar--primary")),
        nextFocus: el ? `${el.tagName.toLowerCase()} ${(el.textContent || "").trim().slice(0, 40)}` : null,
      };
    }, stops[0].href || "");
  }
  return { stops, unreached, skip };
}

// On a narrow screen the navigation is in a drawer behind the menu button: a keyboard user must
// be able to reach the button, open the drawer with Enter and land on a link in it.
async function menuCheck(page, walk) {
  if (!walk.stops.some((st) => st.cls.includes("md-header__button") && /menu/i.test(st.text))) return { reached: false };
  // Material closes the drawer 125ms after any change of address (the skip link just changed
  // the #fragment): let that pass first, as it would for a person.
  await page.waitForTimeout(300);
  await page.focus('.md-header label[for="__drawer"]');
  await page.keyboard.press("Enter");
  await page.waitForTimeout(600); // the drawer slides in over 250ms
  const r = await page.evaluate(() => {
    const el = document.activeElement;
    const box = el && el.getBoundingClientRect();
    return {
      reached: true,
      open: document.getElementById("__drawer").checked,
      focusInDrawer: Boolean(el && el.closest(".md-sidebar--primary")),
      focusOnScreen: Boolean(box && box.width > 0 && box.left >= 0 && box.right <= innerWidth),
      focus: el ? (el.textContent || "").trim().slice(0, 40) : null,
    };
  });
  await page.keyboard.press("Escape");
  await page.waitForTimeout(200);
  r.closedByEscape = await page.evaluate(() => !document.getElementById("__drawer").checked
    && document.activeElement.matches('label[for="__drawer"]'));
  return r;
}

// The help banner: present, shown, and the first thing after the skip link, both in reading order
// (the first visible text after the skip link's) and in the tab order (when it has links).
async function helpFacts(page) {
  return page.evaluate(() => {
    const banner = document.querySelector(".openness-help");
    const skip = document.querySelector("a.md-skip");
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && texts.length < 3; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || el.closest("script, style, template, noscript")) continue;
      if (el.closest("a.md-skip")) { if (!texts.length) texts.push("skip"); continue; }
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      texts.push(el.closest(".openness-help") ? "help" : `${el.tagName.toLowerCase()}: ${n.textContent.trim().slice(0, 40)}`);
    }
    const r = banner ? banner.getBoundingClientRect() : null;
    const links = banner ? [...banner.querySelectorAll("a[href]")].map((a) => a.href) : [];
    return {
      present: Boolean(banner),
      shown: Boolean(banner && banner.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && r.height > 0),
      text: banner ? banner.textContent.trim().replace(/\s+/g, " ") : null,
      skipFirst: Boolean(skip && banner && (skip.compareDocumentPosition(banner) & Node.DOCUMENT_POSITION_FOLLOWING)),
      readingOrder: texts,
      links,
      top: r ? Math.round(r.top + window.scrollY) : null,
    };
  });
}

async function narrowFacts(page) {
  return page.evaluate(() => {
    const de = document.documentElement;
    const tables = [...document.querySelectorAll(".md-content table")].map((t) => {
      let el = t.parentElement;
      let scroller = null;
      while (el && el !== document.body) {
        const ox = getComputedStyle(el).overflowX;
        if (ox === "auto" || ox === "scroll") { scroller = el; break; }
        el = el.parentElement;
      }
      const tr = t.getBoundingClientRect();
      const sr = scroller ? scroller.getBoundingClientRect() : null;
      const para = document.querySelector(".md-content p");
      const cell = t.querySelector("td") || t.querySelector("th");
      const named = t.querySelector("caption")
        || (t.getAttribute("aria-labelledby") && document.getElementById(t.getAttribute("aria-labelledby")));
      return {
        width: Math.round(tr.width),
        scroller: scroller ? scroller.className || scroller.tagName.toLowerCase() : null,
        scrollerFits: sr ? sr.left >= -1 && sr.right <= de.clientWidth + 1 : false,
        overflows: scroller ? scroller.scrollWidth > scroller.clientWidth + 1 : false,
        region: scroller ? scroller.getAttribute("role") : null,
        regionLabel: scroller ? scroller.getAttribute("aria-label") : null,
        regionFocusable: scroller ? scroller.tabIndex >= 0 : false,
        name: named ? named.textContent.trim() : null,
        headerCells: t.querySelectorAll("th").length,
        headerScoped: [...t.querySelectorAll("thead th")].every((th) => th.getAttribute("scope") === "col"),
        cellFont: cell ? parseFloat(getComputedStyle(cell).fontSize) : null,
        bodyFont: para ? parseFloat(getComputedStyle(para).fontSize) : null,
      };
    });
    return { scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, bodyScrollWidth: document.body.scrollWidth, tables };
  });
}

async function printFacts(page) {
  await page.emulateMedia({ media: "print" });
  const facts = await page.evaluate(() => {
    const shown = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && r.width > 0 && r.height > 0;
    };
    const all = (sel) => [...document.querySelectorAll(sel)].map(shown);
    return {
      header: all(".md-header"), sidebars: all(".md-sidebar"), footer: all(".md-footer"),
      search: all(".md-search"), tabs: all(".md-tabs"), top: all(".md-top"), skip: all(".md-skip"),
      h1: all(".md-content h1"), meta: all(".md-content .openness-meta"), help: all(".openness-help"),
      metaText: (document.querySelector(".openness-meta") || {}).textContent || null,
      content: shown(document.querySelector(".md-content")),
    };
  });
  await page.emulateMedia({ media: "screen" });
  return facts;
}

async function searchFacts(browser, word) {
  const context = await newContext(browser, DESKTOP);
  const page = await context.newPage();
  await open(page, "");
  const input = page.locator("input.md-search__input");
  if (!(await input.count())) {  // Zensical draws its search as a dialog of its own
    await context.close();
    return { word, meta: "no Material search box on the page", results: [] };
  }
  await input.click();
  await input.pressSequentially(word, { delay: 20 });
  let items = [];
  try {
    await page.waitForSelector(".md-search-result__item a", { timeout: 10000 });
    items = await page.$$eval(".md-search-result__item a", (as) => as.map((a) => ({
      href: a.href, title: (a.querySelector("h1, h2") || a).textContent.trim().replace(/\s+/g, " "),
    })));
  } catch (e) { /* no results: reported as an empty list */ }
  const meta = await page.textContent(".md-search-result__meta").catch(() => null);
  await context.close();
  return { word, meta: meta && meta.trim(), results: items };
}

async function screenshots(browser, dir) {
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (const viewport of [{ width: 390, height: 844 }, DESKTOP]) {
    const context = await newContext(browser, viewport, viewport.width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {});
    for (const rel of opts.pages) {
      const page = await context.newPage();
      await open(page, rel);
      const name = (rel.replace(/\/index\.html$|\/$/, "").split("/").filter(Boolean).slice(0, 2).join("-") || "home")
        .replace(/[^a-z0-9-]+/gi, "-").slice(0, 40);
      const file = path.join(dir, `${name}-${viewport.width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
      if (viewport.width < 600) {
        // What a phone shows first, and the same with the menu opened by keyboard.
        const top = path.join(dir, `${name}-${viewport.width}-top.png`);
        await page.screenshot({ path: top });
        files.push(top);
        if (!rel) {
          await page.focus('.md-header label[for="__drawer"]');
          await page.keyboard.press("Enter");
          await page.waitForTimeout(600);
          const menu = path.join(dir, `${name}-${viewport.width}-menu.png`);
          await page.screenshot({ path: menu });
          files.push(menu);
          await page.keyboard.press("Escape");
        }
      }
      if (viewport.width === DESKTOP.width && /minutes|reviews/.test(rel) && rel.split("/").length > 3) {
        await page.emulateMedia({ media: "print" });
        const pfile = path.join(dir, `${name}-print.png`);
        await page.screenshot({ path: pfile, fullPage: true });
        files.push(pfile);
        await page.emulateMedia({ media: "screen" });
      }
      await page.close();
    }
    await context.close();
  }
  return files;
}

async function goldenShots(browser, dir) {
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (const viewport of [PHONE, DESKTOP]) {
    const context = await newContext(browser, viewport, { deviceScaleFactor: 1, reducedMotion: "reduce" });
    const page = await context.newPage();
    for (const arg of opts.pages) {
      const [name, rel] = arg.split(/=(.*)/s);
      await open(page, rel || "");
      // No transitions (Material fades the search placeholder in as styles load): a picture of
      // the settled page, the same on every run.
      await page.addStyleTag({ content: "*, *::before, *::after, ::placeholder { transition: none !important; animation: none !important; }" });
      await page.evaluate(() => document.fonts && document.fonts.ready);
      await page.waitForTimeout(150);
      const file = path.join(dir, `${name}-${viewport.width}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: "disabled", caret: "hide" });
      files.push(file);
    }
    await context.close();
  }
  return files;
}

async function main() {
  // playwright-core gives Chromium a fresh, empty --user-data-dir of its own and deletes it after.
  const executablePath = opts.chromium || process.env.CHROMIUM || "/usr/bin/chromium";
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 60000 });
  const out = { browser: browser.version(), axeVersion: null, pages: {}, search: null, screenshots: null };
  try {
    if (opts.golden) {
      out.screenshots = await goldenShots(browser, opts.golden);
    } else if (opts.screenshots) {
      out.screenshots = await screenshots(browser, opts.screenshots);
    } else {
      // Page lists are comma-separated; "" (the home page) is a valid entry.
      const printPages = new Set(opts.print !== undefined ? opts.print.split(",") : []);
      const samplePages = new Set(opts.sample !== undefined ? opts.sample.split(",") : []);
      // A few workers, each with its own desktop and narrow context, share out the pages.
      const queue = [...opts.pages];
      const worker = async () => {
        const context = await newContext(browser, DESKTOP);
        const page = await context.newPage();
        page.on("pageerror", (err) => errors.push({ page: page.url(), error: String(err) }));
        for (let rel = queue.shift(); rel !== undefined; rel = queue.shift()) {
          const res = {};
          await page.setViewportSize(DESKTOP);
          res.status = await timed("open", () => open(page, rel));
          res.facts = await pageFacts(page);
          res.axe = await timed("axe", () => runAxe(page));
          if (out.axeVersion === null) out.axeVersion = await page.evaluate(() => axe.version); // eslint-disable-line no-undef
          res.keyboard = await timed("keyboard", () => keyboardWalk(page));
          if (printPages.has(rel)) res.print = await timed("print", () => printFacts(page));
          res.help = await helpFacts(page);
          // A phone (390px) and the narrowest screen (320px: what a desktop browser zoomed to 400%
          // shows), each loaded afresh: axe, sideways scrolling and the help banner at both.
          for (const [key, viewport] of [["phone", PHONE], ["narrow", NARROW]]) {
            await page.setViewportSize(viewport);
            await timed("open", () => open(page, rel));
            res[key] = await narrowFacts(page);
            res[key + "Axe"] = await timed("axe", () => runAxe(page));
            res[key + "Help"] = await helpFacts(page);
          }
          if (samplePages.has(rel)) {
            res.narrowKeyboard = await timed("keyboard", () => keyboardWalk(page));
            res.menu = await timed("menu", () => menuCheck(page, res.narrowKeyboard));
          }
          out.pages[rel] = res;
        }
        await context.close();
      };
      await Promise.all(Array.from({ length: Math.min(WORKERS, opts.pages.length) }, worker));
      if (opts.search) out.search = await timed("search", () => searchFacts(browser, opts.search));
    }
  } finally {
    await browser.close();
  }
  out.requests = [...new Set(requests)];
  out.thirdParty = [...new Set(thirdParty)];
  out.errors = errors;
  out.timing = timing;
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}

main().catch((err) => { process.stderr.write(`audit.mjs: ${err && err.stack || err}\n`); process.exit(2); });
