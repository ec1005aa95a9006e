// The demo console (www/) in headless Chromium, served by the mock with --www www --pkg pkg,
// so that the page, the package and the API share one origin, as with `make demo`.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import {
  API_KEY, FLEET, ROOT, confirmAndDrop, connect, demoSuite, listedRows, lookUp, openDrop, part, resultOf, screenshotPath, waitOutcome,
} from "./helpers.mjs";

const PROD = "in01-6183d6bac30f801"; // prod-search, Standard
const FREE = "in03-aaaaaaaaaaaaaaa"; // free-sandbox, a Free cluster described as Serverless
const UNKNOWN = "in09-000000000000000";

const demo = demoSuite({ seed: FLEET });
const openPage = demo.openPage;
const activeId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset?.action || document.activeElement?.tagName);
const www = (file) => readFileSync(join(ROOT, "www", file), "utf8");
const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

/** What the open dialog shows. */
const dialog = (page) => page.evaluate(() => ({
  title: document.getElementById("dialog-title").textContent,
  details: document.getElementById("dialog-details").textContent.replace(/\s+/g, " ").trim(),
  warning: document.getElementById("dialog-warning").textContent,
  kept: document.getElementById("dialog-warning").dataset.kept,
  suspend: !document.getElementById("dialog-suspend").hidden,
  dropDisabled: document.getElementById("dialog-drop").disabled,
  focused: document.activeElement?.id,
}));

