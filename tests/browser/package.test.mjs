// The package itself in Chromium, with the page and the API on different origins:
// one mock serves a tiny test page and pkg/, another one is the API. The browser must
// preflight the DELETE (it carries an Authorization header) and read the exposed headers.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { API_KEY, SEEDED, launchBrowser, startMock } from "./helpers.mjs";

const ID = SEEDED[0];
const DROP_PATH = `/v2/clusters/${ID}/drop`;

let host; // serves tests/browser/fixture at / and pkg/ at /pkg/
let api; // the control plane
let browser;
let context;

before(async () => {
  [host, api] = await Promise.all([
    startMock({ www: "tests/browser/fixture", pkg: "pkg", apiKey: "host-only-key-000000" }),
    startMock(),
  ]);
  assert.notEqual(host.origin, api.origin);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await Promise.all([host?.stop(), api?.stop()]);
});
beforeEach(async () => {
  await context?.close();
  await Promise.all([host.reset(), api.reset()]);
});

/** A fresh context (so no preflight is cached) with the test page loaded. */
async function openPage() {
  context = await browser.newContext();
  const page = await context.newPage();
  page.consoleLines = [];
  page.on("pageerror", (e) => page.consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(`${host.url}/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  return page;
}

/** Runs a call in the page; returns the response or the error's fields. */
function drop(page, { apiKey = API_KEY, clusterId = ID, abortAfterMs = null, ...options } = {}) {
  return page.evaluate(
    async ({ apiKey, clusterId, baseUrl, abortAfterMs, options }) => {
      const { ZillizCloud, ZillizError } = window.zcw;
      const controller = new AbortController();
      if (abortAfterMs !== null) setTimeout(() => controller.abort(), abortAfterMs);
      try {
        const zc = new ZillizCloud({ apiKey, baseUrl, ...options });
        return { ok: true, res: await zc.dropCluster(clusterId, { signal: controller.signal }) };
      } catch (err) {
        const { name, message, kind, code, status, requestId, retryable, attempts, maybeDropped } = err;
        return {
          ok: false,
          isZillizError: err instanceof ZillizError,
          isError: err instanceof Error,
          error: { name, message, kind, code, status, requestId, retryable, attempts, maybeDropped },
        };
      }
    },
    { apiKey, clusterId, baseUrl: api.url, abortAfterMs, options },
  );
}

function assertPreflighted(log, origin) {
  const preflight = log.find((r) => r.method === "OPTIONS");
  assert.ok(preflight, `a preflight OPTIONS reached the API: ${JSON.stringify(log)}`);
  assert.equal(preflight.path, DROP_PATH);
  assert.equal(preflight.origin, origin);
  const deleteAt = log.findIndex((r) => r.method === "DELETE");
  assert.ok(deleteAt > log.indexOf(preflight), "the preflight came before the DELETE");
}

describe("the package in a cross-origin page", () => {
  test("a drop succeeds, after a real CORS preflight", async () => {
    const page = await openPage();
    const out = await drop(page);
    assert.equal(out.ok, true, JSON.stringify(out));
    assert.equal(out.res.code, 0);
    assert.equal(out.res.data.clusterId, ID);
    assert.match(out.res.data.prompt, /30 days/);

    const log = await api.log();
    assertPreflighted(log, host.origin);
    const del = log.filter((r) => r.method === "DELETE");
    assert.equal(del.length, 1);
    assert.equal(del[0].auth, "matched");
    assert.equal(del[0].accept, "application/json");
    assert.equal(del[0].origin, host.origin);
    assert.deepEqual(await host.log(), [], "nothing went to the page's own origin");
    assert.deepEqual(page.consoleLines, []);
  });

  test("a wrong key rejects with a ZillizError of kind auth, with the exposed request ID", async () => {
    const page = await openPage();
    const out = await drop(page, { apiKey: "sk-wrong-key-1111" });
    assert.equal(out.ok, false);
    assert.equal(out.isZillizError, true);
    assert.equal(out.isError, true);
    const e = out.error;
    assert.equal(e.name, "ZillizError");
    assert.equal(e.kind, "auth");
    assert.equal(e.code, 80001);
    assert.equal(e.status, 401);
    assert.match(e.requestId ?? "", /^mock-/, "the requestid header is readable cross-origin");
    assert.equal(e.retryable, false);
    assert.equal(e.attempts, 1);
    assert.ok(!JSON.stringify(e).includes("sk-wrong-key-1111"));
    assertPreflighted(await api.log(), host.origin);
  });

  test("not_found (HTTP 200 with a code), then the module keeps working", async () => {
    const page = await openPage();
    const missing = await drop(page, { clusterId: "in09-000000000000000" });
    assert.equal(missing.error.kind, "not_found");
    assert.equal(missing.error.code, 96018);
    assert.equal(missing.error.status, 200);
    const invalid = await drop(page, { clusterId: "not/valid" });
    assert.equal(invalid.error.kind, "invalid_input");
    assert.equal(invalid.error.attempts, 0);
    const ok = await drop(page);
    assert.equal(ok.ok, true);
    assert.equal((await api.requests()).length, 2, "invalid input sent nothing");
  });

  test("a rate limit honours the exposed retry-after-ms header and succeeds on retry", async () => {
    await api.fault({ status: 429, json: { code: 429, message: "slow down" }, headers: { "retry-after-ms": "1500" }, count: 1 });
    const page = await openPage();
    const started = Date.now();
    const out = await drop(page);
    const elapsed = Date.now() - started;
    assert.equal(out.ok, true, JSON.stringify(out));
    assert.ok(elapsed >= 1400, `waited the server's 1500 ms, not the default backoff (${elapsed} ms)`);
    assert.equal((await api.requests()).length, 2);
  });

  test("the caller's signal aborts a slow call", async () => {
    await api.fault({ delayMs: 5000 });
    const page = await openPage();
    const started = Date.now();
    const out = await drop(page, { abortAfterMs: 300 });
    assert.ok(Date.now() - started < 4000);
    assert.equal(out.error.kind, "aborted");
    assert.equal(out.isZillizError, true);
  });

  test("in a module Web Worker", async () => {
    const page = await openPage();
    const out = await page.evaluate(
      ({ apiKey, baseUrl, ids }) =>
        new Promise((resolve, reject) => {
          const worker = new Worker("/worker.js", { type: "module" });
          const results = [];
          worker.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
          worker.onmessage = ({ data }) => {
            if (data.ready) {
              worker.postMessage({ apiKey, baseUrl, clusterId: ids[0] });
              return;
            }
            results.push(data);
            if (results.length === 1) worker.postMessage({ apiKey, baseUrl, clusterId: ids[1] });
            else {
              worker.terminate();
              resolve(results);
            }
          };
        }),
      { apiKey: API_KEY, baseUrl: api.url, ids: [ID, "in09-000000000000000"] },
    );
    assert.equal(out[0].ok, true, JSON.stringify(out));
    assert.equal(out[0].res.data.clusterId, ID);
    assert.deepEqual(out[1], { ok: false, isZillizError: true, kind: "not_found", code: 96018, status: 200 });
  });
});
