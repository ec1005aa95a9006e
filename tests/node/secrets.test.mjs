// The API key goes only into the Authorization header: never into an error.
import { it, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";
import { startMock, SEEDED } from "./helpers/mock.mjs";

const KEY = "sk-zcw-RECOGNISABLE-5ec7e7-key";
let mock;
before(async () => {
  mock = await startMock({ apiKey: KEY });
});
after(() => mock.stop());
beforeEach(() => mock.reset());

function assertNoKey(err) {
  assert.ok(err instanceof ZillizError, `not a ZillizError: ${err}`);
  const views = [String(err), err.message, err.stack, JSON.stringify(err), ...Object.values(err).map(String), String(err.requestId)];
  for (const v of views) assert.ok(!v.includes(KEY), `the key leaked: ${v}`);
}

/** Records everything written through console.* while `fn` runs. */
async function capturingConsole(fn) {
  const seen = [];
  const methods = ["log", "info", "warn", "error", "debug", "trace"];
  const saved = methods.map((m) => console[m]);
  methods.forEach((m) => (console[m] = (...args) => seen.push(args.map(String).join(" "))));
  try {
    await fn();
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]));
  }
  return seen.join("\n");
}

it("no error path carries the key, and the client keeps working", async () => {
  const printed = await capturingConsole(everyErrorPath);
  assert.ok(!printed.includes(KEY), "the key reached the console");
});

async function everyErrorPath() {
  const zc = new ZillizCloud({ apiKey: KEY, baseUrl: mock.url, maxRetries: 0, timeoutMs: 300 });
  const scripted = [
    // A gateway that echoes the Authorization header in its message, body and request id.
    { status: 401, json: { code: 80001, message: `bad token Bearer ${KEY}` }, headers: { requestid: KEY } },
    { status: 400, json: { code: 80000, message: KEY } },
    { status: 200, json: { code: 96018, message: `no cluster for ${KEY}` } },
    { status: 502, body: `<html>${KEY}</html>` },
    { status: 200, body: `{"code":0,"data":"${KEY}"}` },
    { status: 307, headers: { location: `http://127.0.0.1:1/?key=${KEY}` } },
    { action: "reset" },
    { action: "truncated_json" },
    { delayMs: 2000 },
    { action: "stall_body" },
    { action: "reset_mid_body" },
    { action: "huge_body", bytes: 2 * 1024 * 1024 },
    { action: "empty" },
    { status: 503, body: KEY, headers: { "retry-after": KEY, "x-request-id": KEY } },
  ];
  for (const f of scripted) {
    await mock.fault(f);
    const err = await zc.dropCluster(SEEDED[0]).then(() => assert.fail(JSON.stringify(f)), (e) => e);
    assertNoKey(err);
  }
  assertNoKey(await zc.dropCluster("../etc").catch((e) => e));
  assertNoKey(await zc.dropCluster(SEEDED[0], { signal: AbortSignal.abort() }).catch((e) => e));
  const wrong = new ZillizCloud({ apiKey: KEY + "-wrong", baseUrl: mock.url });
  assertNoKey(await wrong.dropCluster(SEEDED[0]).catch((e) => e));
  const nowhere = new ZillizCloud({ apiKey: KEY, baseUrl: "http://127.0.0.1:1", maxRetries: 0 });
  assertNoKey(await nowhere.dropCluster(SEEDED[0]).catch((e) => e));
  const throwing = new ZillizCloud({ apiKey: KEY, maxRetries: 0, fetch: (url, init) => { throw new Error(`refused ${init.headers.authorization}`); } });
  assertNoKey(await throwing.dropCluster(SEEDED[0]).catch((e) => e));
  // The key never reached the mock's log either (it records only matched/mismatched).
  const log = JSON.stringify(await mock.requests());
  assert.ok(!log.includes(KEY));
  assert.equal((await zc.dropCluster(SEEDED[1])).code, 0);
}

it("the key is sent only as 'Authorization: Bearer <key>'", async () => {
  const seen = [];
  const recording = (url, init) => {
    seen.push({ url, init });
    return fetch(url, init);
  };
  const zc = new ZillizCloud({ apiKey: KEY, baseUrl: mock.url, fetch: recording });
  await zc.dropCluster(SEEDED[0]);
  const [{ url, init }] = seen;
  assert.ok(!url.includes(KEY));
  assert.equal(init.method, "DELETE");
  assert.equal(init.headers.authorization, `Bearer ${KEY}`);
  assert.equal(init.headers.accept, "application/json");
  assert.equal(init.redirect, "manual");
  assert.equal(init.body, undefined);
  assert.equal((await mock.requests())[0].auth, "matched");
});