describe("demo console: structure", () => {
  test("small ES modules by what each does; the package by name, with no init(); no markup from strings", () => {
    const files = readdirSync(join(ROOT, "www")).filter((f) => f.endsWith(".js")).sort();
    assert.deepEqual(files, ["app.js", "clusters.js", "console.js", "copy.js", "dom.js", "drop-dialog.js", "fields.js", "progress.js", "result.js", "scenarios.js", "wait.js"]);
    assert.match(www("index.html"), /"zilliz-cloud-wasm"\s*:\s*"\/pkg\/browser\.js"/);
    assert.match(code(www("console.js")), /import \{[^}]*ZillizCloud[^}]*\} from "zilliz-cloud-wasm";/);
    const app = code(www("app.js"));
    assert.ok(app.split("\n").filter((l) => l.trim()).length <= 25, "app.js only wires");
    assert.match(app, /await import\("\.\/scenarios\.js"\)/, "the mock's panel is loaded only when the mock serves the page");
    assert.doesNotMatch(app, /^import .*scenarios\.js/m);
    for (const file of files) {
      const js = code(www(file));
      assert.ok(!/\binit(Sync)?\s*\(/.test(js), `${file}: no init()`);
      assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML/.test(js), `${file}: text only through textContent`);
      // The core's input rules are the package's: the page neither repeats them nor reads messages to route errors.
      assert.ok(!/A-Za-z0-9_-|\[\\w-\]|128/.test(js), `${file}: no cluster-ID rule of its own`);
      assert.ok(!/message\.startsWith\(`\$\{name\}|find\([^)]*message/.test(js), `${file}: errors routed by err.option, not by text`);
    }
    assert.match(code(www("fields.js")), /FIELDS\[err\.option\]/);
  });
});

describe("demo console: the list", () => {
  test("lists the key's clusters: name, plan, status, region, created, with a Drop action each", async () => {
    const page = await openPage();
    assert.equal(await page.isChecked('input[name="endpoint"][value="custom"]'), true);
    assert.equal(await page.inputValue("#base-url"), demo.mock.origin);
    assert.equal(await page.getAttribute("#clusters-state", "data-state"), "idle");
    assert.equal(await connect(page), "ready");
    const rows = await listedRows(page);
    assert.deepEqual(rows.map((r) => r.id).sort(), [...FLEET].sort());
    const prod = rows.find((r) => r.id === PROD);
    for (const words of ["prod-search", PROD, "Standard", "RUNNING", "aws-us-west-2", "2026-09-14"]) assert.ok(prod.text.includes(words), `${words} in ${prod.text}`);
    assert.ok(rows.find((r) => r.id === FREE).text.includes("no recycle bin"));
    assert.ok(!prod.text.includes("no recycle bin"));
    assert.ok(rows.every((r) => r.actions.includes("drop")));
    assert.match(await page.textContent("#clusters-state"), /^4 clusters\.$/);
    assert.deepEqual((await demo.mock.requests()).map((r) => [r.method, r.path, r.query]), [["GET", "/v2/clusters", "pageSize=100"]]);
    await page.screenshot({ path: screenshotPath("console-list.png"), fullPage: true });
    await part(page, "readme-list.png", "#clusters", "#lookup-form");
    assert.deepEqual(page.consoleLines, []);
  });

  test("loading, empty, a refused key and an unreachable endpoint are each shown as such", async () => {
    const page = await openPage();
    await demo.mock.fault({ delayMs: 1500 });
    await page.fill("#api-key", API_KEY);
    await page.click("#connect");
    await page.waitForSelector('#clusters-state[data-state="loading"]');
    assert.equal(await page.textContent("#clusters-state"), "Loading the clusters…");
    assert.equal(await page.getAttribute("#clusters", "aria-busy"), "true");
    await page.waitForSelector('#clusters-state[data-state="ready"]');

    await demo.mock.clear();
    assert.equal(await connect(page), "empty");
    assert.equal(await page.textContent("#clusters-state"), "This key's project has no clusters.");
    assert.equal(await page.isVisible("#cluster-table"), false);

    assert.equal(await connect(page, "sk-zcw-wrong-key-0000"), "error");
    assert.match(await page.textContent("#clusters-state"), /^The API key was refused\. Fix the API key/);
    assert.equal((await resultOf(page)).kind, "auth");

    await page.fill("#base-url", "http://127.0.0.1:9");
    assert.equal(await connect(page), "error");
    assert.match(await page.textContent("#clusters-state"), /^The endpoint could not be reached\./);
    assert.equal((await resultOf(page)).kind, "network");
  });

  test("a cluster that is DELETING or DELETED cannot be dropped again from the page", async () => {
    await demo.mock.put([
      { clusterId: "in01-deleting00000001", clusterName: "going-away", status: "DELETING" },
      { clusterId: "in01-suspended0000001", clusterName: "sleeping", status: "SUSPENDED" },
    ]);
    const page = await openPage();
    await connect(page);
    const rows = await listedRows(page);
    const going = rows.find((r) => r.id === "in01-deleting00000001");
    assert.deepEqual(going.actions, []);
    assert.match(going.text, /Being dropped/);
    assert.deepEqual(rows.find((r) => r.id === "in01-suspended0000001").actions, ["resume", "drop"], "a suspended cluster offers Resume");
    // Looked up by ID instead, it opens with Drop unavailable.
    await lookUp(page, "in01-deleting00000001");
    await page.waitForSelector("#drop-dialog[open]");
    const d = await dialog(page);
    assert.match(d.warning, /already DELETING: it cannot be dropped again/);
    assert.equal(d.dropDisabled, true);
    assert.equal(await page.isVisible("#confirm-name"), false);
    assert.equal(d.focused, "dialog-cancel");
  });
});

describe("demo console: the confirmation", () => {
  test("shows the cluster and enables Drop only when its name is typed exactly; offers Suspend for a running Dedicated cluster", async () => {
    const page = await openPage();
    await connect(page);
    await openDrop(page, PROD);
    const d = await dialog(page);
    assert.equal(d.title, "Drop prod-search?");
    for (const words of ["prod-search", PROD, "Standard", "RUNNING", "aws-us-west-2"]) assert.ok(d.details.includes(words), `${words} in ${d.details}`);
    assert.equal(d.kept, "true");
    assert.match(d.warning, /recycle bin, where it can be restored for 30 days/);
    assert.equal(d.suspend, true);
    assert.equal(d.focused, "confirm-name", "focus starts in the name field");
    for (const attempt of ["", "prod", "PROD-SEARCH", "prod-search ", " prod-search", PROD]) {
      await page.fill("#confirm-name", attempt);
      assert.equal(await page.isDisabled("#dialog-drop"), true, `name ${JSON.stringify(attempt)}`);
    }
    assert.match(await page.textContent("#confirm-state"), /does not match/);
    await page.fill("#confirm-name", "prod-search");
    assert.equal(await page.isEnabled("#dialog-drop"), true);
    assert.match(await page.textContent("#confirm-state"), /matches/);
    await page.click("#dialog-cancel");
    assert.equal(await page.isVisible("#drop-dialog"), false);
    assert.equal(await activeId(page), "drop", "focus returns to the row's Drop");
    // Closed, then opened again at once (a fast Escape, then Enter): the first close's late
    // "close" event must not close the second dialog.
    await openDrop(page, PROD);
    await page.evaluate((id) => {
      document.getElementById("drop-dialog").close();
      document.querySelector(`#cluster-rows button[data-action="drop"][data-id="${id}"]`).click();
    }, PROD);
    await page.waitForTimeout(300);
    assert.equal(await page.isVisible("#drop-dialog"), true, "the second dialog stays open");
    assert.equal(await activeId(page), "confirm-name");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#drop-dialog", { state: "hidden" });
    assert.deepEqual((await demo.mock.requests()).filter((r) => r.method !== "GET"), [], "nothing but the list was sent");
  });

  test("a cluster the recycle bin will not keep is said plainly to be gone for good (Free, Serverless, an unknown plan)", async () => {
    await demo.mock.put([
      { clusterId: "in03-freeplan0000001", clusterName: "free-plan", plan: "Free" },
      { clusterId: "in01-unknownplan0001", clusterName: "odd-plan", plan: "Ultra" },
    ]);
    const page = await openPage();
    await connect(page);
    for (const [id, plan] of [[FREE, "Serverless"], ["in02-fedcba987654321", "Serverless"], ["in03-freeplan0000001", "Free"], ["in01-unknownplan0001", "Ultra"]]) {
      await openDrop(page, id);
      const d = await dialog(page);
      assert.equal(d.kept, "false", id);
      assert.match(d.warning, new RegExp(`^This cluster cannot be restored: .*plan is ${plan}\\. Its data is gone for good\\.$`), id);
      assert.equal(d.suspend, false, `${id}: no Suspend for a cluster without a recycle bin`);
      if (id === FREE) {
        await page.fill("#confirm-name", "free-sandbox");
        await page.screenshot({ path: screenshotPath("console-confirm-free.png") });
        const box = await page.evaluate(() => document.getElementById("drop-dialog").getBoundingClientRect().toJSON());
        await page.screenshot({ path: screenshotPath("readme-confirm-free.png"), clip: { x: box.x - 24, y: box.y - 24, width: box.width + 48, height: box.height + 48 } });
      }
      await page.keyboard.press("Escape");
      await page.waitForSelector("#drop-dialog", { state: "hidden" });
    }
  });
});

