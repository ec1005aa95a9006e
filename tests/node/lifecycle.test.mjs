// Describe, list, clusters(), the guarded drop, waitUntilDropped, suspend and resume,
// keptInRecycleBin: against the real mock, whose clusters change over time.
import { describe, it, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { ZillizCloud, dropCluster, keptInRecycleBin } from "zilliz-cloud-wasm";
import { startMock, SEEDED, API_KEY } from "./helpers/mock.mjs";
import { failure } from "./helpers/failure.mjs";

const PROD = SEEDED[0]; // "prod-search", Standard
const SERVERLESS = SEEDED[2]; // "preview-pr-412", Serverless
const FREE = "in03-aaaaaaaaaaaaaaa"; // "free-sandbox": a Free cluster described as Serverless

let mock;
let zc;
before(async () => {
  mock = await startMock();
  zc = new ZillizCloud({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 0 });
});
after(() => mock.stop());
beforeEach(() => mock.reset());

const methods = async () => (await mock.requests()).map((r) => `${r.method} ${r.path}${r.query ? `?${r.query}` : ""}`);
const okBody = (data) => JSON.stringify({ code: 0, data });
const fetchOf = (answer) => async (url) => new Response(typeof answer == "function" ? answer(url) : answer);

describe("describeCluster", () => {
  it("resolves to the documented cluster, unknown fields kept", async () => {
    const res = await zc.describeCluster(PROD);
    assert.equal(res.code, 0);
    assert.deepEqual(
      [res.data.clusterId, res.data.clusterName, res.data.plan, res.data.status, res.data.regionId],
      [PROD, "prod-search", "Standard", "RUNNING", "aws-us-west-2"],
    );
    for (const n of ["cuSize", "storageSize", "snapshotNumber", "createProgress"]) assert.equal(typeof res.data[n], "number", n);
    assert.deepEqual(await methods(), [`GET /v2/clusters/${PROD}`]);
    await mock.fault({ json: { code: 0, data: { clusterId: PROD, status: "HIBERNATING", plan: "Galactic", replica: 3 }, extra: true } });
    const odd = await zc.describeCluster(PROD);
    assert.deepEqual([odd.data.status, odd.data.plan, odd.data.replica, odd.extra], ["HIBERNATING", "Galactic", 3, true]);
  });

  it("another cluster's answer is decode, naming both", async () => {
    await mock.fault({ json: { code: 0, data: { clusterId: SERVERLESS } } });
    const err = await failure(zc.describeCluster(PROD));
    assert.equal(err.kind, "decode");
    assert.ok(err.message.includes(PROD) && err.message.includes(SERVERLESS), err.message);
  });

  it("not found is never maybeDropped, even after an unknown outcome", async () => {
    await mock.fault({ status: 503, json: { code: 503, message: "unavailable" } });
    const err = await failure(zc.describeCluster("in09-0000000000dead0", { maxRetries: 1 }));
    assert.deepEqual([err.kind, err.code, err.attempts, err.maybeDropped], ["not_found", 96018, 2, false]);
  });

  it("retries a 429 and a timeout as the drop does, announcing each wait", async () => {
    await mock.fault({ status: 429, headers: { "retry-after-ms": "5" }, json: { code: 429, message: "slow down" } });
    await mock.fault({ delayMs: 500 });
    const events = [];
    const res = await zc.describeCluster(PROD, { maxRetries: 2, timeoutMs: 200, onRetry: (e) => events.push([e.attempt, e.error.kind]) });
    assert.equal(res.data.clusterId, PROD);
    assert.deepEqual(events, [[1, "rate_limited"], [2, "timeout"]]);
  });

  it("bad IDs are invalid_input with nothing sent", async () => {
    for (const id of ["", "a/b", "x".repeat(129), 42, null]) {
      const err = await failure(zc.describeCluster(id));
      assert.deepEqual([err.kind, err.attempts], ["invalid_input", 0]);
    }
    assert.equal((await mock.requests()).length, 0);
  });
});

describe("listClusters", () => {
  it("one page in the object form; pageSize and currentPage sent only when given", async () => {
    const page = await zc.listClusters();
    assert.deepEqual([page.code, page.data.count, page.data.currentPage, page.data.pageSize], [0, 3, 1, 10]);
    assert.deepEqual(page.data.clusters.map((c) => c.clusterId), [...SEEDED].sort());
    await zc.listClusters({ pageSize: 2, currentPage: 2 });
    assert.deepEqual(await methods(), ["GET /v2/clusters", "GET /v2/clusters?pageSize=2&currentPage=2"]);
  });

  it("the schema table's bare array is given in the object form", async () => {
    const clusters = [{ clusterId: "a", clusterName: "x" }, { clusterId: "b" }];
    const bare = new ZillizCloud({ apiKey: API_KEY, fetch: fetchOf(okBody(clusters)) });
    const page = await bare.listClusters({ pageSize: 5, currentPage: 3 });
    assert.deepEqual(page.data, { clusters, count: 2, currentPage: 3, pageSize: 5 });
    const defaults = await bare.listClusters();
    assert.deepEqual([defaults.data.count, defaults.data.currentPage, defaults.data.pageSize], [2, 1, 2]);
  });

  it("what is not a page of clusters is decode", async () => {
    for (const data of [{ count: 1 }, [{ clusterName: "no id" }], [7], "x", { clusters: {} }]) {
      const client = new ZillizCloud({ apiKey: API_KEY, fetch: fetchOf(okBody(data)) });
      assert.equal((await failure(client.listClusters())).kind, "decode", JSON.stringify(data));
    }
  });

  it("pageSize and currentPage are integers from 1 to 1000", async () => {
    for (const options of [{ pageSize: 0 }, { pageSize: 1001 }, { currentPage: 1.5 }, { pageSize: "5" }, { currentPage: NaN }]) {
      const err = await failure(zc.listClusters(options));
      assert.equal(err.kind, "invalid_input", JSON.stringify(options));
    }
    assert.equal((await mock.requests()).length, 0);
  });
});

describe("clusters()", () => {
  const all = async (options) => {
    const seen = [];
    for await (const c of zc.clusters(options)) seen.push(c.clusterId);
    return seen;
  };

  for (const n of [0, 1, 10, 2500]) {
    it(`yields every one of ${n} clusters, page after page, and stops`, async () => {
      await mock.clear();
      if (n) await mock.generate(n);
      const pageSize = n === 2500 ? 100 : 10;
      const seen = await all({ pageSize });
      assert.equal(seen.length, n);
      assert.equal(new Set(seen).size, n, "no cluster twice");
      const pages = Math.max(1, Math.ceil(n / pageSize));
      assert.equal((await mock.requests()).length, pages, "one request a page, none after the last");
    });
  }

  it("starts at currentPage", async () => {
    await mock.generate(25);
    assert.equal((await all({ pageSize: 10, currentPage: 2 })).length, 28 - 10);
  });

  it("break sends no further request", async () => {
    await mock.generate(50);
    for await (const c of zc.clusters({ pageSize: 10 })) {
      void c;
      break;
    }
    assert.equal((await mock.requests()).length, 1);
  });

  it("a signal aborts it", async () => {
    await mock.generate(50);
    const controller = new AbortController();
    const seen = [];
    const err = await failure((async () => {
      for await (const c of zc.clusters({ pageSize: 10, signal: controller.signal })) {
        seen.push(c);
        if (seen.length === 15) controller.abort();
      }
    })());
    assert.equal(err.kind, "aborted");
    assert.equal(seen.length, 20, "the page in hand is finished, no page after the abort");
    assert.equal((await mock.requests()).length, 2);
  });

  it("a server whose pages never end is left after 1,000 pages", async () => {
    let asked = 0;
    const endless = new ZillizCloud({
      apiKey: API_KEY,
      fetch: fetchOf((url) => {
        asked++;
        const page = Number(new URL(url).searchParams.get("currentPage"));
        return okBody({ count: 1e12, currentPage: page, pageSize: 1, clusters: [{ clusterId: `c${page}` }] });
      }),
    });
    let n = 0;
    for await (const c of endless.clusters({ pageSize: 1 })) {
      void c;
      n++;
    }
    assert.deepEqual([n, asked], [1000, 1000]);
  });
});

describe("the guarded drop (expectName)", () => {
  it("describes, then drops only if the name is exactly the expected one", async () => {
    const res = await zc.dropCluster(PROD, { expectName: "prod-search" });
    assert.equal(res.data.clusterId, PROD);
    assert.deepEqual(await methods(), [`GET /v2/clusters/${PROD}`, `DELETE /v2/clusters/${PROD}/drop`]);
  });

  it("another name is precondition, both names in the message, and no DELETE", async () => {
    await mock.put([{ clusterId: PROD, clusterName: "prod-search-renamed" }]);
    for (const expectName of ["prod-search", "PROD-SEARCH", "prod-search-renamed ", " prod-search-renamed"]) {
      const err = await failure(zc.dropCluster(PROD, { expectName }));
      assert.deepEqual([err.kind, err.attempts, err.retryable], ["precondition", 1, false]);
      assert.ok(err.message.includes(`"${expectName}"`) && err.message.includes('"prod-search-renamed"'), err.message);
    }
    const once = await failure(dropCluster({ apiKey: mock.apiKey, baseUrl: mock.url, clusterId: PROD, expectName: "prod-search" }));
    assert.equal(once.kind, "precondition");
    assert.ok((await methods()).every((m) => m.startsWith("GET ")), "no DELETE was sent");
    assert.equal((await zc.describeCluster(PROD)).data.status, "RUNNING");
  });

  it("a failed describe fails the drop with its own error and no DELETE", async () => {
    const wrongKey = new ZillizCloud({ apiKey: "sk-zcw-WRONG-key-000", baseUrl: mock.url });
    assert.equal((await failure(wrongKey.dropCluster(PROD, { expectName: "prod-search" }))).kind, "auth");
    await mock.fault({ status: 503, json: { code: 503, message: "down" }, count: 3 });
    const err = await failure(zc.dropCluster(PROD, { expectName: "prod-search", maxRetries: 2 }));
    assert.deepEqual([err.kind, err.attempts, err.maybeDropped], ["server", 3, false]);
    assert.ok((await methods()).every((m) => m.startsWith("GET ")), "no DELETE was sent");
  });

  it("attempts count both requests", async () => {
    await mock.fault({ status: 503, json: { code: 503, message: "down" } });
    await mock.fault({ status: 200, json: { code: 0, data: { clusterId: PROD, clusterName: "prod-search" } } });
    await mock.fault({ status: 503, json: { code: 503, message: "down" } });
    await mock.fault({ status: 503, json: { code: 503, message: "down" } });
    const err = await failure(zc.dropCluster(PROD, { expectName: "prod-search", maxRetries: 1 }));
    assert.deepEqual([err.kind, err.attempts], ["server", 4]);
  });

  it("a misspelled guard is invalid_input, naming it, with nothing sent", async () => {
    for (const [call, name] of [
      [() => zc.dropCluster(PROD, { expectname: "prod-search" }), "expectname"],
      [() => zc.dropCluster(PROD, { expectedName: "prod-search" }), "expectedName"],
      [() => dropCluster({ apiKey: mock.apiKey, baseUrl: mock.url, clusterId: PROD, expect_name: "x" }), "expect_name"],
      [() => dropCluster({ apiKey: mock.apiKey, baseUrl: mock.url, clusterId: PROD, baseURL: "x" }), "baseURL"],
    ]) {
      const err = await failure(call());
      assert.equal(err.kind, "invalid_input");
      assert.ok(err.message.includes(name), err.message);
    }
    assert.equal((await failure(zc.dropCluster(PROD, { expectName: "" }))).kind, "invalid_input", "an empty guard");
    assert.equal((await mock.requests()).length, 0);
    // The other calls keep ignoring names they do not know.
    assert.equal((await zc.describeCluster(PROD, { expectname: "x", whatever: 1 })).code, 0);
  });

  it("a signal whose aborted cannot be read stops the drop with nothing sent", async () => {
    const signal = new Proxy(new AbortController().signal, {
      get(target, name) {
        if (name === "aborted") throw new Error("unreadable");
        const v = Reflect.get(target, name, target);
        return typeof v == "function" ? v.bind(target) : v;
      },
    });
    const err = await failure(zc.dropCluster(PROD, { signal }));
    assert.deepEqual([err.kind, err.attempts], ["invalid_input", 0]);
    assert.match(err.message, /signal/);
    assert.equal((await mock.requests()).length, 0);
    assert.equal((await zc.describeCluster(PROD)).data.status, "RUNNING", "not dropped");
  });
});

describe("waitUntilDropped", () => {
  it("describes at once and resolves on not found", async () => {
    await zc.dropCluster(PROD);
    const gone = await zc.waitUntilDropped(PROD);
    assert.deepEqual([gone.clusterId, gone.seen, gone.polls], [PROD, "not_found", 1]);
    assert.equal(typeof gone.elapsedMs, "number");
  });

  it("waits 1 s while DELETING, then resolves on DELETED; onPoll before each wait", async () => {
    await mock.timing({ deletingMs: 1500, droppedAs: "deleted" });
    await zc.dropCluster(PROD);
    const polls = [];
    const started = Date.now();
    const gone = await zc.waitUntilDropped(PROD, {
      onPoll(e) {
        polls.push([e.polls, e.status, e.nextPollMs]);
        throw new Error("a hook that throws is ignored");
      },
    });
    const waited = Date.now() - started;
    assert.deepEqual([gone.seen, gone.polls], ["DELETED", 3]);
    assert.deepEqual(polls, [[1, "DELETING", 1000], [2, "DELETING", 2000]]);
    assert.ok(waited >= 2900 && gone.elapsedMs >= 2900, `waited 1 s then 2 s (${waited} ms)`);
    const describes = (await mock.requests()).filter((r) => r.method === "GET");
    for (let i = 1; i < describes.length; i++) {
      assert.ok(describes[i].at - describes[i - 1].at >= 990, "never more than one describe a second");
    }
  });

  it("past maxWaitMs it is timeout, naming the cluster and the last status", async () => {
    await mock.timing({ deletingMs: 60_000 });
    await zc.dropCluster(PROD);
    const err = await failure(zc.waitUntilDropped(PROD, { maxWaitMs: 2500 }));
    assert.deepEqual([err.kind, err.retryable, err.attempts], ["timeout", true, 2]);
    assert.ok(err.message.includes(PROD) && err.message.includes("DELETING"), err.message);
  });

  it("the signal aborts it during a wait, at once, with no timer left", async () => {
    await mock.timing({ deletingMs: 60_000 });
    await zc.dropCluster(PROD);
    const controller = new AbortController();
    const reason = new Error("stop waiting");
    const started = Date.now();
    setTimeout(() => controller.abort(reason), 300);
    const err = await failure(zc.waitUntilDropped(PROD, { signal: controller.signal }));
    assert.deepEqual([err.kind, err.cause], ["aborted", reason]);
    assert.ok(Date.now() - started < 900, "did not wait out the second");
    assert.equal((await mock.requests()).filter((r) => r.method === "GET").length, 1);
  });

  it("a 503 in the middle is retried as a read; a permission error rejects", async () => {
    await mock.timing({ deletingMs: 800 });
    await zc.dropCluster(PROD);
    await mock.fault({ delayMs: 0 });
    await mock.fault({ status: 503, json: { code: 503, message: "down" } });
    const gone = await zc.waitUntilDropped(PROD, { maxRetries: 1 });
    assert.deepEqual([gone.seen, gone.polls], ["not_found", 2]);
    await mock.fault({ status: 403, json: { code: 96013, message: "no permission" } });
    const err = await failure(zc.waitUntilDropped(SEEDED[1]));
    assert.deepEqual([err.kind, err.code], ["permission", 96013]);
  });

  it("a bad maxWaitMs or ID is invalid_input with nothing sent", async () => {
    for (const [id, options] of [[PROD, { maxWaitMs: 0 }], [PROD, { maxWaitMs: 86_400_001 }], [PROD, { maxWaitMs: "5" }], [PROD, { maxWaitMs: 1.5 }], ["a/b", {}], [PROD, { onPoll: 1 }]]) {
      assert.equal((await failure(zc.waitUntilDropped(id, options))).kind, "invalid_input", JSON.stringify(options));
    }
    assert.equal((await mock.requests()).length, 0);
  });
});

describe("suspendCluster and resumeCluster", () => {
  it("suspend then resume a Dedicated cluster, as Describe shows", async () => {
    await mock.timing({ transitionMs: 200 });
    const s = await zc.suspendCluster(PROD);
    assert.deepEqual([s.code, s.data.clusterId, typeof s.data.prompt], [0, PROD, "string"]);
    assert.equal((await zc.describeCluster(PROD)).data.status, "SUSPENDING");
    await new Promise((r) => setTimeout(r, 250));
    assert.equal((await zc.describeCluster(PROD)).data.status, "SUSPENDED");
    await zc.resumeCluster(PROD);
    assert.equal((await zc.describeCluster(PROD)).data.status, "RESUMING");
    assert.deepEqual((await methods()).filter((m) => m.startsWith("POST")), [`POST /v2/clusters/${PROD}/suspend`, `POST /v2/clusters/${PROD}/resume`]);
  });

  it("Free and Serverless clusters refuse with their codes (kind api)", async () => {
    await mock.seed([FREE]);
    for (const id of [SERVERLESS, FREE]) {
      const err = await failure(zc.suspendCluster(id));
      assert.deepEqual([err.kind, err.code, err.status], ["api", 96022, 200]);
    }
    await mock.put([{ clusterId: "in03-ffffffffffffff0", plan: "Free" }]);
    assert.equal((await failure(zc.resumeCluster("in03-ffffffffffffff0"))).code, 96021);
  });

  it("retried as the drop is, never maybeDropped", async () => {
    await mock.fault({ action: "reset" });
    const res = await zc.suspendCluster(PROD, { maxRetries: 1 });
    assert.equal(res.code, 0);
    await mock.fault({ status: 502, json: { code: 502, message: "bad gateway" } });
    const err = await failure(zc.resumeCluster("in09-0000000000dead0", { maxRetries: 1 }));
    assert.deepEqual([err.kind, err.maybeDropped, err.attempts], ["not_found", false, 2]);
  });

  it("another cluster's ID is decode; an echoed key is cleaned; bad IDs send nothing", async () => {
    await mock.fault({ json: { code: 0, data: { clusterId: SERVERLESS, prompt: "p" } } });
    assert.equal((await failure(zc.suspendCluster(PROD))).kind, "decode");
    await mock.fault({ status: 400, json: { code: 80000, message: `bad Bearer ${API_KEY}` } });
    const echoed = await failure(zc.resumeCluster(PROD));
    assert.ok(!echoed.message.includes(API_KEY) && echoed.message.includes("[redacted]"), echoed.message);
    await mock.reset();
    for (const id of ["", "../x", "a b"]) assert.equal((await failure(zc.suspendCluster(id))).kind, "invalid_input");
    assert.equal((await mock.requests()).length, 0);
  });
});

describe("keptInRecycleBin", () => {
  it("true exactly for Standard and Enterprise; never throws", () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const throwing = new Proxy({}, { get() { throw new Error("no"); }, has() { throw new Error("no"); }, getOwnPropertyDescriptor() { throw new Error("no"); } });
    const inherited = Object.create({ plan: "Standard" });
    const cases = [
      [{ plan: "Standard" }, true], [{ plan: "Enterprise" }, true],
      [{ plan: "Free" }, false], [{ plan: "Serverless" }, false], [{ plan: "standard" }, false],
      [{ plan: "" }, false], [{}, false], [{ plan: 1 }, false], [null, false], [undefined, false],
      ["Standard", false], [42, false], [revoked.proxy, false], [throwing, false], [inherited, false],
      [{ get plan() { throw new Error("getter"); } }, false],
    ];
    cases.forEach(([value, want], i) => assert.equal(keptInRecycleBin(value), want, `case ${i}`));
  });

  it("agrees with the mock's plans: the Free cluster described as Serverless is not kept", async () => {
    await mock.seed([FREE]);
    const kept = {};
    for await (const c of zc.clusters()) kept[c.clusterId] = keptInRecycleBin(c);
    assert.deepEqual(kept, { [PROD]: true, [SEEDED[1]]: true, [SERVERLESS]: false, [FREE]: false });
    assert.equal(keptInRecycleBin((await zc.describeCluster(FREE)).data), false);
  });
});
