// Bad input is refused before any request: checked through the mock's request log.
import { describe, it, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { ZillizCloud, dropCluster, ZillizError } from "zilliz-cloud-wasm";
import { startMock, SEEDED } from "./helpers/mock.mjs";

let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock.stop());
beforeEach(() => mock.reset());

function assertInvalid(err, field) {
  assert.ok(err instanceof ZillizError, `not a ZillizError: ${err}`);
  assert.equal(err.kind, "invalid_input");
  assert.equal(err.attempts, 0);
  assert.equal(err.retryable, false);
  assert.equal(err.maybeDropped, false);
  assert.equal(err.code, null);
  assert.equal(err.status, null);
  assert.equal(err.requestId, null);
  if (field) assert.match(err.message, new RegExp(`\\b${field}\\b`), err.message);
}

// A key that is given is checked, with or without a baseUrl; a missing one only without (a
// client behind a proxy that adds its own key holds none).
const badKeys = ["", "   ", "\t\n", 42, true, {}, ["k"], "sk-bad\nkey", "sk-bad\u0000key", "sk-clé-secret", " sk-padded", "sk-padded "];
const badIds = ["", "../x", "a/b", "a?b", "a#b", "%2e", "a b", "clüster", "in01.x", "x".repeat(129), 5, null, undefined, {}];
const badBaseUrls = ["", "api.cloud.zilliz.com", "ftp://host", "http://", "http://user:pw@127.0.0.1", "http://127.0.0.1/?q=1", "http://127.0.0.1/#f", "http://127.0.0.1:99999", "javascript:alert(1)", 7];
const badTimeouts = [0, -1, NaN, Infinity, 600_001, "100", true];
const badRetries = [-1, 11, 1.5, NaN, Infinity, "2", false];

describe("invalid input sends no request", () => {
  it("the constructor refuses options that are not an object", () => {
    for (const options of [undefined, null, "sk-key", 5, [], () => {}]) {
      assert.throws(() => new ZillizCloud(options), (err) => (assertInvalid(err, "options"), true));
    }
  });

  it("bad apiKey, at construction and in the one-shot form", async () => {
    for (const apiKey of badKeys) {
      assert.throws(() => new ZillizCloud({ apiKey, baseUrl: mock.url }), (err) => (assertInvalid(err, "apiKey"), true), String(apiKey));
      await assert.rejects(dropCluster({ apiKey, baseUrl: mock.url, clusterId: SEEDED[0] }), (err) => (assertInvalid(err, "apiKey"), true));
    }
    for (const apiKey of [undefined, null]) {
      assert.throws(() => new ZillizCloud({ apiKey, region: "cn" }), (err) => (assertInvalid(err, "apiKey"), true), `${apiKey} without a baseUrl`);
      await assert.rejects(dropCluster({ apiKey, clusterId: SEEDED[0] }), (err) => (assertInvalid(err, "apiKey"), true));
      new ZillizCloud({ apiKey, baseUrl: mock.url }).free(); // behind a proxy: no key
    }
    assert.equal((await mock.requests()).length, 0);
  });

  it("bad clusterId rejects the promise", async () => {
    const zc = new ZillizCloud({ apiKey: mock.apiKey, baseUrl: mock.url });
    for (const id of badIds) {
      await assert.rejects(zc.dropCluster(id), (err) => (assertInvalid(err, "clusterId"), true), String(id));
      await assert.rejects(dropCluster({ apiKey: mock.apiKey, baseUrl: mock.url, clusterId: id }), (err) => (assertInvalid(err, "clusterId"), true));
    }
    assert.equal((await mock.requests()).length, 0);
  });

  it("bad region, baseUrl, timeoutMs, maxRetries", async () => {
    const cases = [
      ...["us", "GLOBAL", "", 1].map((region) => [{ region }, "region"]),
      ...badBaseUrls.map((baseUrl) => [{ baseUrl }, "baseUrl"]),
      ...badTimeouts.map((timeoutMs) => [{ timeoutMs }, "timeoutMs"]),
      ...badRetries.map((maxRetries) => [{ maxRetries }, "maxRetries"]),
      [{ fetch: "not a function" }, "fetch"],
    ];
    for (const [extra, field] of cases) {
      const options = { apiKey: mock.apiKey, baseUrl: mock.url, ...extra };
      assert.throws(() => new ZillizCloud(options), (err) => (assertInvalid(err, field), true), JSON.stringify(extra));
      await assert.rejects(dropCluster({ ...options, clusterId: SEEDED[0] }), (err) => (assertInvalid(err, field), true));
    }
    assert.equal((await mock.requests()).length, 0);
  });

  it("bad per-call options reject the promise", async () => {
    const zc = new ZillizCloud({ apiKey: mock.apiKey, baseUrl: mock.url });
    const cases = [
      ...badTimeouts.map((timeoutMs) => [{ timeoutMs }, "timeoutMs"]),
      ...badRetries.map((maxRetries) => [{ maxRetries }, "maxRetries"]),
      [{ signal: "soon" }, "signal"],
      ["fast", "options"],
      [7, "options"],
    ];
    for (const [options, field] of cases) {
      await assert.rejects(zc.dropCluster(SEEDED[0], options), (err) => (assertInvalid(err, field), true), JSON.stringify(options));
    }
    assert.equal((await mock.requests()).length, 0);
  });

  it("the one-shot form refuses options that are not an object", async () => {
    for (const options of [undefined, null, "in01-6183d6bac30f801", 3]) {
      await assert.rejects(dropCluster(options), (err) => (assertInvalid(err, "options"), true));
    }
  });

  it("messages never repeat the bad value", async () => {
    const secret = "sk-pasted-into-the-wrong-field-9f8e7d";
    const zc = new ZillizCloud({ apiKey: mock.apiKey, baseUrl: mock.url });
    const errs = [
      await zc.dropCluster(secret + "/").catch((e) => e),
      await zc.dropCluster(secret.repeat(5)).catch((e) => e),
      await dropCluster({ apiKey: mock.apiKey, baseUrl: `http://u:${secret}@127.0.0.1`, clusterId: "x" }).catch((e) => e),
      await dropCluster({ apiKey: secret + "\n", clusterId: "x" }).catch((e) => e),
      await dropCluster({ apiKey: mock.apiKey, region: secret, clusterId: "x" }).catch((e) => e),
    ];
    for (const err of errs) {
      assertInvalid(err);
      assert.ok(!String(err).includes(secret) && !JSON.stringify(err).includes(secret) && !err.stack.includes(secret));
    }
  });

  it("valid options of every kind are accepted and the client then works", async () => {
    const zc = new ZillizCloud({ apiKey: mock.apiKey, baseUrl: mock.url + "/", region: "cn", timeoutMs: 0.5 * 20_000, maxRetries: 0 });
    const res = await zc.dropCluster(SEEDED[0], { timeoutMs: 600_000, maxRetries: 10, signal: new AbortController().signal });
    assert.equal(res.code, 0);
    assert.equal((await mock.requests()).length, 1);
  });
});