describe("demo console: drop, guard and wait", () => {
  test("a drop is guarded by the confirmed name, then the page waits until the cluster is gone", async () => {
    await demo.mock.timing({ deletingMs: 2500 });
    const page = await openPage();
    await connect(page);
    await openDrop(page, PROD);
    await confirmAndDrop(page, "prod-search");
    const r = await resultOf(page);
    assert.equal(r.outcome, "success", JSON.stringify(r));
    assert.equal(r.title, "Cluster dropped");
    assert.equal(r.clusterId, PROD);
    // The wait: the status seen, the checks made and the next one's countdown, then the end.
    await page.waitForFunction(() => document.getElementById("wait-status").textContent === "DELETING");
    assert.match(await page.textContent("#wait-title"), /^Waiting until prod-search is gone$/);
    assert.match(await page.textContent("#wait-next"), /^(in [12] s|now)$/);
    assert.equal(await page.isVisible("#stop-wait"), true);
    await page.screenshot({ path: screenshotPath("console-wait.png"), fullPage: true });
    await part(page, "readme-wait.png", "#cluster-table", "#result");
    const w = await waitOutcome(page);
    assert.equal(w.state, "gone");
    assert.match(w.outcome, /^prod-search is gone: not found at \d\d:\d\d:\d\d, after \d+ checks?\.$/);
    assert.equal(await page.isVisible("#stop-wait"), false);
    const log = (await demo.mock.requests()).map((q) => `${q.method} ${q.path}`);
    assert.deepEqual(log.slice(0, 3), ["GET /v2/clusters", `GET /v2/clusters/${PROD}`, `DELETE /v2/clusters/${PROD}/drop`], "the describe guards the DELETE");
    assert.ok(log.slice(3).every((l) => l === `GET /v2/clusters/${PROD}` || l === "GET /v2/clusters"), log.join("; "));
    // The row followed the wait (DELETING), and says gone at the end, until the next refresh.
    const gone = await page.$eval(`#cluster-rows tr[data-id="${PROD}"]`, (tr) => ({ status: tr.dataset.status, actions: tr.querySelector(".row-actions").textContent }));
    assert.equal(gone.status, "GONE");
    assert.match(gone.actions, /^Gone at \d\d:\d\d:\d\d$/);
    assert.equal(await page.$eval("#wait", (w) => w.closest("tr")?.dataset.waitFor), PROD, "the wait shows under the cluster's row");
    await page.screenshot({ path: screenshotPath("console-gone.png"), fullPage: true });
    await page.click("#refresh");
    await page.waitForFunction((id) => !document.querySelector(`#cluster-rows tr[data-id="${id}"]`), PROD);
    assert.equal(await page.$eval("#wait", (w) => w.closest("tr")), null, "the wait goes back under the list");
  });

  test("a cluster renamed between the look-up and the drop is reported, and nothing is dropped", async () => {
    const page = await openPage();
    await connect(page);
    await openDrop(page, PROD);
    await page.fill("#confirm-name", "prod-search");
    await demo.mock.put([{ clusterId: PROD, clusterName: "prod-search-v2", plan: "Standard" }]);
    await page.click("#dialog-drop");
    const r = await resultOf(page);
    assert.equal(r.kind, "precondition", JSON.stringify(r));
    assert.equal(r.title, "Not dropped: the cluster has another name now");
    assert.match(r.message, /prod-search-v2/);
    assert.match(r.message, /prod-search/);
    assert.equal(await page.isVisible("#wait"), false, "no wait: nothing was dropped");
    assert.deepEqual((await demo.mock.requests()).filter((q) => q.method === "DELETE"), []);
    await page.waitForFunction(() => document.getElementById("cluster-rows").textContent.includes("prod-search-v2"));
    await page.screenshot({ path: screenshotPath("console-renamed.png"), fullPage: true });
    await part(page, "readme-renamed.png", "#cluster-table", "#result");
  });

  test("Stop waiting ends the wait with what was last seen, and an honest unknown", async () => {
    await demo.mock.timing({ deletingMs: 600_000 });
    const page = await openPage();
    await connect(page);
    await openDrop(page, PROD);
    await confirmAndDrop(page, "prod-search");
    await page.waitForFunction(() => document.getElementById("wait-status").textContent === "DELETING");
    await page.click("#stop-wait");
    const w = await waitOutcome(page);
    assert.equal(w.state, "stopped");
    assert.match(w.outcome, /^You stopped waiting at \d\d:\d\d:\d\d; prod-search was last seen DELETING\. Whether it is gone is unknown\.$/);
    const count = (await demo.mock.requests()).length;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.ok((await demo.mock.requests()).length <= count + 1, "no more checks after Stop (one list refresh at most)");
  });

  test("Cancel, or Escape, aborts a slow drop through its signal", async () => {
    const page = await openPage();
    await connect(page);
    for (const how of ["click", "Escape"]) {
      // A late 503, not a late drop: the aborted request must not drop the cluster under a later test.
      await demo.mock.fault([{ delayMs: 0 }, { delayMs: 5000, status: 503, json: { code: 503, message: "late" } }]);
      const started = Date.now();
      await openDrop(page, PROD);
      await confirmAndDrop(page, "prod-search");
      await page.waitForSelector("#progress:not([hidden])");
      assert.match(await page.textContent("#progress-text"), /^Dropping prod-search \(in01-6183d6bac30f801\) at 127\.0\.0\.1:\d+…/);
      await page.waitForTimeout(400);
      if (how === "click") await page.click("#cancel");
      else await page.keyboard.press("Escape");
      const r = await resultOf(page);
      assert.ok(Date.now() - started < 4500, "did not wait for the slow answer");
      assert.equal(r.kind, "aborted", how);
      assert.equal(r.title, "Cancelled");
      // The list is refreshed after the call; then the page is idle again.
      await page.waitForFunction(() => !document.querySelector("#cluster-rows button:disabled") && document.getElementById("progress").hidden);
    }
  });
});

