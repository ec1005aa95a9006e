// Retries, timeouts and aborts, against the real mock.
import { describe, it, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { ZillizCloud } from "zilliz-cloud-wasm";
import { startMock, SEEDED } from "./helpers/mock.mjs";
import { failure } from "./helpers/failure.mjs";

let mock;
let zc;
before(async () => {
  mock = await startMock();
  zc = new ZillizCloud({ apiKey: mock.apiKey, baseUrl: mock.url });
});
after(() => mock.stop());
beforeEach(() => mock.reset());


describe("retries", () => {
  it("calls onRetry before each wait, and ignores a hook that throws", async () => {
    await mock.fault({ status: 429, headers: { "retry-after-ms": "15" }, json: { code: 429, message: "slow down" } });
    await mock.fault({ status: 503, headers: { "retry-after-ms": "5", requestid: "req-503" } });
    const events = [];
    const hooked = new ZillizCloud({
      apiKey: mock.apiKey,
      baseUrl: mock.url,
      onRetry(event) {
        events.push(event);
        throw new Error("a broken hook");
      },
    });
    const res = await hooked.dropCluster(SEEDED[0]);
    assert.equal(res.data.clusterId, SEEDED[0]);
    assert.deepEqual(
      events.map((e) => [e.attempt, e.maxAttempts, e.delayMs, e.error.kind, e.error.status, e.error.name]),
      [[1, 3, 15, "rate_limited", 429, "ZillizError"], [2, 3, 5, "server", 503, "ZillizError"]],
    );
    assert.equal(events[1].error.requestId, "req-503");
    assert.ok(!JSON.stringify(events).includes(mock.apiKey), "no event holds the key");
    // A per-call hook replaces the client's.
    await mock.fault({ status: 502, headers: { "retry-after-ms": "1" } });
    const perCall = [];
    await hooked.dropCluster(SEEDED[1], { onRetry: (e) => perCall.push(e.attempt) });
    assert.deepEqual(perCall, [1]);
    assert.equal(events.length, 2);
  });

  it("waits out a 429's Retry-After, then succeeds", async () => {
    await mock.fault({ status: 429, headers: { "retry-after": "1" }, json: { code: 429, message: "slow down" } });
    const started = Date.now();
    const res = await zc.dropCluster(SEEDED[0]);
    assert.equal(res.data.clusterId, SEEDED[0]);
    assert.ok(Date.now() - started >= 950, "Retry-After: 1 was honoured");
    const log = await mock.requests();
    assert.equal(log.length, 2);
    assert.deepEqual(log.map((r) => r.status), [429, 200]);
  });

  it("honours retry-after-ms", async () => {
    await mock.fault({ status: 429, headers: { "retry-after-ms": "20", "retry-after": "30" } });
    const started = Date.now();
    await zc.dropCluster(SEEDED[0]);
    assert.ok(Date.now() - started < 30_000, "retry-after-ms took precedence");
  });

  it("retries 503 twice, then succeeds on the third attempt", async () => {
    await mock.fault({ status: 503, json: { code: 503, message: "unavailable" }, headers: { "retry-after-ms": "10" }, count: 2 });
    const res = await zc.dropCluster(SEEDED[1]);
    assert.equal(res.data.clusterId, SEEDED[1]);
    assert.deepEqual((await mock.requests()).map((r) => r.status), [503, 503, 200]);
  });

  it("retries a reset connection", async () => {
    await mock.fault({ action: "reset" });
    const res = await zc.dropCluster(SEEDED[2]);
    assert.equal(res.code, 0);
    const log = await mock.requests();
    assert.equal(log.length, 2);
    assert.equal(log[0].fault, "reset");
  });

  it("retries 408, 500, 502 and 504 too", async () => {
    for (const status of [408, 500, 502, 504]) {
      await mock.reset();
      await mock.fault({ status, body: "", headers: { "retry-after-ms": "1" } });
      const res = await zc.dropCluster(SEEDED[0]);
      assert.equal(res.code, 0, String(status));
      assert.equal((await mock.requests()).length, 2, String(status));
    }
  });

  it("stops after maxRetries + 1 attempts", async () => {
    await mock.fault({ status: 503, body: "", headers: { "retry-after-ms": "1" }, count: 10 });
    let err = await failure(zc.dropCluster(SEEDED[0]));
    assert.deepEqual([err.kind, err.status, err.attempts, err.retryable], ["server", 503, 3, true]);
    assert.equal((await mock.requests()).length, 3);
    await mock.reset();
    await mock.fault({ status: 503, body: "", headers: { "retry-after-ms": "1" }, count: 10 });
    err = await failure(zc.dropCluster(SEEDED[0], { maxRetries: 0 }));
    assert.equal(err.attempts, 1);
    await mock.reset();
    await mock.fault({ status: 503, body: "", headers: { "retry-after-ms": "1" }, count: 10 });
    err = await failure(zc.dropCluster(SEEDED[0], { maxRetries: 4 }));
    assert.equal(err.attempts, 5);
    assert.equal((await mock.requests()).length, 5);
  });

  it("never retries a 4xx other than 408/429, a 501, or an HTTP 200 with a non-zero code", async () => {
    const faults = [
      { status: 400, json: { code: 80000, message: "incorrect parameter" } },
      { status: 401, json: { code: 80001, message: "bad key" } },
      { status: 403, json: { code: 96013, message: "no" } },
      { status: 404, json: { code: 96018, message: "no" } },
      { status: 501, body: "" },
      { json: { code: 96021, message: "Free cluster" } },
    ];
    for (const f of faults) {
      await mock.reset();
      await mock.fault({ ...f, count: 5 });
      const err = await failure(zc.dropCluster(SEEDED[0]));
      assert.equal(err.attempts, 1, JSON.stringify(f));
      assert.equal((await mock.requests()).length, 1, JSON.stringify(f));
    }
    const err = await failure(zc.dropCluster("in01-000000000000000"));
    assert.equal(err.attempts, 1, "96018 is not retried");
  });

  it("maybeDropped: a retry finds the cluster gone after a timed-out attempt", async () => {
    // The first attempt is delayed past the timeout, but the mock still drops the
    // cluster 150 ms in; the retry comes at least 100 + 250 ms (backoff) in.
    await mock.fault({ delayMs: 150 });
    const err = await failure(zc.dropCluster(SEEDED[0], { timeoutMs: 100 }));
    assert.equal(err.kind, "not_found");
    assert.equal(err.code, 96018);
    assert.equal(err.maybeDropped, true);
    assert.equal(err.retryable, false);
    assert.equal(err.attempts, 2);
    assert.match(err.message, /timed out/);
    assert.match(err.message, /probably dropped/);
  });

  it("maybeDropped: also after a 5xx", async () => {
    await mock.fault({ status: 503, body: "", headers: { "retry-after-ms": "1" } });
    await mock.fault({ json: { code: 96018, message: "Cluster not found" } });
    const err = await failure(zc.dropCluster(SEEDED[0]));
    assert.equal(err.maybeDropped, true);
    assert.equal(err.attempts, 2);
  });

  it("not maybeDropped after a 429, which was not carried out", async () => {
    await mock.fault({ status: 429, headers: { "retry-after-ms": "1" } });
    const err = await failure(zc.dropCluster("in01-000000000000000"));
    assert.equal(err.kind, "not_found");
    assert.equal(err.maybeDropped, false);
  });
});

describe("timeouts and aborts", () => {
  it("timeout: an attempt that runs past timeoutMs", async () => {
    await mock.fault({ delayMs: 3000 });
    const started = Date.now();
    const err = await failure(zc.dropCluster(SEEDED[0], { timeoutMs: 150, maxRetries: 0 }));
    assert.deepEqual([err.kind, err.status, err.code, err.retryable, err.attempts], ["timeout", null, null, true, 1]);
    assert.match(err.message, /150 ms/);
    assert.ok(Date.now() - started < 2900, "did not wait for the server");
  });

  it("timeout: the client's timeoutMs applies per attempt", async () => {
    const quick = new ZillizCloud({ apiKey: mock.apiKey, baseUrl: mock.url, timeoutMs: 100, maxRetries: 1 });
    await mock.fault({ delayMs: 2000, count: 2 });
    const err = await failure(quick.dropCluster(SEEDED[0]));
    assert.equal(err.kind, "timeout");
    assert.equal(err.attempts, 2);
  });

  it("timeout: a body that stalls after the headers", async () => {
    await mock.fault({ action: "stall_body" });
    const err = await failure(zc.dropCluster(SEEDED[0], { timeoutMs: 300, maxRetries: 0 }));
    assert.equal(err.kind, "timeout");
    assert.equal(err.status, 200, "the headers had arrived");
  });

  it("aborted: the signal fires during a slow attempt", async () => {
    await mock.fault({ delayMs: 3000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const err = await failure(zc.dropCluster(SEEDED[0], { signal: ac.signal }));
    assert.deepEqual([err.kind, err.retryable, err.attempts], ["aborted", false, 1]);
  });

  it("aborted: the signal interrupts a backoff wait at once", async () => {
    await mock.fault({ status: 429, headers: { "retry-after": "30" } });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const started = Date.now();
    const err = await failure(zc.dropCluster(SEEDED[0], { signal: ac.signal }));
    assert.equal(err.kind, "aborted");
    assert.equal(err.attempts, 1);
    assert.ok(Date.now() - started < 20_000, "did not sit out the 30 s wait");
    assert.equal((await mock.requests()).length, 1);
  });

  it("aborted: an already-aborted signal sends nothing", async () => {
    const err = await failure(zc.dropCluster(SEEDED[0], { signal: AbortSignal.abort() }));
    assert.equal(err.kind, "aborted");
    assert.equal(err.attempts, 0);
    assert.equal((await mock.requests()).length, 0);
  });

  it("the client works after timeouts and aborts", async () => {
    const res = await zc.dropCluster(SEEDED[1]);
    assert.equal(res.code, 0);
  });
});
