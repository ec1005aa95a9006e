// The contract's main paths, as one runtime-neutral module run unchanged in every runtime
// (Node, Deno, workerd, a page, a Web Worker, a bundled page). No node: imports and no host
// APIs beyond fetch, AbortController and setTimeout: only what every runtime has.
//
//   import * as api from "zilliz-cloud-wasm";
//   const report = await runContractSuite({ api, mockUrl, apiKey });
//   // { passed, failed, results: [{ name, ok, ms, error? }] }
//
// It drives the mock control plane's /__mock/ surface over fetch, so the mock must be the one
// at mockUrl, started with --api-key apiKey. Tests run one after another; each resets the mock.

const CLUSTER = "in01-6183d6bac30f801";
const OTHER_CLUSTER = "in02-fedcba987654321";
const MISSING_CLUSTER = "in01-0000000000dead0";
// The mock finishes a delayed drop after the client gave up (as a real server would): delayed
// calls use an ID that no test ever seeds, so that a late finish changes nothing for later tests.
const SLOW_CLUSTER = "in01-5f0a5f0a5f0a5f0";
const WRONG_KEY = "sk-zcw-WRONG-never-printed-5b8e";

class AssertionError extends Error {}

function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

function show(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function equal(actual, expected, what) {
  assert(Object.is(actual, expected), `${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Deep equality of JSON-like values (plain objects, arrays, primitives). */
function deepEqual(actual, expected, what) {
  const canon = (v) =>
    Array.isArray(v) ? v.map(canon)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])]))
        : v;
  assert(show(canon(actual)) === show(canon(expected)), `${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/**
 * Runs every test against the mock and returns the results; never throws.
 * @param {{ api: any, mockUrl: string, apiKey: string, testTimeoutMs?: number, log?: (line: string) => void }} options
 */
export async function runContractSuite({ api, mockUrl, apiKey, testTimeoutMs = 15_000, log = () => {} }) {
  const base = String(mockUrl).replace(/\/+$/, "");
  const { ZillizCloud, dropCluster, ZillizError, keptInRecycleBin } = api;

  async function control(method, path, body) {
    const res = await fetch(`${base}/__mock/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`mock control ${method} ${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text);
  }
  const mock = {
    reset: () => control("POST", "reset"),
    seed: (ids) => control("POST", "clusters", { ids }),
    fault: (fault) => control("POST", "faults", fault),
    put: (clusters) => control("POST", "clusters", { clusters }),
    generate: (n) => control("POST", "clusters", { generate: n }),
    clear: () => control("DELETE", "clusters"),
    timing: (patch) => control("POST", "config", patch),
    /** The API requests the mock received (CORS preflights left out). */
    requests: async () => (await control("GET", "requests")).filter((r) => r.method !== "OPTIONS"),
  };

  const client = (options = {}) => new ZillizCloud({ apiKey, baseUrl: base, ...options });
  const successBody = (clusterId) => JSON.stringify({ code: 0, data: { clusterId, prompt: "in the recycle bin for 30 days" } });

  /** The rejection of a call that must fail, checked to be a ZillizError. */
  async function failure(promise, what) {
    let value;
    try {
      value = await promise;
    } catch (err) {
      assert(err instanceof ZillizError, `${what}: rejected with something else than a ZillizError: ${String(err)}`);
      assert(err instanceof Error, `${what}: a ZillizError is an Error`);
      equal(err.name, "ZillizError", `${what}: name`);
      return err;
    }
    throw new AssertionError(`${what}: resolved instead of failing: ${show(value)}`);
  }

  function expectError(err, fields, what) {
    for (const [key, value] of Object.entries(fields)) equal(err[key], value, `${what}: ${key}`);
  }

  /** Every way an error could show itself must be free of these secrets. */
  function expectNoSecret(err, secrets, what) {
    const views = {
      "String(err)": String(err),
      message: String(err.message),
      stack: String(err.stack),
      "JSON.stringify(err)": JSON.stringify(err),
      "own properties": show(Object.fromEntries(Object.getOwnPropertyNames(err).map((k) => [k, String(err[k])]))),
    };
    for (const secret of secrets) {
      for (const [view, text] of Object.entries(views)) {
        // The secret itself is never printed: only where it leaked.
        assert(!text.includes(secret), `${what}: the API key appears in ${view}`);
      }
    }
  }

  const tests = [
    ["exports the contract's names, no init() needed", async () => {
      deepEqual(Object.keys(api).sort(), ["ZillizCloud", "ZillizError", "dropCluster", "keptInRecycleBin"], "exported names");
      equal(typeof keptInRecycleBin, "function", "keptInRecycleBin");
      equal(typeof ZillizCloud, "function", "ZillizCloud");
      equal(typeof dropCluster, "function", "dropCluster");
      assert(ZillizError.prototype instanceof Error, "ZillizError extends Error");
    }],

    ["success: the documented request and response", async () => {
      await mock.seed([CLUSTER]);
      const res = await client().dropCluster(CLUSTER);
      equal(res.code, 0, "code");
      equal(res.data.clusterId, CLUSTER, "data.clusterId");
      equal(typeof res.data.prompt, "string", "data.prompt");
      assert(res.data.prompt.length > 0, "data.prompt is not empty");
      const log = await mock.requests();
      equal(log.length, 1, "requests sent");
      const [req] = log;
      deepEqual([req.method, req.path, req.clusterId, req.auth, req.status], ["DELETE", `/v2/clusters/${CLUSTER}/drop`, CLUSTER, "matched", 200], "request");
      assert(String(req.accept).includes("application/json"), `accept header: ${req.accept}`);
    }],

    ["success: one-shot dropCluster()", async () => {
      await mock.seed([OTHER_CLUSTER]);
      const pending = dropCluster({ apiKey, baseUrl: base, clusterId: OTHER_CLUSTER });
      assert(pending instanceof Promise, "returns a promise");
      const res = await pending;
      deepEqual([res.code, res.data.clusterId], [0, OTHER_CLUSTER], "response");
    }],

    ["auth: a wrong key is HTTP 401, code 80001", async () => {
      await mock.seed([CLUSTER]);
      const err = await failure(client({ apiKey: WRONG_KEY }).dropCluster(CLUSTER), "wrong key");
      expectError(err, { kind: "auth", status: 401, code: 80001, retryable: false, attempts: 1 }, "wrong key");
      assert(typeof err.requestId === "string" && err.requestId.length > 0, "requestId from the response header");
      const log = await mock.requests();
      deepEqual(log.map((r) => r.auth), ["mismatched"], "one request, never retried");
    }],

    ["not_found: HTTP 200 with code 96018", async () => {
      await mock.seed([CLUSTER]);
      const err = await failure(client().dropCluster(MISSING_CLUSTER), "unknown cluster");
      expectError(err, { kind: "not_found", status: 200, code: 96018, retryable: false, attempts: 1, maybeDropped: false }, "unknown cluster");
      equal((await mock.requests()).length, 1, "requests sent (no retry after a 200)");
    }],

    ["rate_limited: 429 with Retry-After is retried, then succeeds", async () => {
      await mock.seed([CLUSTER]);
      await mock.fault({ status: 429, headers: { "retry-after": "1" }, json: { code: 429, message: "rate limit exceeded" } });
      const started = Date.now();
      const res = await client().dropCluster(CLUSTER);
      const waited = Date.now() - started;
      deepEqual([res.code, res.data.clusterId], [0, CLUSTER], "response after the retry");
      deepEqual((await mock.requests()).map((r) => r.status), [429, 200], "statuses");
      assert(waited >= 900, `Retry-After: 1 honoured (waited ${waited} ms)`);
    }],

    ["rate_limited: surfaced when no retry is left (retry-after-ms)", async () => {
      await mock.seed([CLUSTER]);
      await mock.fault({ status: 429, headers: { "retry-after-ms": "5" }, json: { code: 429, message: "rate limit exceeded" }, count: 2 });
      const err = await failure(client({ maxRetries: 1 }).dropCluster(CLUSTER), "429 twice");
      expectError(err, { kind: "rate_limited", status: 429, retryable: true, attempts: 2 }, "429 twice");
      equal((await mock.requests()).length, 2, "requests sent");
    }],

    ["timeout: an attempt past timeoutMs", async () => {
      await mock.seed([CLUSTER]);
      await mock.fault({ delayMs: 3000 });
      const started = Date.now();
      const err = await failure(client().dropCluster(SLOW_CLUSTER, { timeoutMs: 150, maxRetries: 0 }), "slow server");
      expectError(err, { kind: "timeout", retryable: true, attempts: 1 }, "slow server");
      assert(Date.now() - started < 2500, "gave up before the server answered");
    }],

    ["aborted: the caller's AbortSignal", async () => {
      await mock.seed([CLUSTER]);
      await mock.fault({ delayMs: 3000 });
      const controller = new AbortController();
      const started = Date.now();
      const pending = client().dropCluster(SLOW_CLUSTER, { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      const err = await failure(pending, "aborted call");
      expectError(err, { kind: "aborted", retryable: false }, "aborted call");
      assert(Date.now() - started < 2500, "stopped at the abort, not at the server's answer");
      equal((await mock.requests()).length, 1, "requests sent (never retried after an abort)");
    }],

    ["invalid_input: refused before any request, naming the option", async () => {
      // `option` names the field to fix, so that a form never reads the message for it.
      const refused = (fn, option, what) => {
        try {
          fn();
        } catch (err) {
          assert(err instanceof ZillizError, `${what}: threw something else than a ZillizError: ${String(err)}`);
          expectError(err, { kind: "invalid_input", attempts: 0, retryable: false, option }, what);
          return;
        }
        throw new AssertionError(`${what}: the constructor accepted it`);
      };
      refused(() => new ZillizCloud({ apiKey: "", baseUrl: base }), "apiKey", "empty apiKey");
      refused(() => new ZillizCloud({ apiKey, baseUrl: "ftp://127.0.0.1/" }), "baseUrl", "ftp baseUrl");
      refused(() => new ZillizCloud({ apiKey, baseUrl: base, region: "mars" }), "region", "unknown region");
      const calls = [
        ["clusterId with a slash", "clusterId", () => client().dropCluster("in01/../x")],
        ["empty clusterId (one-shot)", "clusterId", () => dropCluster({ apiKey, baseUrl: base, clusterId: "" })],
        ["negative timeoutMs", "timeoutMs", () => client().dropCluster(CLUSTER, { timeoutMs: -1 })],
        ["maxRetries out of range (one-shot)", "maxRetries", () => dropCluster({ apiKey, baseUrl: base, clusterId: CLUSTER, maxRetries: 99 })],
        ["empty expectName", "expectName", () => client().dropCluster(CLUSTER, { expectName: "" })],
      ];
      for (const [what, option, call] of calls) {
        let pending;
        try {
          pending = call();
        } catch (err) {
          throw new AssertionError(`${what}: threw synchronously instead of rejecting: ${String(err)}`);
        }
        const err = await failure(pending, what);
        expectError(err, { kind: "invalid_input", attempts: 0, retryable: false, option }, what);
      }
      equal((await mock.requests()).length, 0, "requests sent");
      const notFound = await failure(client().describeCluster("in01-nosuchcluster0"), "not found");
      equal(notFound.option, null, "not_found: option");
    }],

    ["network, decode and server failures are typed", async () => {
      await mock.seed([CLUSTER]);
      const zc = client({ maxRetries: 0 });
      // A browser may silently resend once on a fresh connection after a reset: fault them all.
      await mock.fault({ action: "reset", count: 3 });
      expectError(await failure(zc.dropCluster(CLUSTER), "connection reset"), { kind: "network", retryable: true }, "connection reset");
      await mock.reset();
      await mock.fault({ status: 200, body: "<html><body>gateway says hi</body></html>", headers: { "content-type": "text/html" } });
      expectError(await failure(zc.dropCluster(CLUSTER), "HTML body"), { kind: "decode", status: 200 }, "HTML body");
      await mock.fault({ status: 503, json: { code: 503, message: "unavailable" } });
      expectError(await failure(zc.dropCluster(CLUSTER), "503"), { kind: "server", status: 503, retryable: true, attempts: 1 }, "503");
    }],

    ["the API key is never in an error", async () => {
      await mock.seed([CLUSTER]);
      const secrets = [apiKey, WRONG_KEY];
      const errors = [];
      errors.push(["wrong key", await failure(client({ apiKey: WRONG_KEY }).dropCluster(CLUSTER), "wrong key")]);
      errors.push(["not found", await failure(client().dropCluster(MISSING_CLUSTER), "not found")]);
      // A server that echoes the key back in its message: the message is kept, the key is not.
      await mock.fault({ status: 400, json: { code: 80000, message: `incorrect parameter near Bearer ${apiKey} (${apiKey})` } });
      const echoed = await failure(client({ maxRetries: 0 }).dropCluster(CLUSTER), "echoed key");
      equal(echoed.kind, "api", "echoed key: kind");
      equal(echoed.code, 80000, "echoed key: code");
      errors.push(["echoed key", echoed]);
      await mock.fault({ delayMs: 2000 });
      errors.push(["timeout", await failure(client().dropCluster(SLOW_CLUSTER, { timeoutMs: 50, maxRetries: 0 }), "timeout")]);
      errors.push(["bad clusterId", await failure(client().dropCluster(`id ${apiKey}`), "bad clusterId")]);
      errors.push(["key as clusterId", await failure(dropCluster({ apiKey, baseUrl: base, clusterId: apiKey + "\n" }), "key as clusterId")]);
      try {
        new ZillizCloud({ apiKey: `${apiKey}\u0001`, baseUrl: base });
        throw new AssertionError("a key with a control character was accepted");
      } catch (err) {
        if (err instanceof AssertionError) throw err;
        errors.push(["control character in key", err]);
      }
      for (const [what, err] of errors) expectNoSecret(err, secrets, what);
    }],

    ["a redirect is never followed with the key", async () => {
      await mock.seed([CLUSTER]);
      // The target is a path on the same mock, which logs any request it gets (as a 404).
      const target = `${base}/stolen/v2/clusters/${CLUSTER}/drop`;
      for (const status of [302, 307, 308]) {
        await mock.reset();
        await mock.fault({ status, headers: { location: target } });
        const err = await failure(client({ maxRetries: 2 }).dropCluster(CLUSTER), `${status} redirect`);
        equal(err.kind, "api", `${status}: kind`);
        equal(err.retryable, false, `${status}: retryable`);
        equal(err.attempts, 1, `${status}: attempts`);
        assert(/redirect/.test(err.message), `${status}: the message says redirect: ${err.message}`);
        // Browsers hide a manual redirect's status and target (an opaque redirect); elsewhere both are named.
        if (err.status !== null) {
          equal(err.status, status, `${status}: status`);
          assert(err.message.includes(target), `${status}: the message names the target: ${err.message}`);
        }
        const followed = (await mock.requests()).filter((r) => r.path.startsWith("/stolen"));
        equal(followed.length, 0, `${status}: requests that followed the redirect`);
      }
    }],

    // ---- CONTRACT.md's rules for every input (custom fetch: no mock needed) ----

    ["options are read from own properties only", async () => {
      const urls = [];
      const fetch = async (url) => (urls.push(url), new Response(successBody(CLUSTER)));
      let evil = 0;
      Object.prototype.baseUrl = "http://127.0.0.1:1/evil";
      Object.prototype.fetch = async () => (evil++, new Response(successBody(CLUSTER)));
      try {
        await new ZillizCloud({ apiKey, fetch }).dropCluster(CLUSTER);
        await dropCluster({ apiKey, clusterId: CLUSTER, fetch });
      } finally {
        delete Object.prototype.baseUrl;
        delete Object.prototype.fetch;
      }
      equal(evil, 0, "calls of the inherited fetch");
      deepEqual(urls, Array(2).fill(`https://api.cloud.zilliz.com/v2/clusters/${CLUSTER}/drop`), "URLs");
    }],

    ["apiKey is 8 to 4,096 characters; baseUrl has no dot segment in any spelling", async () => {
      const fetch = async () => new Response(successBody(CLUSTER));
      for (const [options, what] of [
        [{ apiKey: "1234567" }, "a 7-character key"],
        [{ apiKey: "k".repeat(4097) }, "a 4,097-character key"],
        [{ apiKey, baseUrl: `${base}/a/%2e%2e/b` }, "%2e%2e"],
        [{ apiKey, baseUrl: `${base}/a/.%2E` }, ".%2E"],
      ]) {
        let threw = null;
        try {
          new ZillizCloud({ ...options, fetch });
        } catch (err) {
          threw = err;
        }
        assert(threw instanceof ZillizError && threw.kind === "invalid_input", `${what}: refused with invalid_input`);
      }
      equal((await new ZillizCloud({ apiKey: "12345678", fetch }).dropCluster(CLUSTER)).code, 0, "an 8-character key");
    }],

    ["a success must name the cluster asked for; a BOM is ignored", async () => {
      const other = new ZillizCloud({ apiKey, fetch: async () => new Response(successBody(OTHER_CLUSTER)) });
      const err = await failure(other.dropCluster(CLUSTER), "another cluster");
      equal(err.kind, "decode", "kind");
      assert(err.message.includes(OTHER_CLUSTER) && err.message.includes(CLUSTER), `names both: ${err.message}`);
      const bom = new ZillizCloud({ apiKey, fetch: async () => new Response("\uFEFF" + successBody(CLUSTER)) });
      equal((await bom.dropCluster(CLUSTER)).data.clusterId, CLUSTER, "success with a BOM");
    }],

    ["a status outside 100..599 or not an integer is network", async () => {
      for (const status of [200.5, -1, 0, 600, NaN]) {
        const fetch = async () => ({ status, headers: { get: () => null }, body: null, text: async () => successBody(CLUSTER) });
        const err = await failure(new ZillizCloud({ apiKey, fetch, maxRetries: 0 }).dropCluster(CLUSTER), `status ${status}`);
        equal(err.kind, "network", `status ${status}: kind`);
      }
    }],

    ["onRetry: each wait announced; a long Retry-After waits the cap; the signal ends it with its reason", async () => {
      const controller = new AbortController();
      const reason = new Error("closed by the user");
      const events = [];
      const answers = [
        () => new Response("", { status: 503, headers: { "retry-after-ms": "5" } }),
        () => new Response("{}", { status: 429, headers: { "retry-after": "9".repeat(14) } }),
      ];
      const zc = new ZillizCloud({
        apiKey,
        fetch: async () => answers[Math.min(events.length, 1)](),
        onRetry(event) {
          events.push(event);
          if (events.length === 2) setTimeout(() => controller.abort(reason), 10);
          throw new Error("a hook that throws is ignored");
        },
      });
      const err = await failure(zc.dropCluster(CLUSTER, { signal: controller.signal }), "aborted wait");
      deepEqual(events.map((e) => [e.attempt, e.maxAttempts, e.delayMs, e.error.kind]), [[1, 3, 5, "server"], [2, 3, 60000, "rate_limited"]], "events");
      assert(events[0].error instanceof ZillizError, "the event's error is a ZillizError");
      expectError(err, { kind: "aborted", attempts: 2 }, "aborted wait");
      equal(err.cause, reason, "cause");
    }],

    ["the key, whole or in part, is cleaned from texts before they are cut", async () => {
      const runs = [];
      for (let i = 0; i + 8 <= apiKey.length; i++) runs.push(apiKey.slice(i, i + 8));
      for (const at of [1000 - apiKey.length + 3, 1000 - 4, 995]) {
        const message = "m".repeat(at) + apiKey + " tail";
        const zc = new ZillizCloud({ apiKey, maxRetries: 0, fetch: async () => new Response(JSON.stringify({ code: 80001, message }), { status: 401, headers: { requestid: "r".repeat(256 - 5) + apiKey } }) });
        const err = await failure(zc.dropCluster(CLUSTER), `key at ${at}`);
        // The stack also names this runtime's files, which may share a run with the test key.
        for (const [view, text] of [["message", err.message], ["requestId", String(err.requestId)], ["String(err)", String(err)], ["JSON", JSON.stringify(err)]]) {
          for (const run of runs) assert(!text.includes(run), `key at ${at}: "${run}" of the key is in ${view}`);
        }
        expectNoSecret(err, [apiKey], `key at ${at}`);
      }
    }],

    ["keeps working after every failure", async () => {
      await mock.seed([CLUSTER, OTHER_CLUSTER]);
      const zc = client();
      await failure(zc.dropCluster("bad id"), "invalid id");
      await mock.fault({ action: "html" });
      await failure(zc.dropCluster(CLUSTER, { maxRetries: 0 }), "HTML 502");
      const res = await zc.dropCluster(CLUSTER);
      equal(res.data.clusterId, CLUSTER, "clusterId");
      const again = await failure(zc.dropCluster(CLUSTER), "dropped twice");
      equal(again.kind, "not_found", "dropped twice: kind");
      equal((await dropCluster({ apiKey, baseUrl: base, clusterId: OTHER_CLUSTER })).code, 0, "one-shot code");
    }],

    // ---- Before and after a drop: describe, list, the guarded drop, the wait, suspend and resume ----

    ["describe and list: the documented shapes, the bare array given as the object", async () => {
      await mock.seed([CLUSTER, OTHER_CLUSTER]);
      const described = await client().describeCluster(CLUSTER);
      deepEqual([described.code, described.data.clusterId, described.data.clusterName, described.data.plan, described.data.status], [0, CLUSTER, "prod-search", "Standard", "RUNNING"], "describe");
      const page = await client().listClusters({ pageSize: 2 });
      deepEqual([page.data.count, page.data.currentPage, page.data.pageSize, page.data.clusters.length], [4, 1, 2, 2], "a page");
      deepEqual((await mock.requests()).map((r) => [r.method, r.path, r.query ?? null]), [["GET", `/v2/clusters/${CLUSTER}`, null], ["GET", "/v2/clusters", "pageSize=2"]], "requests");
      const clusters = [{ clusterId: "a" }, { clusterId: "b" }];
      const bare = new ZillizCloud({ apiKey, fetch: async () => new Response(JSON.stringify({ code: 0, data: clusters })) });
      deepEqual((await bare.listClusters({ currentPage: 2 })).data, { clusters, count: 2, currentPage: 2, pageSize: 2 }, "bare array");
      const err = await failure(client({ maxRetries: 0 }).describeCluster(MISSING_CLUSTER), "unknown cluster");
      expectError(err, { kind: "not_found", code: 96018, maybeDropped: false }, "unknown cluster");
    }],

    ["clusters(): every page in turn, no request after the last or after break", async () => {
      await mock.clear();
      await mock.generate(25);
      const ids = [];
      for await (const c of client().clusters({ pageSize: 10 })) ids.push(c.clusterId);
      equal(new Set(ids).size, 25, "distinct clusters");
      equal((await mock.requests()).length, 3, "pages asked");
      await control("DELETE", "requests");
      for await (const c of client().clusters({ pageSize: 10 })) {
        void c;
        break;
      }
      equal((await mock.requests()).length, 1, "pages asked before break");
    }],

    ["the guarded drop: another name is precondition and no DELETE; the right name drops", async () => {
      await mock.put([{ clusterId: CLUSTER, clusterName: "renamed-meanwhile" }]);
      const err = await failure(client().dropCluster(CLUSTER, { expectName: "prod-search" }), "renamed cluster");
      expectError(err, { kind: "precondition", attempts: 1, retryable: false }, "renamed cluster");
      assert(err.message.includes('"prod-search"') && err.message.includes('"renamed-meanwhile"'), `both names: ${err.message}`);
      deepEqual((await mock.requests()).map((r) => r.method), ["GET"], "no DELETE");
      const res = await client().dropCluster(CLUSTER, { expectName: "renamed-meanwhile" });
      equal(res.data.clusterId, CLUSTER, "dropped");
      deepEqual((await mock.requests()).map((r) => r.method), ["GET", "GET", "DELETE"], "describe, then the DELETE");
    }],

    ["a drop never goes ahead with a misspelled guard or a signal it cannot read", async () => {
      await mock.seed([CLUSTER]);
      const unreadable = new Proxy(new AbortController().signal, {
        get(target, name) {
          if (name === "aborted") throw new Error("unreadable");
          const v = Reflect.get(target, name, target);
          return typeof v == "function" ? v.bind(target) : v;
        },
      });
      for (const [what, call] of [
        ["expectname", () => client().dropCluster(CLUSTER, { expectname: "prod-search" })],
        ["expectedName", () => dropCluster({ apiKey, baseUrl: base, clusterId: CLUSTER, expectedName: "prod-search" })],
        ["signal", () => client().dropCluster(CLUSTER, { signal: unreadable })],
      ]) {
        const err = await failure(call(), what);
        expectError(err, { kind: "invalid_input", attempts: 0, option: what }, what);
        assert(err.message.includes(what), `names ${what}: ${err.message}`);
      }
      equal((await mock.requests()).length, 0, "requests sent");
    }],

    ["waitUntilDropped: DELETING, a wait of 1 s, then gone", async () => {
      await mock.seed([CLUSTER]);
      await mock.timing({ deletingMs: 700 });
      await client().dropCluster(CLUSTER);
      const polls = [];
      const gone = await client().waitUntilDropped(CLUSTER, { onPoll: (e) => polls.push([e.polls, e.status, e.nextPollMs]) });
      deepEqual([gone.clusterId, gone.seen, gone.polls], [CLUSTER, "not_found", 2], "result");
      deepEqual(polls, [[1, "DELETING", 1000]], "poll events");
      assert(gone.elapsedMs >= 950, `waited a second (${gone.elapsedMs} ms)`);
    }],

    ["waitUntilDropped: DELETED ends it; maxWaitMs ends in timeout; the signal ends a wait at once", async () => {
      await mock.seed([CLUSTER, OTHER_CLUSTER]);
      await mock.timing({ deletingMs: 0, droppedAs: "deleted" });
      await client().dropCluster(CLUSTER);
      equal((await client().waitUntilDropped(CLUSTER)).seen, "DELETED", "seen");
      await mock.timing({ deletingMs: 60000 });
      await client().dropCluster(OTHER_CLUSTER);
      const late = await failure(client().waitUntilDropped(OTHER_CLUSTER, { maxWaitMs: 500 }), "max wait");
      expectError(late, { kind: "timeout", retryable: true, attempts: 1 }, "max wait");
      assert(late.message.includes("DELETING"), `names the status: ${late.message}`);
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 200);
      const stopped = await failure(client().waitUntilDropped(OTHER_CLUSTER, { signal: controller.signal }), "aborted wait");
      expectError(stopped, { kind: "aborted" }, "aborted wait");
      assert(Date.now() - started < 900, "stopped during the wait");
      expectError(await failure(client().waitUntilDropped(CLUSTER, { maxWaitMs: 0 }), "maxWaitMs 0"), { kind: "invalid_input", attempts: 0 }, "maxWaitMs 0");
    }],

    ["suspend and resume: Dedicated only, checked as the drop is", async () => {
      await mock.seed([CLUSTER, OTHER_CLUSTER]);
      const suspended = await client().suspendCluster(CLUSTER);
      deepEqual([suspended.code, suspended.data.clusterId], [0, CLUSTER], "suspend");
      equal((await client().describeCluster(CLUSTER)).data.status, "SUSPENDED", "status after suspend");
      equal((await client().resumeCluster(CLUSTER)).data.clusterId, CLUSTER, "resume");
      const refused = await failure(client().suspendCluster(OTHER_CLUSTER), "Serverless");
      expectError(refused, { kind: "api", code: 96022, maybeDropped: false }, "Serverless");
      await mock.fault({ status: 503, json: { code: 503, message: "down" } });
      equal((await client().suspendCluster(CLUSTER)).code, 0, "a 503 is retried");
      deepEqual((await mock.requests()).filter((r) => r.method === "POST").map((r) => r.path.split("/").pop()), ["suspend", "resume", "suspend", "suspend", "suspend"], "requests");
    }],

    ["waitUntilDropped: a 503 between describes is retried as a read; a permission error ends it", async () => {
      await mock.seed([CLUSTER, OTHER_CLUSTER]);
      await mock.timing({ deletingMs: 700 });
      await client().dropCluster(CLUSTER);
      await mock.fault({ delayMs: 0 });
      await mock.fault({ status: 503, json: { code: 503, message: "down" } });
      const gone = await client().waitUntilDropped(CLUSTER, { maxRetries: 1 });
      deepEqual([gone.seen, gone.polls], ["not_found", 2], "result");
      deepEqual((await mock.requests()).map((r) => r.status), [200, 200, 503, 200], "drop, describe, 503, describe");
      await mock.fault({ status: 403, json: { code: 96013, message: "no permission" } });
      expectError(await failure(client().waitUntilDropped(OTHER_CLUSTER), "permission"), { kind: "permission", code: 96013, attempts: 1 }, "permission");
    }],

    ["suspend and resume: another cluster's ID, an echoed key, bad IDs", async () => {
      await mock.seed([CLUSTER]);
      await mock.fault({ json: { code: 0, data: { clusterId: OTHER_CLUSTER, prompt: "p" } } });
      const other = await failure(client().suspendCluster(CLUSTER), "another cluster");
      equal(other.kind, "decode", "another cluster: kind");
      assert(other.message.includes(OTHER_CLUSTER) && other.message.includes(CLUSTER), `names both: ${other.message}`);
      await mock.fault({ status: 400, json: { code: 80000, message: `bad Bearer ${apiKey}` } });
      const echoed = await failure(client().resumeCluster(CLUSTER), "echoed key");
      expectError(echoed, { kind: "api", code: 80000 }, "echoed key");
      expectNoSecret(echoed, [apiKey], "echoed key");
      await control("DELETE", "requests");
      for (const id of ["", "a/b", "in01 x", 7]) {
        expectError(await failure(client().suspendCluster(id), `suspend ${id}`), { kind: "invalid_input", attempts: 0 }, `suspend ${id}`);
        expectError(await failure(client().resumeCluster(id), `resume ${id}`), { kind: "invalid_input", attempts: 0 }, `resume ${id}`);
      }
      equal((await mock.requests()).length, 0, "requests sent for bad IDs");
    }],

    ["keptInRecycleBin: Standard and Enterprise only, and it never throws", async () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      const throwing = new Proxy({}, { get() { throw new Error("no"); }, getOwnPropertyDescriptor() { throw new Error("no"); } });
      const got = [{ plan: "Standard" }, { plan: "Enterprise" }, { plan: "Free" }, { plan: "Serverless" }, {}, null, proxy, throwing].map((c) => keptInRecycleBin(c));
      deepEqual(got, [true, true, false, false, false, false, false, false], "answers");
    }],

    // ---- Protection, and waiting for suspend and resume ----

    ["protect: a protected name is one GET and no DELETE; a protected ID sends nothing", async () => {
      await mock.seed([CLUSTER, OTHER_CLUSTER]);
      const zc = client({ protect: ["prod-*", "*-eu"] });
      const byName = await failure(zc.dropCluster(CLUSTER), "protected name");
      expectError(byName, { kind: "protected", attempts: 1, retryable: false, maybeDropped: false, option: null }, "protected name");
      assert(byName.message.includes('"prod-search"') && byName.message.includes('"prod-*"') && byName.message.includes(CLUSTER), `names the cluster and the pattern: ${byName.message}`);
      deepEqual((await mock.requests()).map((r) => [r.method, r.path]), [["GET", `/v2/clusters/${CLUSTER}`]], "one describe, no DELETE");
      // Protection comes before the guard: the right name does not unlock it.
      expectError(await failure(zc.dropCluster(CLUSTER, { expectName: "prod-search" }), "guarded"), { kind: "protected", attempts: 1 }, "guarded");
      await control("DELETE", "requests");
      const byId = await failure(client({ protect: [CLUSTER] }).dropCluster(CLUSTER), "protected ID");
      expectError(byId, { kind: "protected", attempts: 0, retryable: false }, "protected ID");
      expectError(await failure(dropCluster({ apiKey, baseUrl: base, clusterId: CLUSTER, protect: ["in01-*"] }), "one-shot"), { kind: "protected", attempts: 0 }, "one-shot");
      equal((await mock.requests()).length, 0, "requests for a protected ID");
      // Reads, suspend and resume are not affected; an unprotected cluster drops after its describe.
      equal((await zc.describeCluster(CLUSTER)).data.clusterName, "prod-search", "describe");
      equal((await zc.suspendCluster(CLUSTER)).code, 0, "suspend");
      equal((await zc.dropCluster(OTHER_CLUSTER)).data.clusterId, OTHER_CLUSTER, "an unprotected drop");
      deepEqual((await mock.requests()).map((r) => r.method), ["GET", "POST", "GET", "DELETE"], "requests");
    }],

    ["protect: bad patterns are invalid_input naming protect; a drop's options cannot set it", async () => {
      await mock.seed([CLUSTER]);
      for (const [what, protect] of [
        ["empty", []], ["an empty pattern", ["prod-*", ""]], ["a control character", ["prod-\n*"]], ["a string", "prod-*"],
        ["a number", [7]], ["101 patterns", Array(101).fill("a*")], ["257 characters", ["x".repeat(257)]], ["an object", { 0: "a" }],
      ]) {
        let err;
        try {
          client({ protect });
        } catch (e) {
          err = e;
        }
        assert(err instanceof ZillizError, `${what}: the constructor throws a ZillizError`);
        expectError(err, { kind: "invalid_input", option: "protect", attempts: 0 }, what);
        assert(err.message.startsWith("protect"), `${what}: ${err.message}`);
      }
      client({ protect: Array(100).fill("é".repeat(256)) }).free();
      for (const [what, call] of [
        ["on a drop", () => client().dropCluster(CLUSTER, { protect: [] })],
        ["clearing it", () => client({ protect: ["prod-*"] }).dropCluster(CLUSTER, { protect: null })],
      ]) {
        expectError(await failure(call(), what), { kind: "invalid_input", option: "protect", attempts: 0 }, what);
      }
      equal((await mock.requests()).length, 0, "requests sent");
    }],

    ["isProtected: a name or an ID matches; hostile values answer false and never throw", async () => {
      const zc = client({ protect: ["prod-*", "in01-6183d6bac30f801"] });
      const { proxy: revoked, revoke } = Proxy.revocable({}, {});
      revoke();
      const throwing = new Proxy({}, { get() { throw new Error("no"); }, getOwnPropertyDescriptor() { throw new Error("no"); }, has() { throw new Error("no"); } });
      const getter = { get clusterName() { throw new Error("no"); }, clusterId: "in01-6183d6bac30f801" };
      const inherited = Object.create({ clusterName: "prod-search" });
      const cases = [
        [{ clusterName: "prod-search", clusterId: "in02-x" }, true], [{ clusterName: "dev", clusterId: CLUSTER }, true],
        [{ clusterName: "Prod-search" }, false], [{ clusterName: "dev", clusterId: "in02-x" }, false],
        [getter, true], [inherited, false], [{ clusterName: 7 }, false], [revoked, false], [throwing, false],
        [null, false], [undefined, false], [42, false], ["prod-search", false], [[], false],
      ];
      for (let i = 0; i < 10_000; i++) {
        const [value, expected] = cases[i % cases.length];
        equal(zc.isProtected(value), expected, `case ${i % cases.length}`);
      }
      equal(client().isProtected({ clusterName: "prod-search" }), false, "a client without protect");
      const everything = client({ protect: ["*"] });
      deepEqual([{}, { clusterName: 1, clusterId: null }, { clusterName: "" }].map((c) => everything.isProtected(c)), [false, false, true], "only a name or an ID that is there");
      equal(ZillizCloud.prototype.isProtected.call({}, { clusterName: "prod-search" }), false, "not a client");
      zc.free();
      equal(zc.isProtected({ clusterName: "prod-search" }), false, "a freed client");
      // The module still works after all of it.
      equal(client({ protect: ["x"] }).isProtected({ clusterName: "x" }), true, "after");
    }],

    ["keyless behind a proxy: no Authorization header at all; without a baseUrl a key is required", async () => {
      const seen = [];
      const proxy = async (url, init) => {
        seen.push(Object.keys(init.headers).map((h) => h.toLowerCase()).sort());
        return new Response(successBody(CLUSTER));
      };
      for (const apiKey of [undefined, null]) {
        const zc = new ZillizCloud({ apiKey, baseUrl: base, fetch: proxy });
        equal((await zc.dropCluster(CLUSTER)).data.clusterId, CLUSTER, `${apiKey}: the drop`);
        equal((await dropCluster({ baseUrl: base, clusterId: CLUSTER, fetch: proxy })).code, 0, "one-shot");
      }
      deepEqual(seen, Array(4).fill(["accept"]), "only Accept is sent");
      let err;
      try {
        new ZillizCloud({ region: "cn" });
      } catch (e) {
        err = e;
      }
      expectError(err, { kind: "invalid_input", option: "apiKey", attempts: 0 }, "no key and no baseUrl");
      // Against the mock, which wants a key: the answer is the proxy's to give, and here a 401.
      await mock.seed([CLUSTER]);
      expectError(await failure(new ZillizCloud({ baseUrl: base, maxRetries: 0 }).dropCluster(CLUSTER), "no key sent"), { kind: "auth", status: 401 }, "no key sent");
    }],

    ["waitUntilSuspended and waitUntilRunning: through SUSPENDING and RESUMING to the status", async () => {
      await mock.seed([CLUSTER]);
      await mock.timing({ transitionMs: 700 });
      await client().suspendCluster(CLUSTER);
      const suspended = await client().waitUntilSuspended(CLUSTER);
      deepEqual([suspended.clusterId, suspended.status, suspended.polls], [CLUSTER, "SUSPENDED", 2], "suspended");
      deepEqual(Object.keys(suspended), ["clusterId", "status", "polls", "elapsedMs"], "result keys");
      await client().resumeCluster(CLUSTER);
      const polls = [];
      const running = await client().waitUntilRunning(CLUSTER, { onPoll: (e) => polls.push([e.polls, e.status, e.nextPollMs]) });
      deepEqual([running.status, running.polls], ["RUNNING", 2], "running");
      deepEqual(polls, [[1, "RESUMING", 1000]], "poll events");
      assert(running.elapsedMs >= 950, `waited a second (${running.elapsedMs} ms)`);
      await mock.put([{ clusterId: OTHER_CLUSTER, clusterName: "stopped", plan: "Standard", status: "STOPPED" }]);
      deepEqual([(await client().waitUntilSuspended(OTHER_CLUSTER)).status], ["STOPPED"], "STOPPED ends it");
    }],

    ["a wait for RUNNING that sees DELETING rejects at once, one describe more; not found at once", async () => {
      await mock.put([{ clusterId: CLUSTER, clusterName: "prod-search", plan: "Standard", status: "SUSPENDED" }]);
      await mock.timing({ transitionMs: 600_000, deletingMs: 600_000 });
      await client().resumeCluster(CLUSTER);
      await control("DELETE", "requests");
      const waiting = failure(client().waitUntilRunning(CLUSTER, {
        // Someone else drops the cluster while it resumes.
        onPoll: (e) => e.polls === 1 && client().dropCluster(CLUSTER),
      }), "dropped while resuming");
      const err = await waiting;
      expectError(err, { kind: "precondition", attempts: 2, retryable: false }, "dropped while resuming");
      equal(err.message, `cluster ${CLUSTER} is DELETING: it will never be RUNNING`, "message");
      const describes = () => mock.requests().then((rs) => rs.filter((r) => r.method === "GET").length);
      equal(await describes(), 2, "describes");
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      equal(await describes(), 2, "no describe after the end");
      await control("DELETE", "requests");
      const missing = await failure(client().waitUntilSuspended(MISSING_CLUSTER), "not found");
      expectError(missing, { kind: "not_found", code: 96018, attempts: 1 }, "not found");
      equal((await mock.requests()).length, 1, "one describe");
      expectError(await failure(client().waitUntilRunning("a/b"), "bad ID"), { kind: "invalid_input", attempts: 0 }, "bad ID");
    }],
  ];

  const results = [];
  for (const [name, run] of tests) {
    const started = Date.now();
    let timer;
    try {
      await mock.reset();
      await Promise.race([
        run(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new AssertionError(`no result after ${testTimeoutMs} ms`)), testTimeoutMs);
        }),
      ]);
      results.push({ name, ok: true, ms: Date.now() - started });
      log(`ok - ${name}`);
    } catch (err) {
      const error = err instanceof AssertionError ? err.message : `${err && err.name}: ${err && err.message}`;
      results.push({ name, ok: false, ms: Date.now() - started, error });
      log(`not ok - ${name}: ${error}`);
    } finally {
      clearTimeout(timer);
    }
  }
  const passed = results.filter((r) => r.ok).length;
  return { passed, failed: results.length - passed, results };
}