describe("demo console: look-up, suspend and resume, input errors", () => {
  test("a cluster typed by ID is described, then confirmed like a listed one; unknown IDs and bad IDs say why", async () => {
    const page = await openPage();
    await page.fill("#api-key", API_KEY);
    await lookUp(page, FREE);
    await page.waitForSelector("#drop-dialog[open]");
    assert.equal((await dialog(page)).title, "Drop free-sandbox?");
    await page.click("#dialog-cancel");
    assert.equal(await activeId(page), "cluster-id");

    await lookUp(page, UNKNOWN);
    const r = await resultOf(page);
    assert.deepEqual([r.kind, r.code, r.title], ["not_found", "96018", "No cluster has this ID"]);

    const sent = (await demo.mock.requests()).length;
    for (const bad of ["in01 6183d6bac30f801", "../in01-6183d6bac30f801", "x".repeat(129), ""]) {
      await lookUp(page, bad);
      await page.waitForSelector("#cluster-id-error:not([hidden])");
      assert.match(await page.textContent("#cluster-id-error"), /^The cluster ID /);
      assert.equal(await page.getAttribute("#cluster-id", "aria-invalid"), "true");
      assert.equal(await activeId(page), "cluster-id");
      await page.fill("#cluster-id", "");
      await page.type("#cluster-id", "a");
      assert.equal(await page.isVisible("#cluster-id-error"), false, "an edit clears the error");
    }
    assert.equal((await demo.mock.requests()).length, sent, "no request for a bad ID");
  });

  test("the package's invalid_input errors reach the field their option names", async () => {
    const page = await openPage();
    for (const [key, pattern] of [["", /^The API key is empty\.$/], ["sk-abc", /^The API key is shorter than 8 characters\.$/], [`${API_KEY} `, /^The API key has leading or trailing spaces\.$/]]) {
      await page.fill("#api-key", key);
      await page.click("#connect");
      await page.waitForSelector("#api-key-error:not([hidden])");
      assert.match(await page.textContent("#api-key-error"), pattern);
      assert.equal(await activeId(page), "api-key");
    }
    await page.fill("#api-key", API_KEY);
    await page.fill("#base-url", "ftp://127.0.0.1/");
    await page.click("#connect");
    await page.waitForSelector("#base-url-error:not([hidden])");
    assert.match(await page.textContent("#base-url-error"), /^The base URL must be an absolute http\(s\) URL/);
    assert.equal(await activeId(page), "base-url");
    assert.equal(await page.isVisible("#result"), false);
    assert.deepEqual(await demo.mock.log(), [], "no request, not even a preflight");
  });

  test("Suspend from the dialog keeps the cluster (by keyboard); Resume from its row brings it back; each is waited for in its row", async () => {
    await demo.mock.timing({ transitionMs: 1500 });
    const page = await openPage();
    await connect(page);
    await page.focus(`#cluster-rows button[data-action="drop"][data-id="${PROD}"]`);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#drop-dialog[open]");
    // Suspend comes before the name field: one Shift+Tab from where focus starts.
    await page.keyboard.press("Shift+Tab");
    assert.equal(await activeId(page), "dialog-suspend-button");
    await page.keyboard.press("Enter");
    let r = await resultOf(page);
    assert.deepEqual([r.outcome, r.title], ["success", "Suspending prod-search"], JSON.stringify(r));
    // The wait, in the row: the status it sees, then its end in words; the row's status follows.
    await page.waitForFunction(() => document.getElementById("wait-status").textContent === "SUSPENDING");
    assert.equal(await page.textContent("#wait-title"), "Waiting until prod-search is suspended");
    assert.equal(await page.getAttribute(`#cluster-rows tr[data-id="${PROD}"]`, "data-status"), "SUSPENDING");
    assert.equal(await page.$eval("#wait", (w) => w.closest("tr")?.dataset.waitFor), PROD);
    let w = await waitOutcome(page);
    assert.equal(w.state, "reached");
    assert.match(w.outcome, /^prod-search is suspended at \d\d:\d\d:\d\d \(SUSPENDED, after [23] checks\)\.$/);
    await page.waitForSelector(`#cluster-rows tr[data-id="${PROD}"][data-status="SUSPENDED"]`);
    await page.click(`#cluster-rows button[data-action="resume"][data-id="${PROD}"]`);
    await page.waitForFunction(() => document.getElementById("result-title").textContent === "Resuming prod-search");
    r = await resultOf(page);
    await page.waitForFunction(() => document.getElementById("wait").dataset.goal === "running" && document.getElementById("wait").dataset.state !== "waiting");
    w = await waitOutcome(page);
    assert.match(w.outcome, /^prod-search is running at \d\d:\d\d:\d\d \(RUNNING, after [23] checks\)\.$/);
    await page.waitForSelector(`#cluster-rows tr[data-id="${PROD}"][data-status="RUNNING"]`);
    assert.equal(r.outcome, "success");
    const log = (await demo.mock.requests()).filter((q) => q.method === "POST").map((q) => q.path);
    assert.deepEqual(log, [`/v2/clusters/${PROD}/suspend`, `/v2/clusters/${PROD}/resume`]);
    assert.deepEqual((await demo.mock.requests()).filter((q) => q.method === "DELETE"), []);
  });
});

