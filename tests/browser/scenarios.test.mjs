// The console's scenario panel in headless Chromium: each scenario scripts the mock (through its
// same-origin control surface) before the next drop, and the page must say what is going on
// while it waits and what the outcome means, then look at whether the cluster is gone.
// Screenshots land in target/screenshots/; scripts/screenshots.sh copies some into docs/.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { confirmAndDrop, connect, demoSuite, openDrop, part, resultOf, screenshotPath, waitOutcome } from "./helpers.mjs";

const ID = "in01-6183d6bac30f801"; // prod-search
const NAME = "prod-search";

const demo = demoSuite({ seed: [ID] });

async function openPage({ width = 1280, height = 1000 } = {}) {
  const page = await demo.openPage({ width, height });
  await page.waitForSelector("#scenarios:not([hidden])");
  return page;
}

/** Lists, picks the scenario, confirms prod-search by name and drops. */
async function start(page, scenario) {
  await connect(page);
  await page.check(`#scenario-${scenario}`);
  await openDrop(page, ID);
  await confirmAndDrop(page, NAME);
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

/** prod-search SUSPENDED, listed on a fresh page, ready for its Resume. */
async function resumeReady() {
  await demo.mock.put([{ clusterId: ID, clusterName: NAME, plan: "Standard", status: "SUSPENDED" }]);
  const page = await openPage();
  await connect(page);
  return page;
}

const requests = async () => (await demo.mock.requests()).filter((q) => q.path !== "/v2/clusters");

describe("console scenarios", () => {
  test("the panel lists every scenario with a line that says what it does", async () => {
    const page = await openPage();
    const items = await page.$$eval("#scenario-choices label", (labels) => labels.map((l) => l.textContent.trim()));
    assert.equal(items.length, 11);
    for (const words of ["Normal", "Renamed before the drop", "Rate limited twice", "slow drop", "Two 503s", "HTML page", "reset connection", "deletion that takes long", "resume that takes long", "Dropped while you wait for it to resume", "permission error"]) {
      assert.ok(items.some((t) => t.includes(words)), `${words} in ${items}`);
    }
  });

  test("renamed before the drop: the guard refuses, with no DELETE", async () => {
    const page = await openPage();
    await start(page, "renamed");
    const r = await resultOf(page);
    assert.equal(r.kind, "precondition", JSON.stringify(r));
    assert.match(r.message, /prod-search-renamed/);
    assert.equal(await page.isChecked("#scenario-none"), true, "a scenario applies to one drop");
    assert.deepEqual((await requests()).map((q) => q.method), ["GET"], "one describe, no DELETE");
  });

  test("rate limited twice, then success: the wait is explained and counted down, then the cluster is gone", async () => {
    const page = await openPage();
    await start(page, "rate-limited");
    await progressMatching(page, /^Rate limited by the control plane: trying again in [1-3] s, attempt 2 of 3$/);
    assert.match(await page.textContent("#status"), /Rate limited by the control plane: trying again in 3 seconds, attempt 2 of 3/);
    await page.screenshot({ path: screenshotPath("scenario-rate-limited.png"), fullPage: true });
    await part(page, "readme-retry-in-progress.png", "#progress", "#retry-note");
    await progressMatching(page, /attempt 3 of 3/);
    const r = await resultOf(page);
    assert.equal(r.outcome, "success", JSON.stringify(r));
    assert.match(r.attempts, /^3 /);
    assert.equal((await waitOutcome(page)).state, "gone");
    assert.deepEqual((await requests()).slice(0, 4).map((q) => [q.method, q.status]), [["GET", 200], ["DELETE", 429], ["DELETE", 429], ["DELETE", 200]]);
  });

  test("a slow drop, timed out and retried: probably dropped, then found gone", async () => {
    const page = await openPage();
    await start(page, "slow-drop");
    await progressMatching(page, /^No answer in time: trying again in [01] s, attempt 2 of 3$/);
    const r = await resultOf(page);
    assert.equal(r.kind, "not_found", JSON.stringify(r));
    assert.equal(r.title, "Probably dropped by an earlier attempt");
    assert.match(r.maybeDropped, /^Probably dropped already\./);
    assert.equal(r.attempts, "3", "the guard's describe, then two DELETEs");
    const w = await waitOutcome(page);
    assert.equal(w.state, "gone", "the probably dropped cluster is found gone: a fact");
    await page.screenshot({ path: screenshotPath("scenario-slow-drop.png"), fullPage: true });
    await part(page, "readme-maybe-dropped.png", "#cluster-table", "#result");
  });

  test("two 503s, then success", async () => {
    const page = await openPage();
    await start(page, "unavailable");
    await progressMatching(page, /^The control plane failed \(HTTP 503\): trying again in [01] s, attempt 2 of 3$/);
    const r = await resultOf(page);
    assert.equal(r.outcome, "success", JSON.stringify(r));
    assert.match(r.attempts, /^3 /);
    assert.equal((await waitOutcome(page)).state, "gone");
  });

  test("a gateway's HTML page on every DELETE: a server error, then the look shows it was not dropped", async () => {
    const page = await openPage();
    await start(page, "gateway-html");
    await progressMatching(page, /^The control plane failed \(HTTP 502\): trying again in [01] s, attempt 2 of 3$/);
    const r = await resultOf(page);
    assert.deepEqual([r.kind, r.status, r.attempts], ["server", "502", "4"], JSON.stringify(r), "the describe, then three DELETEs");
    const w = await waitOutcome(page);
    assert.equal(w.state, "not-dropped");
    assert.equal(w.outcome, "prod-search is still RUNNING: the drop did not happen. You can try again.");
    await page.screenshot({ path: screenshotPath("scenario-gateway-html.png"), fullPage: true });
  });

  test("a reset connection ends as a network error after the retries, and the look says what became of it", async () => {
    const page = await openPage();
    await start(page, "reset");
    await progressMatching(page, /^The connection failed: trying again in [01] s, attempt 2 of 3$/);
    const r = await resultOf(page);
    assert.deepEqual([r.kind, r.attempts], ["network", "4"], JSON.stringify(r), "the describe, then three DELETEs");
    assert.equal((await waitOutcome(page)).state, "not-dropped");
  });

  test("a deletion that takes long: the wait ends honestly when its time is up", async () => {
    const page = await openPage();
    await start(page, "slow-deletion");
    assert.equal((await resultOf(page)).outcome, "success");
    const w = await waitOutcome(page, 20_000);
    assert.equal(w.state, "timeout");
    assert.match(w.outcome, /^prod-search is still DELETING: the wait's limit of 6 s was reached at \d\d:\d\d:\d\d\. Whether it will go is unknown; look again later\.$/);
    await page.screenshot({ path: screenshotPath("scenario-slow-deletion.png"), fullPage: true });
  });

  test("a permission error is not retried, and nothing is waited for", async () => {
    const page = await openPage();
    await start(page, "permission");
    const r = await resultOf(page);
    assert.deepEqual([r.kind, r.code, r.status, r.attempts], ["permission", "96013", "403", "2"], JSON.stringify(r), "the describe, then one DELETE");
    assert.equal(await page.isVisible("#wait"), false);
  });

  test("Cancel during a wait between retries ends the drop as aborted, with no further request", async () => {
    const page = await openPage();
    await start(page, "rate-limited");
    await progressMatching(page, /trying again in [1-3] s, attempt 2 of 3/);
    await page.click("#cancel");
    const r = await resultOf(page);
    assert.equal(r.kind, "aborted", JSON.stringify(r));
    await new Promise((resolve) => setTimeout(resolve, 3500)); // past the Retry-After of 3 s
    assert.deepEqual((await requests()).map((q) => q.method), ["GET", "DELETE"], "no request after the cancel");
  });

  test("usable at 375 px: the progress fits, and the panel does not overflow", async () => {
    const page = await openPage({ width: 375, height: 900 });
    await start(page, "rate-limited");
    await progressMatching(page, /trying again in [1-3] s, attempt 2 of 3/);
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the viewport`);
    await page.screenshot({ path: screenshotPath("scenario-rate-limited-375.png"), fullPage: true });
    await page.click("#cancel");
    await resultOf(page);
  });

  test("a resume that takes long: the row shows RESUMING at each check; Stop waiting says what is known", async () => {
    const page = await resumeReady();
    await page.check("#scenario-long-resume");
    await page.click(`#cluster-rows button[data-action="resume"][data-id="${ID}"]`);
    await page.waitForFunction(() => document.getElementById("wait-polls").textContent === "2");
    assert.equal(await page.textContent("#wait-status"), "RESUMING");
    assert.equal(await page.getAttribute(`#cluster-rows tr[data-id="${ID}"]`, "data-status"), "RESUMING");
    assert.equal(await page.isChecked("#scenario-none"), true, "a scenario applies to one call");
    await page.click("#stop-wait");
    const w = await waitOutcome(page);
    assert.equal(w.state, "stopped");
    assert.match(w.outcome, /^You stopped waiting at \d\d:\d\d:\d\d; prod-search was last seen RESUMING\. Whether it is running is unknown\.$/);
    await page.screenshot({ path: screenshotPath("scenario-long-resume.png"), fullPage: true });
  });

  test("dropped while you wait for it to resume: the wait ends at once, and says it will not run", async () => {
    const page = await resumeReady();
    await page.check("#scenario-dropped-while-resuming");
    await page.click(`#cluster-rows button[data-action="resume"][data-id="${ID}"]`);
    const w = await waitOutcome(page);
    assert.equal(w.state, "never");
    assert.match(w.outcome, /^prod-search is being dropped \(seen at \d\d:\d\d:\d\d\): it will not be running\.$/);
    const log = (await requests()).map((q) => `${q.method} ${q.path.split("/").pop()}`);
    assert.equal(log[0], "POST resume");
    assert.ok(log.slice(1).every((l) => l === `GET ${ID}`), log.join("; "));
    const describes = log.length - 1;
    await page.waitForTimeout(2500);
    assert.equal((await requests()).filter((q) => q.method === "GET").length, describes, "no check after the end");
    await page.waitForSelector(`#cluster-rows tr[data-id="${ID}"][data-status="DELETING"]`);
    await page.screenshot({ path: screenshotPath("scenario-dropped-while-resuming.png"), fullPage: true });
  });
});
