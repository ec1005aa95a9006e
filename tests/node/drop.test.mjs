// Success and every error kind a response can produce, against the real mock.
import { describe, it, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { ZillizCloud, dropCluster } from "zilliz-cloud-wasm";
import { startMock, SEEDED } from "./helpers/mock.mjs";
import { failure } from "./helpers/failure.mjs";

let mock;
let zc;
before(async () => {
  mock = await startMock();
  zc = new ZillizCloud({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 0 });
});
after(() => mock.stop());
beforeEach(() => mock.reset());


/** After any failure the same client still drops a cluster. */
async function stillWorks(client = zc) {
  await mock.seed(["in09-aaaaaaaaaaaaaaa"]);
  const res = await client.dropCluster("in09-aaaaaaaaaaaaaaa");
  assert.equal(res.code, 0);
}

describe("success", () => {
  it("drops a seeded cluster and resolves to the parsed body", async () => {
    const res = await zc.dropCluster(SEEDED[0]);
    assert.equal(res.code, 0);
    assert.equal(res.data.clusterId, SEEDED[0]);
    assert.match(res.data.prompt, /recycle bin/);
    assert.match(res.data.prompt, /30 days/);
    const [req] = await mock.requests();
    assert.equal(req.method, "DELETE");
    assert.equal(req.path, `/v2/clusters/${SEEDED[0]}/drop`);
    assert.equal(req.auth, "matched");
    assert.equal(req.accept, "application/json");
  });

  it("the one-shot dropCluster does the same", async () => {
    const res = await dropCluster({ apiKey: mock.apiKey, baseUrl: mock.url, clusterId: SEEDED[1] });
    assert.deepEqual(res.data.clusterId, SEEDED[1]);
    assert.equal((await mock.requests()).length, 1);
  });

  it("keeps a baseUrl's path prefix and ignores its trailing slash", async () => {
    const prefixed = new ZillizCloud({ apiKey: mock.apiKey, baseUrl: `${mock.url}/api/zilliz/` });
    await prefixed.dropCluster(SEEDED[2]);
    const [req] = await mock.requests();
    assert.equal(req.path, `/api/zilliz/v2/clusters/${SEEDED[2]}/drop`);
  });

  it("accepts cluster IDs of other shapes in [A-Za-z0-9_-]", async () => {
    await mock.seed(["my_Cluster-42"]);
    const res = await zc.dropCluster("my_Cluster-42");
    assert.equal(res.data.clusterId, "my_Cluster-42");
  });

  it("keeps unknown fields and accepts the legacy code 200", async () => {
    await mock.fault({ json: { code: 200, data: { clusterId: "c1", prompt: "p", region: "x" }, extra: [1, 2] } });
    const res = await zc.dropCluster("c1");
    assert.deepEqual(res, { code: 200, data: { clusterId: "c1", prompt: "p", region: "x" }, extra: [1, 2] });
  });

  it("runs concurrent calls on one client", async () => {
    await mock.seed(["c-1", "c-2", "c-3", "c-4", "c-5"]);
    const results = await Promise.all(["c-1", "c-2", "c-3", "c-4", "c-5"].map((id) => zc.dropCluster(id)));
    assert.deepEqual(results.map((r) => r.data.clusterId), ["c-1", "c-2", "c-3", "c-4", "c-5"]);
  });
});

describe("errors a response can produce", () => {
  it("auth: a wrong key is 401 with code 80001", async () => {
    const bad = new ZillizCloud({ apiKey: "sk-wrong-key-123456", baseUrl: mock.url });
    const err = await failure(bad.dropCluster(SEEDED[0]));
    assert.equal(err.kind, "auth");
    assert.equal(err.status, 401);
    assert.equal(err.code, 80001);
    assert.equal(typeof err.requestId, "string");
    assert.ok(err.requestId.length > 0);
    assert.equal(err.retryable, false);
    assert.equal(err.attempts, 1, "401 is never retried");
    assert.equal(err.maybeDropped, false);
    assert.equal((await mock.requests())[0].auth, "mismatched");
    await stillWorks(bad).catch(() => {}); // the bad client keeps failing cleanly
    await stillWorks();
  });

  it("auth: 21119 'The apikey is illegal'", async () => {
    await mock.fault({ status: 401, json: { code: 21119, message: "The apikey is illegal" } });
    const err = await failure(zc.dropCluster(SEEDED[0]));
    assert.equal(err.kind, "auth");
    assert.equal(err.code, 21119);
    assert.match(err.message, /The apikey is illegal/);
    await stillWorks();
  });

  it("not_found: HTTP 200 with code 96018, also on a second drop", async () => {
    const err = await failure(zc.dropCluster("in01-ffffffffffffff0"));
    assert.equal(err.kind, "not_found");
    assert.equal(err.status, 200);
    assert.equal(err.code, 96018);
    assert.match(err.message, /not found/i);
    assert.equal(err.retryable, false);
    assert.equal(err.maybeDropped, false, "nothing earlier was unknown");
    await zc.dropCluster(SEEDED[0]);
    const again = await failure(zc.dropCluster(SEEDED[0]));
    assert.equal(again.code, 96018);
    await stillWorks();
  });

  it("not_found: HTTP 404 without a body", async () => {
    await mock.fault({ status: 404, action: "empty" });
    const err = await failure(zc.dropCluster(SEEDED[0]));
    assert.equal(err.kind, "not_found");
    assert.equal(err.status, 404);
    assert.equal(err.code, null);
  });

  it("permission: 403 and the permission codes", async () => {
    await mock.fault({ status: 403, json: { code: 96013, message: "no permission" } });
    let err = await failure(zc.dropCluster(SEEDED[0]));
    assert.deepEqual([err.kind, err.status, err.code], ["permission", 403, 96013]);
    await mock.fault({ status: 200, json: { code: 40022, message: "no permission" } });
    err = await failure(zc.dropCluster(SEEDED[0]));
    assert.deepEqual([err.kind, err.status, err.code], ["permission", 200, 40022]);
    await stillWorks();
  });

  it("rate_limited: 429 is retryable", async () => {
    await mock.fault({ status: 429, headers: { "retry-after": "1" }, json: { code: 429, message: "slow down" } });
    const err = await failure(zc.dropCluster(SEEDED[0]));
    assert.deepEqual([err.kind, err.status, err.code, err.retryable], ["rate_limited", 429, 429, true]);
    await stillWorks();
  });

  it("rate_limited: the mock's own limit answers 429 with Retry-After", async () => {
    await mock.setRate(2);
    const calls = await Promise.allSettled([1, 2, 3, 4].map(() => zc.dropCluster("nope")));
    const kinds = calls.map((c) => c.reason.kind).sort();
    assert.deepEqual(kinds, ["not_found", "not_found", "rate_limited", "rate_limited"]);
  });

  it("server: 5xx with JSON and with an HTML page", async () => {
    await mock.fault({ status: 500, json: { code: 500, message: "internal" } });
    let err = await failure(zc.dropCluster(SEEDED[0]));
    assert.deepEqual([err.kind, err.status, err.code, err.retryable], ["server", 500, 500, true]);
    await mock.fault({ action: "html", status: 502 });
    err = await failure(zc.dropCluster(SEEDED[0]));
    assert.deepEqual([err.kind, err.status, err.code], ["server", 502, null]);
    assert.doesNotMatch(err.message, /<html/i);
    await stillWorks();
  });

  it("api: other refusals keep their code and message", async () => {
    await mock.fault({ json: { code: 96021, message: "Operation not supported on Free clusters" } });
    let err = await failure(zc.dropCluster(SEEDED[0]));
    assert.deepEqual([err.kind, err.status, err.code, err.retryable], ["api", 200, 96021, false]);
    assert.match(err.message, /Free clusters/);
    await mock.fault({ status: 400, json: { code: 80000, message: "incorrect parameter" } });
    err = await failure(zc.dropCluster(SEEDED[0]));
    assert.deepEqual([err.kind, err.status, err.code], ["api", 400, 80000]);
    await stillWorks();
  });

  it("decode: HTML with 200, truncated JSON, an empty body, a wrong shape", async () => {
    const faults = [
      { action: "html", status: 200 },
      { action: "truncated_json" },
      { action: "empty" },
      { json: { code: "0", data: { clusterId: "c", prompt: "p" } } },
      { json: { code: 0, data: null } },
      { json: { code: 0, data: { clusterId: 7, prompt: "p" } } },
      { json: [{ code: 0 }] },
    ];
    for (const f of faults) {
      await mock.fault(f);
      const err = await failure(zc.dropCluster(SEEDED[0]));
      assert.equal(err.kind, "decode", JSON.stringify(f));
      assert.equal(err.status, 200);
      assert.equal(err.attempts, 1, "a 2xx is never retried");
      assert.equal(typeof err.requestId, "string");
    }
    await stillWorks();
  });

  it("network: a reset connection, and a port where nothing listens", async () => {
    await mock.fault({ action: "reset" });
    let err = await failure(zc.dropCluster(SEEDED[0]));
    assert.deepEqual([err.kind, err.status, err.code, err.retryable], ["network", null, null, true]);
    const nowhere = new ZillizCloud({ apiKey: mock.apiKey, baseUrl: "http://127.0.0.1:1", maxRetries: 0 });
    err = await failure(nowhere.dropCluster(SEEDED[0]));
    assert.equal(err.kind, "network");
    assert.equal(err.attempts, 1);
    await stillWorks();
  });

  it("a redirect is not followed and names its target", async () => {
    await mock.fault({ status: 307, headers: { location: "http://127.0.0.1:1/elsewhere" } });
    const err = await failure(zc.dropCluster(SEEDED[0]));
    assert.equal(err.kind, "api");
    assert.equal(err.status, 307);
    assert.match(err.message, /307/);
    assert.match(err.message, /127\.0\.0\.1:1\/elsewhere/);
    await stillWorks();
  });
});