describe("demo console: protected names, and waits after suspend and resume", () => {
  const PREVIEW = "in02-fedcba987654321"; // preview-pr-412, Serverless
  const rowOf = (page, id) => page.$eval(`#cluster-rows tr[data-id="${id}"]`, (tr) => ({
    status: tr.dataset.status,
    protectedBy: tr.dataset.protected ?? null,
    actions: [...tr.querySelectorAll("button")].map((b) => b.dataset.action),
    lock: tr.querySelector(".lock")?.textContent ?? null,
    lockName: tr.querySelector(".lock")?.getAttribute("aria-label") ?? null,
  }));

  test("the field's default prod-* protects prod-search: a lock and the pattern instead of Drop; Suspend and Resume stay", async () => {
    const page = await openPage();
    assert.equal(await page.inputValue("#protect"), "prod-*", "the default");
    await connect(page, API_KEY, { protect: "prod-*, in02-*" });
    assert.deepEqual(await rowOf(page, PROD), { status: "RUNNING", protectedBy: "prod-*", actions: ["suspend"], lock: "Protected (prod-*)", lockName: "prod-search is protected by prod-*" });
    assert.deepEqual(await rowOf(page, PREVIEW), { status: "RUNNING", protectedBy: "in02-*", actions: [], lock: "Protected (in02-*)", lockName: "preview-pr-412 is protected by in02-*" }, "a Serverless cluster cannot be suspended");
    assert.deepEqual((await rowOf(page, FREE)).actions, ["drop"], "unprotected rows keep Drop");
    // The key's list was made by a client with these patterns: no request tells them apart.
    assert.deepEqual((await demo.mock.requests()).map((q) => q.path), ["/v2/clusters"]);
    await demo.mock.put([{ clusterId: PROD, clusterName: "prod-search", plan: "Standard", status: "SUSPENDED" }]);
    await page.click("#refresh");
    await page.waitForSelector(`#cluster-rows tr[data-id="${PROD}"][data-status="SUSPENDED"]`);
    assert.deepEqual((await rowOf(page, PROD)).actions, ["resume"], "Resume stays for a suspended protected cluster");
    await page.screenshot({ path: screenshotPath("console-protected.png"), fullPage: true });
    await part(page, "readme-protected.png", "#field-protect", "#cluster-table");
  });

  test("a protected cluster looked up by ID cannot be dropped from the dialog; a bad pattern is shown at its field", async () => {
    const page = await openPage();
    await page.fill("#api-key", API_KEY);
    await lookUp(page, PROD);
    await page.waitForSelector("#drop-dialog[open]");
    const d = await dialog(page);
    assert.equal(d.warning, "This cluster is protected by the pattern prod-* (Protected names): it cannot be dropped from this page.");
    assert.equal(await page.isVisible("#confirm-name"), false, "no name to type");
    assert.equal(d.dropDisabled, true);
    assert.equal(d.suspend, true, "Suspend is still offered");
    assert.equal(d.focused, "dialog-cancel");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#drop-dialog", { state: "hidden" });
    await page.fill("#protect", `prod-*, ${"x".repeat(257)}`);
    await page.click("#connect");
    await page.waitForSelector("#protect-error:not([hidden])");
    assert.equal(await page.textContent("#protect-error"), "Protected names: pattern 2 is longer than 256 characters.");
    assert.equal(await activeId(page), "protect");
    assert.deepEqual((await demo.mock.requests()).filter((q) => q.method !== "GET"), [], "nothing but the look-up's describe");
  });

  test("Suspend from a protected row, by keyboard: the row follows the wait and says where the cluster is; at 375 px too", async () => {
    for (const width of [1280, 375]) {
      await demo.mock.reset();
      await demo.mock.seed(FLEET);
      await demo.mock.timing({ transitionMs: 1500 });
      const page = await openPage({ width, height: 900 });
      await connect(page, API_KEY, { protect: "prod-*" });
      await page.focus("#refresh");
      let label = "";
      for (let i = 0; i < 6 && label !== "Suspend prod-search"; i++) {
        await page.keyboard.press("Tab");
        label = await page.evaluate(() => document.activeElement.getAttribute("aria-label") ?? "");
      }
      assert.equal(label, "Suspend prod-search", `${width}: reached by Tab`);
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.getElementById("wait-status").textContent === "SUSPENDING");
      assert.equal(await page.$eval("#wait", (w) => w.closest("tr")?.dataset.waitFor), PROD, `${width}: the wait is in the row`);
      assert.equal((await rowOf(page, PROD)).status, "SUSPENDING");
      if (width === 1280) {
        // A long status never squeezes the table so that IDs and dates wrap mid-token.
        const wrapped = await page.$$eval("#cluster-rows tr[data-id] :is(code, .badge, td[data-label=Created])",
          (els) => els.filter((e) => {
            const range = document.createRange();
            range.selectNodeContents(e);
            // One line box per line of text: more than one top means it wrapped.
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
          }).map((e) => e.textContent));
        assert.deepEqual(wrapped, [], "IDs, statuses and dates on one line each");
      }
      assert.match(await page.textContent("#wait-next"), /^(in [12] s|now)$/);
      assert.equal(await page.isVisible("#stop-wait"), true);
      assert.equal(await page.isEnabled("#stop-wait"), true);
      await page.screenshot({ path: screenshotPath(`console-suspend-wait-${width}.png`), fullPage: true });
      const w = await waitOutcome(page);
      assert.equal(w.state, "reached");
      assert.match(w.outcome, /^prod-search is suspended at \d\d:\d\d:\d\d \(SUSPENDED, after [23] checks\)\.$/);
      await page.waitForSelector(`#cluster-rows tr[data-id="${PROD}"][data-status="SUSPENDED"]`);
      assert.deepEqual((await rowOf(page, PROD)).actions, ["resume"]);
      assert.equal(await activeId(page), "wait-title", `${width}: focus ends on what became of the cluster`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `${width}: no horizontal scrolling`);
      await page.screenshot({ path: screenshotPath(`console-suspended-${width}.png`), fullPage: true });
      assert.deepEqual((await demo.mock.requests()).filter((q) => q.method !== "GET").map((q) => q.path), [`/v2/clusters/${PROD}/suspend`]);
    }
  });

  test("the page says what happened in its own words, and quotes the server's prompt only as the server's", async () => {
    const page = await openPage();
    await connect(page);
    await openDrop(page, FREE);
    await confirmAndDrop(page, "free-sandbox");
    let r = await resultOf(page);
    const summary = () => page.textContent("#result-summary");
    assert.match(await summary(), /^The drop of free-sandbox was accepted\. This cluster cannot be restored: .* Its data is gone for good\.$/);
    assert.doesNotMatch(await summary(), /recycle bin within 30 days/, "not the server's words about the recycle bin");
    assert.match(r.prompt, /^Successfully Submitted\./, "the server's prompt, as the server's");
    assert.equal(await page.textContent("#result-prompt >> xpath=preceding-sibling::dt[1]"), "The control plane said");
    await waitOutcome(page);
    await openDrop(page, PROD);
    await page.click("#dialog-suspend-button");
    r = await resultOf(page);
    assert.equal(await summary(), "The suspend of prod-search was submitted: it keeps its data, and its compute bill stops once it is SUSPENDED.");
    assert.equal(r.prompt, "Successfully Submitted. The cluster will not incur any computing costs when suspended. You will only be billed for the storage costs during this time.");
    await waitOutcome(page);
    await openDrop(page, "in01-0123456789abcde");
    assert.equal((await dialog(page)).warning, "An Enterprise cluster goes to the recycle bin, where it can be restored for 30 days.");
  });

  test("a drop's wait: the row shows DELETING as the checks see it, then gone", async () => {
    await demo.mock.timing({ deletingMs: 1500 });
    const page = await openPage();
    await connect(page);
    await openDrop(page, FREE);
    await confirmAndDrop(page, "free-sandbox");
    await page.waitForFunction((id) => document.querySelector(`#cluster-rows tr[data-id="${id}"]`)?.dataset.status === "DELETING", FREE);
    assert.equal((await waitOutcome(page)).state, "gone");
    assert.equal((await rowOf(page, FREE)).status, "GONE");
  });
});

