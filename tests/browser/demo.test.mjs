// The demo page (www/) in headless Chromium, served by the mock with --www www --pkg pkg,
// so that the page, the package and the API share one origin, as with `make demo`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { API_KEY, ROOT, SEEDED, demoSuite, screenshotPath } from "./helpers.mjs";

const ID = SEEDED[0];
const UNKNOWN = "in09-000000000000000";

const demo = demoSuite();

const openPage = demo.openPage;

async function fill(page, { key = API_KEY, id = ID, confirm = id } = {}) {
  await page.fill("#api-key", key);
  await page.fill("#cluster-id", id);
  await page.fill("#confirm-id", confirm);
}

async function result(page) {
  await page.waitForSelector("#result[data-outcome]", { timeout: 15_000 });
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
      maybeDropped: text("result-maybe-dropped"),
      focused: document.activeElement?.id ?? null,
    };
  });
}

const activeId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

describe("demo page", () => {
  test("loads the package by name through the import map, and defaults the endpoint to the mock", async () => {
    const html = readFileSync(join(ROOT, "www/index.html"), "utf8");
    const app = readFileSync(join(ROOT, "www/app.js"), "utf8");
    assert.match(html, /"zilliz-cloud-wasm"\s*:\s*"\/pkg\/browser\.js"/);
    const code = app.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    assert.ok(/import \{[^}]*ZillizCloud[^}]*\} from "zilliz-cloud-wasm";/.test(code), "imports the package by name");
    assert.ok(!/\binit(Sync)?\s*\(/.test(code), "no init() call in the page");

    const page = await openPage();
    assert.equal(await page.isChecked('input[name="endpoint"][value="custom"]'), true);
    assert.equal(await page.inputValue("#base-url"), demo.mock.origin);
    assert.equal(await page.isVisible("#mock-note"), true);
    assert.equal(await page.isVisible("#load-state"), false);
    assert.equal(await page.isDisabled("#drop"), true);
    assert.match(await page.textContent("#confirm-text"), /recycle bin[\s\S]*30 days/);
    assert.deepEqual(page.consoleLines, []);
  });

  test("fill, confirm, drop: shows the prompt and the cluster ID", async () => {
    const page = await openPage();
    await fill(page);
    await page.click("#drop");
    const r = await result(page);
    assert.equal(r.outcome, "success");
    assert.equal(r.title, "Cluster dropped");
    assert.equal(r.clusterId, ID);
    assert.match(r.prompt, /recycle bin within 30 days/);
    assert.equal(r.focused, "result-title", "focus moves to the result");
    assert.match(await page.textContent("#status"), /Dropped in01-6183d6bac30f801/);
    // A second drop needs a second confirmation.
    assert.equal(await page.inputValue("#confirm-id"), "");
    assert.equal(await page.isDisabled("#drop"), true);
    await page.screenshot({ path: screenshotPath("demo-success.png"), fullPage: true });

    const reqs = await demo.mock.requests();
    assert.equal(reqs.length, 1);
    assert.equal(reqs[0].method, "DELETE");
    assert.equal(reqs[0].path, `/v2/clusters/${ID}/drop`);
    assert.equal(reqs[0].auth, "matched");
    assert.equal(reqs[0].origin, demo.mock.origin);
  });

  test("the Drop button stays disabled until the confirmation matches exactly", async () => {
    const page = await openPage();
    await page.fill("#api-key", API_KEY);
    await page.fill("#cluster-id", ID);
    assert.equal(await page.isDisabled("#drop"), true, "no confirmation");
    for (const attempt of ["in01", ID.toUpperCase(), `${ID} `, `${ID}x`]) {
      await page.fill("#confirm-id", attempt);
      assert.equal(await page.isDisabled("#drop"), true, `confirmation ${JSON.stringify(attempt)}`);
    }
    assert.match(await page.textContent("#confirm-state"), /do not match/);
    await page.fill("#confirm-id", ID);
    assert.equal(await page.isEnabled("#drop"), true);
    assert.match(await page.textContent("#confirm-state"), /match/);
    // Changing the ID afterwards disables it again.
    await page.fill("#cluster-id", SEEDED[1]);
    assert.equal(await page.isDisabled("#drop"), true);
    // Enter in a field does not submit while disabled.
    await page.press("#confirm-id", "Enter");
    await page.waitForTimeout(300);
    assert.equal(await page.isVisible("#result"), false);
    assert.deepEqual(await demo.mock.log(), []);
  });

  test("a wrong key shows the auth error with its code, status and request ID", async () => {
    const page = await openPage();
    await fill(page, { key: "sk-wrong-key-0000" });
    await page.click("#drop");
    const r = await result(page);
    assert.equal(r.outcome, "error");
    assert.equal(r.kind, "auth");
    assert.equal(r.code, "80001");
    assert.equal(r.status, "401");
    assert.equal(r.title, "The API key was refused");
    assert.match(r.advice, /Fix the API key/);
    assert.match(r.message, /Invalid token/);
    assert.match(r.requestId, /^mock-/);
    assert.ok(!JSON.stringify(r).includes("sk-wrong-key-0000"));
    await page.screenshot({ path: screenshotPath("demo-error-auth.png"), fullPage: true });
    const reqs = await demo.mock.requests();
    assert.equal(reqs.length, 1);
    assert.equal(reqs[0].auth, "mismatched");
  });

  test("an unknown cluster shows not_found in plain words", async () => {
    const page = await openPage();
    await fill(page, { id: UNKNOWN });
    await page.click("#drop");
    const r = await result(page);
    assert.equal(r.kind, "not_found");
    assert.equal(r.code, "96018");
    assert.equal(r.status, "200");
    assert.equal(r.title, "No cluster has this ID");
    assert.match(r.advice, /Check the cluster ID/);
    assert.equal(r.maybeDropped, null);
  });

  test("maybeDropped is explained when an earlier attempt of the call may have dropped the cluster", async () => {
    await demo.mock.fault({ status: 503, json: { code: 503, message: "upstream unavailable" }, headers: { "retry-after-ms": "10" }, count: 1 });
    const page = await openPage();
    await fill(page, { id: UNKNOWN });
    await page.click("#drop");
    const r = await result(page);
    assert.equal(r.kind, "not_found");
    assert.match(r.maybeDropped, /^Probably dropped already\. .*recycle bin/);
    assert.equal((await demo.mock.requests()).length, 2);
  });

  test("a bad cluster ID is refused at the field, with no request sent", async () => {
    const page = await openPage();
    for (const bad of ["in01 6183d6bac30f801", "../in01-6183d6bac30f801", "x".repeat(129)]) {
      await fill(page, { id: bad });
      assert.equal(await page.isEnabled("#drop"), true, "the confirmation matches");
      await page.click("#drop");
      await page.waitForSelector("#cluster-id-error:not([hidden])");
      const error = await page.textContent("#cluster-id-error");
      assert.match(error, bad.length > 128 ? /at most 128 characters/ : /only letters, digits/);
      assert.equal(await page.getAttribute("#cluster-id", "aria-invalid"), "true");
      assert.equal(await activeId(page), "cluster-id", "focus goes to the field");
      assert.equal(await page.isVisible("#result"), false);
      assert.equal(await page.evaluate(() => document.querySelector("#field-clusterId").contains(document.querySelector("#cluster-id-error"))), true);
    }
    // An empty key is refused the same way.
    await fill(page, { key: "" });
    await page.click("#drop");
    await page.waitForSelector("#api-key-error:not([hidden])");
    assert.equal(await activeId(page), "api-key");
    await page.screenshot({ path: screenshotPath("demo-field-error.png"), fullPage: true });
    assert.deepEqual(await demo.mock.log(), [], "no request, not even a preflight");
    // Fixing the ID clears its error.
    await page.fill("#cluster-id", ID);
    assert.equal(await page.isVisible("#cluster-id-error"), false);
  });

  test("the package's own invalid_input errors are shown next to the field they name", async () => {
    const page = await openPage();
    await fill(page, { key: `${API_KEY} ` });
    await page.click("#drop");
    await page.waitForSelector("#api-key-error:not([hidden])");
    assert.match(await page.textContent("#api-key-error"), /^The API key has leading or trailing spaces/);
    assert.equal(await activeId(page), "api-key");
    assert.equal(await page.isVisible("#result"), false);

    await page.fill("#api-key", API_KEY);
    await page.fill("#base-url", "ftp://127.0.0.1/");
    await page.click("#drop");
    await page.waitForSelector("#base-url-error:not([hidden])");
    assert.match(await page.textContent("#base-url-error"), /^The base URL must be an absolute http\(s\) URL/);
    assert.equal(await activeId(page), "base-url");
    assert.deepEqual(await demo.mock.log(), []);
  });

  test("Cancel during a slow call aborts it through the signal", async () => {
    await demo.mock.fault({ delayMs: 5000 });
    const page = await openPage();
    await fill(page);
    const started = Date.now();
    await page.click("#drop");
    await page.waitForSelector("#progress:not([hidden])");
    assert.match(await page.textContent("#progress-text"), /Dropping in01-6183d6bac30f801/);
    assert.equal(await page.isVisible("#cancel"), true);
    assert.equal(await activeId(page), "cancel", "focus goes to Cancel");
    assert.equal(await page.isDisabled("#drop"), true);
    assert.equal(await page.isDisabled("#cluster-id"), true, "inputs are locked while running");
    await page.waitForTimeout(300);
    await page.click("#cancel");
    const r = await result(page);
    assert.ok(Date.now() - started < 4500, "did not wait for the slow answer");
    assert.equal(r.kind, "aborted");
    assert.equal(r.title, "Cancelled");
    assert.equal(await page.isVisible("#progress"), false);
    assert.equal(await page.isVisible("#cancel"), false);
    assert.equal(await page.isEnabled("#cluster-id"), true);
    await page.screenshot({ path: screenshotPath("demo-aborted.png"), fullPage: true });
  });

  test("keyboard only: tab through the form, confirm, drop with Enter, Escape cancels", async () => {
    const page = await openPage();
    const order = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => {
        const el = document.activeElement;
        return el.type === "radio" ? `radio:${el.value}` : el.id;
      }));
    }
    // The scenarios panel (the mock serves this page) follows the confirmation; the drop
    // button is disabled, so it is not a tab stop yet.
    assert.deepEqual(order.slice(0, 6), ["api-key", "radio:custom", "base-url", "cluster-id", "confirm-id", "radio:none"]);
    assert.notEqual(order[6], "drop");

    await page.focus("#api-key");
    await page.keyboard.type(API_KEY);
    await page.keyboard.press("Tab"); // endpoint radios: arrows change the choice
    await page.keyboard.press("ArrowUp");
    assert.equal(await page.isChecked('input[value="cn"]'), true);
    assert.equal(await page.isVisible("#base-url"), false);
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.isChecked('input[value="custom"]'), true);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.type(ID);
    await page.keyboard.press("Tab");
    await page.keyboard.type(ID);
    await page.keyboard.press("Tab");
    assert.equal(await activeId(page), "scenario-none", "then the scenario, Normal by default");
    await page.keyboard.press("Tab");
    assert.equal(await activeId(page), "drop", "the enabled Drop button is the next tab stop");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none", "focus is visible");
    await page.keyboard.press("Enter");
    const r = await result(page);
    assert.equal(r.outcome, "success");
    assert.equal(r.focused, "result-title");

    // Escape cancels a running call.
    await demo.mock.fault({ delayMs: 5000 });
    await page.focus("#confirm-id");
    await page.keyboard.type(ID);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#progress:not([hidden])");
    await page.keyboard.press("Escape");
    await page.waitForSelector('#result[data-kind="aborted"]', { timeout: 4000 });
  });

  test("phone width (375 px): readable, no horizontal scrolling", async () => {
    const page = await openPage({ width: 375, height: 812 });
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.equal(await fits(), true);
    await fill(page);
    await page.click("#drop");
    assert.equal((await result(page)).outcome, "success");
    assert.equal(await fits(), true);
    await page.screenshot({ path: screenshotPath("demo-375-success.png"), fullPage: true });
    await fill(page, { key: "sk-wrong-key-0000", id: SEEDED[1] });
    await page.click("#drop");
    await page.waitForSelector('#result[data-kind="auth"]');
    assert.equal(await fits(), true);
    await page.screenshot({ path: screenshotPath("demo-375-error.png"), fullPage: true });
    const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector("#result-advice")).fontSize));
    assert.ok(fontSize >= 14);
  });

  test("the API key is never stored, logged, put in the URL or in the page", async () => {
    const page = await openPage();
    await fill(page);
    await page.click("#drop");
    await result(page);
    await fill(page, { id: SEEDED[1], key: `${API_KEY}-wrong` });
    await page.click("#drop");
    await page.waitForSelector('#result[data-kind="auth"]');
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
