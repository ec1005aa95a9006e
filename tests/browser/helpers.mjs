// Shared by the browser tests: a real mock control plane per test file (port 0) and
// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, beforeEach } from "node:test";
import { chromium } from "playwright-core";
import { startMock as startSharedMock } from "../support/mock.mjs";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const SCREENSHOTS = join(ROOT, "target/screenshots");
export const API_KEY = "sk-zcw-browser-SECRET-5d1e8b7a90";
export const SEEDED = ["in01-6183d6bac30f801", "in01-0123456789abcde", "in02-fedcba987654321"];
/** The fixture's four clusters: prod-search (Standard), analytics-eu (Enterprise), preview-pr-412
 *  (Serverless) and free-sandbox (a Free cluster described with plan Serverless). */
export const FLEET = [...SEEDED, "in03-aaaaaaaaaaaaaaa"];

/** A mock on a free port with this suite's key and clusters; `www` and `pkg` are folders to serve. */
export const startMock = ({ www, pkg, apiKey = API_KEY, clusters = SEEDED, rate = 1000 } = {}) =>
  startSharedMock({ www, pkg, apiKey, clusters, rate, showLog: Boolean(process.env.MOCK_STDERR) });

const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** Launches Chromium (playwright gives it a fresh temporary user-data-dir and removes it on close). */
export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}

/** A screenshot of the part of the page from `from` to `to` (page coordinates), with a margin. */
export async function part(page, name, from, to) {
  const box = await page.evaluate(([a, b]) => {
    const top = document.querySelector(a).getBoundingClientRect();
    const bottom = document.querySelector(b).getBoundingClientRect();
    const card = document.querySelector("main").getBoundingClientRect();
    return { x: card.left + scrollX, y: top.top + scrollY - 16, width: card.width, height: bottom.bottom - top.top + 32 };
  }, [from, to]);
  await page.screenshot({ path: screenshotPath(name), fullPage: true, clip: box });
}

/**
 * The demo page in a fresh context of `browser`, loaded and ready (the package imported, the
 * endpoint chosen), with what it logs in `page.consoleLines`. The context is added to
 * `contexts`, for the suite to close.
 */
export async function openDemoPage(browser, url, contexts, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  page.consoleLines = [];
  page.on("console", (m) => page.consoleLines.push(m.text()));
  page.on("pageerror", (e) => page.consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(`${url}/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  return page;
}

/**
 * The demo for one test file: a mock serving www/ and pkg/ (page, package and API on one origin,
 * as with `make demo`) and one Chromium, started before its tests and stopped after them. Before
 * each test the pages of the last one are closed and the mock is reset (then given `seed`).
 * `demo.mock` is the mock; `demo.openPage(size)` opens a ready demo page (openDemoPage).
 */
export function demoSuite({ seed = [] } = {}) {
  const demo = { mock: null, browser: null, contexts: [] };
  before(async () => {
    demo.mock = await startMock({ www: "www", pkg: "pkg" });
    demo.browser = await launchBrowser();
  });
  after(async () => {
    await demo.browser?.close();
    await demo.mock?.stop();
  });
  beforeEach(async () => {
    await Promise.all(demo.contexts.splice(0).map((c) => c.close()));
    await demo.mock.reset();
    if (seed.length) await demo.mock.seed(seed);
  });
  demo.openPage = (size) => openDemoPage(demo.browser, demo.mock.url, demo.contexts, size);
  return demo;
}

// ---- the console's steps, as a person takes them ----------------------------------------------

/**
 * Types the key and shows the clusters; resolves when the list is in a final state. Protected
 * names are cleared (the page's default, prod-*, would protect prod-search, which the drop tests
 * drop) unless `protect` gives them.
 */
export async function connect(page, key = API_KEY, { protect = "" } = {}) {
  await page.fill("#api-key", key);
  await page.fill("#protect", protect);
  await page.click("#connect");
  await page.waitForSelector('#clusters-state:is([data-state="ready"], [data-state="empty"], [data-state="error"])', { timeout: 20_000 });
  return page.getAttribute("#clusters-state", "data-state");
}

/** The listed rows: what a person sees in each. */
export function listedRows(page) {
  return page.$$eval("#cluster-rows tr", (rows) => rows.map((tr) => ({
    id: tr.dataset.id,
    status: tr.dataset.status,
    text: tr.textContent.replace(/\s+/g, " ").trim(),
    actions: [...tr.querySelectorAll("button")].map((b) => b.dataset.action),
  })));
}

/** Types `id` into the look-up field and submits it. */
export async function lookUp(page, id) {
  await page.fill("#cluster-id", id);
  await page.click("#lookup");
}

/** Opens the confirmation for a listed cluster. */
export async function openDrop(page, clusterId) {
  await page.click(`#cluster-rows button[data-action="drop"][data-id="${clusterId}"]`);
  await page.waitForSelector("#drop-dialog[open]");
}

/** Types `name` in the open dialog and drops. */
export async function confirmAndDrop(page, name) {
  await page.fill("#confirm-name", name);
  await page.click("#dialog-drop");
}

/** The result section once shown. */
export async function resultOf(page) {
  await page.waitForSelector("#result[data-outcome]", { timeout: 20_000 });
  return page.evaluate(() => {
    const text = (id) => document.getElementById(id)?.textContent.trim() ?? null;
    return {
      outcome: document.getElementById("result").dataset.outcome,
      title: text("result-title"),
      advice: text("result-advice"),
      prompt: text("result-prompt"),
      clusterId: text("result-clusterId"),
      kind: text("result-kind"),
      code: text("result-code"),
      status: text("result-status"),
      message: text("result-message"),
      requestId: text("result-requestId"),
      attempts: text("result-attempts"),
      maybeDropped: text("result-maybe-dropped"),
      focused: document.activeElement?.id ?? null,
      live: document.getElementById("status").lastElementChild?.textContent ?? null,
    };
  });
}

/** The wait section once it has ended: its state and its last line. */
export async function waitOutcome(page, timeout = 30_000) {
  await page.waitForSelector('#wait[data-state]:not([data-state="waiting"])', { timeout });
  return page.evaluate(() => ({
    state: document.getElementById("wait").dataset.state,
    outcome: document.getElementById("wait-outcome").textContent,
    status: document.getElementById("wait-status").textContent,
    polls: document.getElementById("wait-polls").textContent,
  }));
}
