// No input can break the module or leak the key, not even in part: the rules of
// CONTRACT.md's "Rules that hold for every input", against the packed package.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ZillizCloud, dropCluster, ZillizError } from "zilliz-cloud-wasm";
import { startMock, SEEDED } from "./helpers/mock.mjs";

const KEY = "sk-zcw-hardening-SECRET-0123456789abcd"; // 38 characters
const ID = "in01-6183d6bac30f801";
const okBody = (id = ID) => JSON.stringify({ code: 0, data: { clusterId: id, prompt: "in the recycle bin for 30 days" } });
const respond = (body, init = {}) => async () => new Response(body, { status: 200, ...init });

/** Every way an error shows itself. */
function views(err) {
  return [String(err), err.message, err.stack, String(err.requestId), JSON.stringify(err), JSON.stringify(Object.values(err))];
}

/** No run of 8 or more characters of the key in any view of the error. */
function assertNoKeyRun(err, what) {
  for (const text of views(err)) {
    for (let i = 0; i + 8 <= KEY.length; i++) {
      assert.ok(!text.includes(KEY.slice(i, i + 8)), `${what}: "${KEY.slice(i, i + 8)}" of the key is in ${text.slice(0, 200)}`);
    }
  }
}

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ZillizError, `rejected with ${err}`);
    return err;
  }
  assert.fail("resolved");
}

describe("no JS exception crosses wasm frames", () => {
  const script = fileURLToPath(new URL("./helpers/hostile-process.mjs", import.meta.url));
  const kinds = [
    "revoked-cluster-id", "revoked-one-shot-options", "revoked-option-value", "revoked-client-options",
    "freed-client", "foreign-this", "primitive-this", "second-free", "throwing-option-getter", "throwing-signal-getter",
    "misspelled-guard", "describe-revoked-options", "wait-throwing-signal", "list-throwing-getter",
  ];
  for (const kind of kinds) {
    it(`20,000 calls with ${kind}, then a normal call: all typed, memory flat`, () => {
      const run = spawnSync(process.execPath, [script, kind, "20000"], { encoding: "utf8", timeout: 120_000 });
      assert.equal(run.status, 0, run.stderr);
      const r = JSON.parse(run.stdout.trim().split("\n").pop());
      assert.equal(r.sync, 0, "no call threw synchronously");
      assert.equal(r.other, 0, "every rejection is a ZillizError");
      assert.equal(r.failures, 20_000, "every call is refused (a signal that cannot be read is invalid_input)");
      assert.ok(r.ok, "the next call succeeds");
      assert.ok(r.grewBytes < 1024 * 1024, `wasm memory grew ${r.grewBytes} bytes`);
    });
  }

  it("misuse is a ZillizError of kind invalid_input", async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    assert.throws(() => new ZillizCloud(proxy), (e) => e instanceof ZillizError && e.kind === "invalid_input" && /options could not be read/.test(e.message));
    const zc = new ZillizCloud({ apiKey: KEY, fetch: respond(okBody()) });
    for (const [pending, words] of [
      [zc.dropCluster(proxy), /clusterId could not be read/],
      [zc.dropCluster(ID, proxy), /options could not be read/],
      [ZillizCloud.prototype.dropCluster.call({}, ID), /not a ZillizCloud client/],
      [ZillizCloud.prototype.dropCluster.call(undefined, ID), /not a ZillizCloud client/],
      [dropCluster({ apiKey: KEY, clusterId: ID, get fetch() { throw new Error("no"); } }), /fetch could not be read/],
    ]) {
      const err = await rejection(pending);
      assert.equal(err.kind, "invalid_input");
      assert.match(err.message, words);
    }
    zc.free();
    zc.free();
    assert.match((await rejection(zc.dropCluster(ID))).message, /freed/);
  });
});