describe("demo console: keyboard, screen readers, phones, the key", () => {
  test("keyboard only: connect, reach a row's Drop, type the name, drop; the dialog keeps focus and Escape closes it", async () => {
    const page = await openPage();
    await page.focus("#api-key");
    await page.keyboard.type(API_KEY);
    const order = [];
    const focused = () => page.evaluate(() => (document.activeElement.type === "radio" ? `radio:${document.activeElement.value}` : document.activeElement.id));
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      order.push(await focused());
    }
    assert.deepEqual(order, ["radio:custom", "base-url", "protect"]);
    // Protected names is emptied by keyboard too (its prod-* would protect prod-search).
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.press("Tab");
    assert.equal(await focused(), "connect");
    await page.keyboard.press("Enter");
    await page.waitForSelector('#clusters-state[data-state="ready"]');
    await page.waitForFunction(() => document.activeElement?.id === "connect");
    // Tab on, past Refresh, to free-sandbox's Drop… (the rows come in the list's order).
    let label = "";
    for (let i = 0; i < 6 && !label.startsWith("Drop free-sandbox"); i++) {
      await page.keyboard.press("Tab");
      label = await page.evaluate(() => document.activeElement.getAttribute("aria-label") ?? "");
    }
    assert.equal(label, "Drop free-sandbox…");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none", "focus is visible");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#drop-dialog[open]");
    assert.equal(await activeId(page), "confirm-name");
    // Drop is disabled: Tab goes to Cancel, then wraps to the name field, both ways.
    await page.keyboard.press("Tab");
    assert.equal(await activeId(page), "dialog-cancel");
    await page.keyboard.press("Tab");
    assert.equal(await activeId(page), "confirm-name", "Tab wraps inside the dialog");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await activeId(page), "dialog-cancel", "Shift+Tab wraps too");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#drop-dialog", { state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Drop free-sandbox…", "focus returns to the row");
    // Again, to the end: the name, then Tab to Drop and Enter.
    await page.keyboard.press("Enter");
    await page.waitForSelector("#drop-dialog[open]");
    await page.keyboard.type("free-sandbox");
    await page.keyboard.press("Tab");
    assert.equal(await activeId(page), "dialog-drop");
    await page.keyboard.press("Enter");
    assert.equal((await resultOf(page)).outcome, "success");
    assert.equal((await waitOutcome(page)).state, "gone");
    assert.equal(await activeId(page), "wait-title", "focus ends on what became of the cluster");
  });

  test("the live region announces each step and result once", async () => {
    const page = await openPage();
    await page.evaluate(() => {
      window.__spoken = [];
      new MutationObserver((records) => {
        for (const r of records) for (const node of r.addedNodes) window.__spoken.push(node.textContent);
      }).observe(document.getElementById("status"), { childList: true });
    });
    await connect(page);
    await openDrop(page, FREE);
    await confirmAndDrop(page, "free-sandbox");
    await waitOutcome(page);
    await page.waitForFunction(() => !document.querySelector("#cluster-rows button:disabled") && document.getElementById("progress").hidden);
    const spoken = await page.evaluate(() => window.__spoken);
    const expected = [
      /^Listing the clusters at 127\.0\.0\.1:\d+…$/, /^4 clusters listed\.$/, /^Dropping free-sandbox \(in03-a+\) at 127\.0\.0\.1:\d+…$/,
      /^Dropped free-sandbox\.$/, /^Checking whether free-sandbox is gone\.$/, /^free-sandbox is gone: not found at \d\d:\d\d:\d\d, after 1 check\.$/,
    ];
    assert.equal(spoken.length, expected.length, spoken.join(" | "));
    spoken.forEach((text, i) => assert.match(text, expected[i]));
  });

  test("phone width (375 px): the list, the dialog and the wait fit with no horizontal scrolling", async () => {
    await demo.mock.timing({ deletingMs: 1500 });
    const page = await openPage({ width: 375, height: 812 });
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await connect(page);
    assert.equal(await fits(), true);
    await page.screenshot({ path: screenshotPath("console-375-list.png"), fullPage: true });
    await openDrop(page, FREE);
    const nameLines = await page.$eval("#dialog-name", (e) => e.getClientRects().length);
    assert.equal(nameLines, 1, "the name to type does not wrap at its hyphen");
    const box = await page.evaluate(() => document.getElementById("drop-dialog").getBoundingClientRect().toJSON());
    assert.ok(box.left >= 0 && box.right <= 375, `the dialog fits: ${JSON.stringify(box)}`);
    await page.screenshot({ path: screenshotPath("console-375-dialog.png") });
    await confirmAndDrop(page, "free-sandbox");
    await waitOutcome(page);
    assert.equal(await fits(), true);
    await page.screenshot({ path: screenshotPath("console-375-wait.png"), fullPage: true });
    const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector("#result-advice")).fontSize));
    assert.ok(fontSize >= 14);
  });

  test("the API key is never stored, logged, put in the URL or in the page", async () => {
    const page = await openPage();
    await connect(page);
    await openDrop(page, FREE);
    await confirmAndDrop(page, "free-sandbox");
    await waitOutcome(page);
    await connect(page, `${API_KEY}-wrong`);
    const state = await page.evaluate(() => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
      url: location.href,
      html: document.documentElement.outerHTML,
    }));
    assert.equal(state.local, 0);
    assert.equal(state.session, 0);
    assert.equal(state.cookie, "");
    assert.ok(!state.url.includes(API_KEY));
    assert.ok(!state.html.includes(API_KEY), "the key is not in the DOM");
    assert.ok(!page.consoleLines.join("\n").includes(API_KEY), "the key is not in the console");
    assert.equal(await page.getAttribute("#api-key", "type"), "password");
  });
});
