// The demo's scenarios panel in headless Chromium: each scenario scripts the mock (through its
// same-origin control surface) before the next drop, and the page must say what is going on
// while it waits and what the outcome means. Screenshots land in target/screenshots/;
// scripts/screenshots.sh copies two of them into docs/ for the README.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { API_KEY, SEEDED, demoSuite, screenshotPath } from "./helpers.mjs";

const ID = SEEDED[0];

const demo = demoSuite({ seed: [ID] });

async function openPage({ width = 1280, height = 1000 } = {}) {
  const page = await demo.openPage({ width, height });
  await page.waitForSelector("#scenarios:not([hidden])");
  return page;
}

async function start(page, scenario) {
  await page.fill("#api-key", API_KEY);
  await page.fill("#cluster-id", ID);
  await page.fill("#confirm-id", ID);
  await page.check(`#scenario-${scenario}`);
  await page.click("#drop");
}

/** Waits for the progress line to match `pattern`; returns its text. */
async function progressMatching(page, pattern) {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById("progress-text")?.textContent ?? ""),
    pattern.source,
    { timeout: 15_000 },
  );
  return page.textContent("#progress-text");
}

/** A screenshot of the part of the page from `from` to `to` (page coordinates), with a margin. */
async function part(page, name, from, to) {
  const box = await page.evaluate(([a, b]) => {
    const top = document.querySelector(a).getBoundingClientRect();
    const bottom = document.querySelector(b).getBoundingClientRect();
    const card = document.querySelector("main").getBoundingClientRect();
    return { x: card.left + scrollX, y: top.top + scrollY - 16, width: card.width, height: bottom.bottom - top.top + 32 };
  }, [from, to]);
  await page.screenshot({ path: screenshotPath(name), fullPage: true, clip: box });
}

async function outcome(page) {
  await page.waitForSelector("#result[data-outcome]", { timeout: 20_000 });
  return page.evaluate(() => {
    const text = (id) => document.getElementById(id)?.textContent.trim() ?? null;
    return {
      outcome: document.getElementById("result").dataset.outcome,
      title: text("result-title"),
      kind: text("result-kind"),
      code: text("result-code"),
      status: text("result-status"),
      attempts: text("result-attempts"),
      maybeDropped: text("result-maybe-dropped"),
      scenario: document.querySelector('input[name="scenario"]:checked')?.value,
      live: document.getElementById("status").textContent,
    };
  });
}

describe("demo scenarios", () => {
  test("the panel lists every scenario with a line that says what it does", async () => {
    const page = await openPage();
    const items = await page.$$eval('#scenario-choices label', (labels) => labels.map((l) => l.textContent.trim()));
    assert.equal(items.length, 7);
    for (const words of ["Normal", "Rate limited twice", "slow drop", "Two 503s", "HTML page", "reset connection", "permission error"]) {
      assert.ok(items.some((t) => t.includes(words)), `${words} in ${items}`);
    }
  });

  test("rate limited twice, then success: the wait is explained and counted down", async () => {
    const page = await openPage();
    await start(page, "rate-limited");
    const first = await progressMatching(page, /^Rate limited by the control plane: trying again in [1-3] s, attempt 2 of 3$/);
    assert.match(await page.textContent("#status"), /Rate limited by the control plane: trying again in 3 seconds, attempt 2 of 3/);
    await page.screenshot({ path: screenshotPath("scenario-rate-limited.png"), fullPage: true });
    await part(page, "readme-retry-in-progress.png", "#scenarios", "#retry-note");
    await progressMatching(page, /attempt 3 of 3/);
    const r = await outcome(page);
    assert.equal(r.outcome, "success", JSON.stringify(r));
    assert.match(r.attempts, /^3 /);
    assert.match(r.live, /after 3 attempts/);
    assert.equal(r.scenario, "none", "a scenario applies to one drop");
    assert.deepEqual((await demo.mock.requests()).map((q) => q.status), [429, 429, 200]);
    assert.ok(first.length > 0);
    await page.screenshot({ path: screenshotPath("scenario-rate-limited-done.png"), fullPage: true });
  });

  test("a slow drop, timed out and retried, is shown as probably dropped", async () => {
    const page = await openPage();
    await start(page, "slow-drop");
    await progressMatching(page, /^No answer in time: trying again in [01] s, attempt 2 of 3$/);
    const r = await outcome(page);
    assert.equal(r.kind, "not_found", JSON.stringify(r));
    assert.equal(r.title, "Probably dropped by an earlier attempt");
    assert.match(r.maybeDropped, /recycle bin/);
    assert.match(r.attempts, /^2$/);
    await page.screenshot({ path: screenshotPath("scenario-slow-drop.png"), fullPage: true });
    await part(page, "readme-maybe-dropped.png", ".actions", "#result");
  });

  test("two 503s, then success", async () => {
    const page = await openPage();
    await start(page, "unavailable");
    await progressMatching(page, /^The control plane failed \(HTTP 503\): trying again in [01] s, attempt 2 of 3$/);
    const r = await outcome(page);
    assert.equal(r.outcome, "success", JSON.stringify(r));
    assert.match(r.attempts, /^3 /);
    await page.screenshot({ path: screenshotPath("scenario-unavailable.png"), fullPage: true });
  });

  test("a gateway's HTML page on every attempt ends as a server error", async () => {
    const page = await openPage();
    await start(page, "gateway-html");
    await progressMatching(page, /^The control plane failed \(HTTP 502\): trying again in [01] s, attempt 2 of 3$/);
    const r = await outcome(page);
    assert.deepEqual([r.kind, r.status, r.attempts], ["server", "502", "3"], JSON.stringify(r));
    await page.screenshot({ path: screenshotPath("scenario-gateway-html.png"), fullPage: true });
  });

  test("a reset connection ends as a network error after the retries", async () => {
    const page = await openPage();
    await start(page, "reset");
    await progressMatching(page, /^The connection failed: trying again in [01] s, attempt 2 of 3$/);
    const r = await outcome(page);
    assert.deepEqual([r.kind, r.attempts], ["network", "3"], JSON.stringify(r));
    await page.screenshot({ path: screenshotPath("scenario-reset.png"), fullPage: true });
  });

  test("a permission error is not retried", async () => {
    const page = await openPage();
    await start(page, "permission");
    const r = await outcome(page);
    assert.deepEqual([r.kind, r.code, r.status, r.attempts], ["permission", "96013", "403", "1"], JSON.stringify(r));
    await page.screenshot({ path: screenshotPath("scenario-permission.png"), fullPage: true });
  });

  test("Cancel during a wait ends the call as aborted, with no further request", async () => {
    const page = await openPage();
    await start(page, "rate-limited");
    await progressMatching(page, /trying again in [1-3] s, attempt 2 of 3/);
    await page.click("#cancel");
    const r = await outcome(page);
    assert.equal(r.kind, "aborted", JSON.stringify(r));
    await new Promise((resolve) => setTimeout(resolve, 3500)); // past the Retry-After of 3 s
    assert.equal((await demo.mock.requests()).length, 1, "no request after the cancel");
    await page.screenshot({ path: screenshotPath("scenario-cancelled.png"), fullPage: true });
  });

  test("usable at 375 px: the progress fits, and the panel does not overflow", async () => {
    const page = await openPage({ width: 375, height: 900 });
    await start(page, "rate-limited");
    await progressMatching(page, /trying again in [1-3] s, attempt 2 of 3/);
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the viewport`);
    await page.screenshot({ path: screenshotPath("scenario-rate-limited-375.png"), fullPage: true });
    await page.click("#cancel");
    await outcome(page);
  });
});