describe("options: read once, own properties only", () => {
  it("a polluted Object.prototype answers for nothing", async () => {
    const urls = [];
    let evil = 0;
    Object.prototype.baseUrl = "http://127.0.0.1:1/evil";
    Object.prototype.fetch = async () => (evil++, new Response(okBody()));
    Object.prototype.maxRetries = "not a number";
    try {
      const fetch = async (url) => (urls.push(url), new Response(okBody()));
      await new ZillizCloud({ apiKey: KEY, fetch }).dropCluster(ID);
      await dropCluster({ apiKey: KEY, clusterId: ID, fetch });
      await new ZillizCloud({ apiKey: KEY, fetch }).dropCluster(ID, {});
    } finally {
      delete Object.prototype.baseUrl;
      delete Object.prototype.fetch;
      delete Object.prototype.maxRetries;
    }
    assert.equal(evil, 0);
    assert.deepEqual(urls, Array(3).fill(`https://api.cloud.zilliz.com/v2/clusters/${ID}/drop`));
  });

  it("each option is read once, in both forms", async () => {
    const reads = {};
    const counted = (values) =>
      new Proxy(values, {
        get(target, name, receiver) {
          reads[name] = (reads[name] ?? 0) + 1;
          return Reflect.get(target, name, receiver);
        },
      });
    const fetch = respond(okBody());
    await dropCluster(counted({ apiKey: KEY, clusterId: ID, fetch, timeoutMs: 1000, maxRetries: 1, onRetry: () => {} }));
    for (const name of ["apiKey", "clusterId", "fetch", "timeoutMs", "maxRetries", "onRetry"]) assert.equal(reads[name], 1, name);
    for (const k of Object.keys(reads)) delete reads[k];
    const zc = new ZillizCloud(counted({ apiKey: KEY, fetch, region: "cn" }));
    await zc.dropCluster(ID, counted({ timeoutMs: 500, maxRetries: 0 }));
    for (const name of ["apiKey", "fetch", "region", "timeoutMs", "maxRetries"]) assert.equal(reads[name], 1, name);
  });
});

describe("input rules", () => {
  let mock;
  before(async () => (mock = await startMock()));
  after(() => mock.stop());

  it("apiKey: 8 to 4,096 printable characters", async () => {
    const fetch = respond(okBody());
    for (const apiKey of ["1234567", "x".repeat(4097)]) {
      assert.throws(() => new ZillizCloud({ apiKey, fetch }), (e) => e.kind === "invalid_input" && /apiKey/.test(e.message));
    }
    for (const apiKey of ["12345678", "x".repeat(4096), "a b c d e f"]) {
      assert.equal((await new ZillizCloud({ apiKey, fetch }).dropCluster(ID)).code, 0);
    }
  });

  it("baseUrl: no dot segments in any spelling, nothing sent", async () => {
    await mock.reset();
    for (const prefix of ["%2e%2e", "%2E%2e", ".%2e", "%2e.", "%2e", "..", "."]) {
      const baseUrl = `${mock.url}/api/${prefix}/x`;
      assert.throws(() => new ZillizCloud({ apiKey: mock.apiKey, baseUrl }), (e) => e.kind === "invalid_input" && /baseUrl/.test(e.message), baseUrl);
      await rejection(dropCluster({ apiKey: mock.apiKey, baseUrl, clusterId: SEEDED[0] }));
    }
    assert.equal((await mock.requests()).length, 0);
  });

  it("a success for another cluster is decode, naming both; a BOM is ignored", async () => {
    const err = await rejection(new ZillizCloud({ apiKey: KEY, fetch: respond(okBody("in02-fedcba987654321")) }).dropCluster(ID));
    assert.equal(err.kind, "decode");
    assert.match(err.message, /in02-fedcba987654321/);
    assert.match(err.message, new RegExp(ID));
    const res = await new ZillizCloud({ apiKey: KEY, fetch: respond("\uFEFF" + okBody()) }).dropCluster(ID);
    assert.equal(res.data.clusterId, ID);
  });

  it("a status outside 100..599 or not an integer is network", async () => {
    for (const status of [200.5, NaN, -1, 0, 99, 600, 1e9, Infinity, "200"]) {
      const fetch = async () => ({ status, headers: { get: () => null }, body: null, text: async () => okBody() });
      const err = await rejection(new ZillizCloud({ apiKey: KEY, fetch, maxRetries: 0 }).dropCluster(ID));
      assert.equal(err.kind, "network", String(status));
    }
  });

  it("a Retry-After or retry-after-ms beyond the cap waits the cap, whatever its length", async () => {
    const hints = [
      { "retry-after": "9".repeat(13) },
      { "retry-after": "1".repeat(400) },
      { "retry-after": "61" },
      { "retry-after-ms": "99999999999999999999" },
    ];
    for (const headers of hints) {
      const controller = new AbortController();
      let delay;
      const zc = new ZillizCloud({
        apiKey: KEY,
        fetch: respond(JSON.stringify({ code: 429, message: "slow down" }), { status: 429, headers }),
        onRetry: (event) => ((delay = event.delayMs), controller.abort()),
      });
      const err = await rejection(zc.dropCluster(ID, { signal: controller.signal }));
      assert.equal(delay, 60_000, JSON.stringify(headers));
      assert.equal(err.kind, "aborted");
    }
  });

  it("err.cause is the signal's reason", async () => {
    const hanging = () => new Promise(() => {});
    const reason = new Error("the user closed the dialog");
    const controller = new AbortController();
    const pending = new ZillizCloud({ apiKey: KEY, fetch: hanging }).dropCluster(ID, { signal: controller.signal });
    controller.abort(reason);
    const err = await rejection(pending);
    assert.equal(err.kind, "aborted");
    assert.equal(err.cause, reason);
    const timedOut = await rejection(new ZillizCloud({ apiKey: KEY, fetch: hanging }).dropCluster(ID, { signal: AbortSignal.timeout(20) }));
    assert.equal(timedOut.kind, "aborted");
    assert.equal(timedOut.cause?.name, "TimeoutError", "AbortSignal.timeout and abort(reason) are told apart");
    const plain = await rejection(new ZillizCloud({ apiKey: KEY, fetch: respond("{}", { status: 500 }), maxRetries: 0 }).dropCluster(ID));
    assert.equal(plain.cause, undefined);
  });

  it("the default timeoutMs is 65,000", async () => {
    const { setTimeout: set } = globalThis;
    const delays = [];
    globalThis.setTimeout = (fn, ms, ...args) => (delays.push(ms), set(fn, ms, ...args));
    const controller = new AbortController();
    try {
      const pending = new ZillizCloud({ apiKey: KEY, fetch: () => new Promise(() => {}) }).dropCluster(ID, { signal: controller.signal });
      // The call starts its attempt in a microtask: abort once it is under way.
      await new Promise((resolve) => setImmediate(resolve));
      controller.abort();
      await rejection(pending);
    } finally {
      globalThis.setTimeout = set;
    }
    assert.ok(delays.includes(65_000), `timers: ${delays}`);
  });
});

