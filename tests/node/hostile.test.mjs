// Hostile responses, redirects and retry hints: each ends in the right kind,
// with status and code where known, and the next call still succeeds.
import { describe, it, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { ZillizCloud } from "zilliz-cloud-wasm";
import { startMock, SEEDED } from "./helpers/mock.mjs";
import { failure } from "./helpers/failure.mjs";

let mock;
let zc;
before(async () => {
  mock = await startMock();
  zc = new ZillizCloud({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 0, timeoutMs: 1000 });
});
after(() => mock.stop());
beforeEach(() => mock.reset());


async function nextCallSucceeds() {
  await mock.seed(["in09-bbbbbbbbbbbbbbb"]);
  assert.equal((await zc.dropCluster("in09-bbbbbbbbbbbbbbb")).code, 0);
}

// [fault, kind, status, code]
const hostile = [
  [{ action: "html", status: 200 }, "decode", 200, null],
  [{ action: "html", status: 502 }, "server", 502, null],
  [{ action: "html", status: 503 }, "server", 503, null],
  [{ action: "empty" }, "decode", 200, null],
  [{ action: "empty", status: 204 }, "decode", 204, null],
  [{ action: "truncated_json" }, "decode", 200, null],
  [{ json: { code: "0", data: { clusterId: "c", prompt: "p" } } }, "decode", 200, null],
  [{ json: { code: 0 } }, "decode", 200, null],
  [{ json: { code: 0, data: null } }, "decode", 200, null],
  [{ json: { code: 0, data: { clusterId: 42, prompt: "p" } } }, "decode", 200, null],
  [{ json: [{ code: 0, data: { clusterId: "c", prompt: "p" } }] }, "decode", 200, null],
  [{ body: "null" }, "decode", 200, null],
  [{ body: "\u0000\u0001binary" }, "decode", 200, null],
  [{ body: "[".repeat(100_000) }, "decode", 200, null],
  [{ action: "huge_body", bytes: 2 * 1024 * 1024 }, "decode", 200, null],
  [{ action: "huge_body", bytes: 2 * 1024 * 1024, status: 500 }, "decode", 500, null],
  [{ action: "stall_body" }, "timeout", 200, null],
  [{ action: "reset_mid_body" }, "network", 200, null],
  [{ action: "reset" }, "network", null, null],
  [{ status: 500, json: { code: 65535, message: "internal" } }, "server", 500, 65535],
];

describe("hostile responses", () => {
  for (const [fault, kind, status, code] of hostile) {
    it(`${JSON.stringify(fault).slice(0, 60)} → ${kind}`, async () => {
      await mock.fault(fault);
      const err = await failure(zc.dropCluster(SEEDED[0]));
      assert.equal(err.kind, kind);
      assert.equal(err.status, status);
      assert.equal(err.code, code);
      assert.equal(err.attempts, 1);
      if (status !== null) assert.equal(typeof err.requestId, "string", "the request id is kept");
      await nextCallSucceeds();
    });
  }

  it("a body over 1 MiB is refused without reading it all", async () => {
    await mock.fault({ action: "huge_body", bytes: 64 * 1024 * 1024 });
    const err = await failure(zc.dropCluster(SEEDED[0], { timeoutMs: 30_000 }));
    assert.equal(err.kind, "decode");
    assert.match(err.message, /1 MiB/);
    await nextCallSucceeds();
  });
});

describe("retry hints", () => {
  const retrying = () => new ZillizCloud({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 1 });
  for (const value of ["-5", "soon", "1e3", "Thu, 01 Jan 1970 00:00:00 GMT", ""]) {
    it(`Retry-After ${JSON.stringify(value)} falls back to backoff or now, then succeeds`, async () => {
      await mock.fault({ status: 429, headers: { "retry-after": value } });
      const res = await retrying().dropCluster(SEEDED[0]);
      assert.equal(res.code, 0);
      assert.equal((await mock.requests()).length, 2);
    });
  }

  it("a huge Retry-After is waited (capped), and the signal still interrupts it", async () => {
    await mock.fault({ status: 503, headers: { "retry-after": "999999999" } });
    const ac = new AbortController();
    const call = retrying().dropCluster(SEEDED[0], { signal: ac.signal });
    const settled = await Promise.race([call.then(() => "resolved", () => "rejected"), new Promise((r) => setTimeout(r, 500, "waiting"))]);
    assert.equal(settled, "waiting", "the client is sitting out the wait, not failing");
    ac.abort();
    const err = await failure(call);
    assert.equal(err.kind, "aborted");
    assert.equal((await mock.requests()).length, 1);
  });
});

describe("redirects", () => {
  let other;
  before(async () => {
    other = await startMock({ apiKey: mock.apiKey });
  });
  after(() => other.stop());

  for (const status of [301, 302, 303, 307, 308]) {
    it(`${status} to another port is not followed and the other server sees no key`, async () => {
      await other.reset();
      const location = `${other.url}/v2/clusters/${SEEDED[0]}/drop`;
      await mock.fault({ status, headers: { location } });
      const err = await failure(zc.dropCluster(SEEDED[0]));
      assert.equal(err.kind, "api");
      assert.equal(err.status, status);
      assert.match(err.message, new RegExp(String(status)));
      assert.ok(err.message.includes(location), err.message);
      assert.equal(err.retryable, false);
      assert.deepEqual(await other.requests(), [], "nothing reached the redirect target");
      await nextCallSucceeds();
    });
  }
});