describe("the key is cleaned from every text before it is cut", () => {
  // Each cut point: a server message at 1,000 bytes, requestid and Location at 256, a
  // network error's detail at 300. The key is put to straddle each, at every offset near it.
  const cuts = [
    ["message", 1000, (text) => respond(JSON.stringify({ code: 80001, message: text }), { status: 401 })],
    ["requestid", 256, (text) => respond(okBody(), { status: 503, headers: { requestid: text } })],
    ["location", 256, (text) => respond("", { status: 302, headers: { location: `http://127.0.0.1:1/${text}` } })],
    ["network detail", 300, (text) => async () => { throw new TypeError(text); }],
    ["x-request-id", 256, (text) => respond(JSON.stringify({ code: 96018, message: "gone" }), { headers: { "x-request-id": text } })],
  ];
  for (const [where, cut, fetchFor] of cuts) {
    it(`${where} (cut at ${cut})`, async () => {
      for (let at = cut - KEY.length - 2; at <= cut + 2; at++) {
        const text = "m".repeat(Math.max(0, at)) + KEY + " and the rest";
        const err = await rejection(new ZillizCloud({ apiKey: KEY, fetch: fetchFor(text), maxRetries: 0 }).dropCluster(ID));
        assertNoKeyRun(err, `${where} at ${at}`);
      }
    });
  }

  it("a fragment of the key echoed alone is removed too", async () => {
    const fragment = KEY.slice(5, 17);
    const err = await rejection(new ZillizCloud({ apiKey: KEY, fetch: respond(JSON.stringify({ code: 80001, message: `token ${fragment}…` }), { status: 401 }) }).dropCluster(ID));
    assertNoKeyRun(err, "fragment");
    assert.match(err.message, /\[redacted\]/);
  });
});
