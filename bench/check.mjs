// Sanity check of the plain-JS baseline: does it behave like the package?
//
//   node bench/check.mjs           stub-fetch cases side by side, then the shared contract
//                                  suite (tests/shared/contract-suite.mjs) against both, on the mock
//   node bench/check.mjs --quick   the stub-fetch cases only (make bench runs these)
//
// The fields of every outcome are compared (kind, code, status, requestId, retryable, attempts,
// maybeDropped, or the resolved body); messages are compared too but only counted, since wording
// may differ. The baseline does not retry, so the suite's two retry tests are expected to fail
// for it and only for it.
import { existsSync } from "node:fs";
import { IMPLS, API_KEY, CLUSTER, PROMPT, rootPath, startMock } from "./lib.mjs";

const FIELDS = ["kind", "code", "status", "requestId", "retryable", "attempts", "maybeDropped"];

const json = (status, body, headers = {}) => () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const success = { code: 0, data: { clusterId: CLUSTER, prompt: PROMPT }, extra: [1] };

/** [name, client options, call arguments (clusterId, options), fetch behaviour]. */
function cases() {
  const never = () => new Promise(() => {});
  const ctl = new AbortController();
  const preAborted = new AbortController();
  preAborted.abort();
  return [
    ["200 success (extra fields kept)", {}, [CLUSTER], json(200, success, { requestid: "r-1" })],
    ["200 v1 envelope code 200", {}, [CLUSTER], json(200, { ...success, code: 200 })],
    ["200 code 96018 not found", {}, [CLUSTER], json(200, { code: 96018, message: "Cluster not found." }, { requestid: "r-2" })],
    ["200 code 80001 bad key", {}, [CLUSTER], json(200, { code: 80001, message: "Invalid token" })],
    ["200 code 96013 permission", {}, [CLUSTER], json(200, { code: 96013, message: "no" })],
    ["200 code 96025 api", {}, [CLUSTER], json(200, { code: 96025, message: "empty clusterId" })],
    ["401 code 21119", {}, [CLUSTER], json(401, { code: 21119, message: "The apikey is illegal" }, { "x-request-id": "x-3" })],
    ["403 empty body", {}, [CLUSTER], json(403, "")],
    ["404 HTML", {}, [CLUSTER], json(404, "<html>nope</html>", { "content-type": "text/html" })],
    ["400 code 80000 echoing the key", {}, [CLUSTER], json(400, { code: 80000, message: `bad Bearer ${API_KEY}` })],
    ["429 no retry left", { maxRetries: 0 }, [CLUSTER], json(429, { code: 429, message: "slow down" }, { "retry-after": "1" })],
    ["503 HTML no retry left", { maxRetries: 0 }, [CLUSTER], json(503, "<html>bad gateway</html>")],
    ["501 JSON", {}, [CLUSTER], json(501, { code: 501, message: "no" })],
    ["302 redirect", {}, [CLUSTER], json(302, "", { location: "https://elsewhere.example/" })],
    ["opaque redirect (browser)", {}, [CLUSTER], () => Promise.resolve({ type: "opaqueredirect", status: 0, headers: new Headers(), text: async () => "" })],
    ["200 HTML", {}, [CLUSTER], json(200, "<html>gateway</html>")],
    ["200 empty", {}, [CLUSTER], json(200, "")],
    ["200 array", {}, [CLUSTER], json(200, [1])],
    ["200 code is a string", {}, [CLUSTER], json(200, { code: "0", data: {} })],
    ["200 no data", {}, [CLUSTER], json(200, { code: 0 })],
    ["200 data.prompt a number", {}, [CLUSTER], json(200, { code: 0, data: { clusterId: CLUSTER, prompt: 5 } })],
    ["content-length over 1 MiB", {}, [CLUSTER], json(200, "{}", { "content-length": String(2 * 1024 * 1024) })],
    ["fetch rejects", { maxRetries: 0 }, [CLUSTER], () => Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }))],
    ["fetch throws synchronously", { maxRetries: 0 }, [CLUSTER], () => { throw new TypeError("boom"); }],
    ["fetch resolves to a number", { maxRetries: 0 }, [CLUSTER], () => Promise.resolve(42)],
    ["timeout (fetch ignores its signal)", { maxRetries: 0 }, [CLUSTER, { timeoutMs: 30 }], never],
    ["timeout while reading the body", { maxRetries: 0 }, [CLUSTER, { timeoutMs: 30 }], () => Promise.resolve({ status: 200, headers: new Headers(), text: never })],
    ["aborted during the call", {}, [CLUSTER, { signal: ctl.signal }], () => (setTimeout(() => ctl.abort(), 10), never())],
    ["signal aborted before the call", {}, [CLUSTER, { signal: preAborted.signal }], never],
    ["clusterId with a slash", {}, ["a/b"], never],
    ["clusterId a number", {}, [5], never],
    ["clusterId missing", {}, [], never],
    ["timeoutMs -1", {}, [CLUSTER, { timeoutMs: -1 }], never],
    ["maxRetries 11", {}, [CLUSTER, { maxRetries: 11 }], never],
    ["maxRetries 1.5", {}, [CLUSTER, { maxRetries: 1.5 }], never],
    ["signal not a signal", {}, [CLUSTER, { signal: {} }], never],
    ["call options an array", {}, [CLUSTER, []], never],
  ];
}

const constructorCases = [
  ["options missing", undefined],
  ["apiKey empty", { apiKey: "" }],
  ["apiKey a number", { apiKey: 5 }],
  ["apiKey with a newline", { apiKey: "sk-abc\ndef" }],
  ["apiKey non-ASCII", { apiKey: "clé-abcdef" }],
  ["apiKey padded", { apiKey: " sk-abcdef" }],
  ["region mars", { apiKey: API_KEY, region: "mars" }],
  ["baseUrl ftp", { apiKey: API_KEY, baseUrl: "ftp://127.0.0.1/" }],
  ["baseUrl with credentials", { apiKey: API_KEY, baseUrl: "https://u:p@h/" }],
  ["baseUrl with a query", { apiKey: API_KEY, baseUrl: "https://h/?q=1" }],
  ["baseUrl with ..", { apiKey: API_KEY, baseUrl: "https://h/a/../b" }],
  ["baseUrl a number", { apiKey: API_KEY, baseUrl: 5 }],
  ["timeoutMs a string", { apiKey: API_KEY, timeoutMs: "100" }],
  ["fetch not a function", { apiKey: API_KEY, fetch: {} }],
];

function outcomeOf(result) {
  if (result.ok) return { resolved: result.value };
  const e = result.error;
  if (!(e instanceof Error) || e.name !== "ZillizError") return { thrown: String(e) };
  return Object.fromEntries(FIELDS.map((f) => [f, e[f]]));
}

async function settle(fn) {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Runs every stub case against both APIs; returns { total, same, messagesSame, diffs, requestDiffs }. */
export async function compareOnStubs(apis) {
  const rows = [];
  // A fresh set of cases per implementation: some hold an AbortController.
  const perImpl = Object.fromEntries(Object.keys(apis).map((impl) => [impl, cases()]));
  for (const [i, [name]] of cases().entries()) {
    const seen = {};
    for (const [impl, api] of Object.entries(apis)) {
      const [, clientOptions, args, behaviour] = perImpl[impl][i];
      const requests = [];
      const fetch = function (url, init) {
        requests.push({ unbound: this === undefined, url, method: init?.method, redirect: init?.redirect, headers: init?.headers, signal: init?.signal instanceof AbortSignal });
        return behaviour(url, init);
      };
      const zc = new api.ZillizCloud({ apiKey: API_KEY, baseUrl: "https://proxy.example/api/zilliz/", fetch, ...clientOptions });
      const r = await settle(() => zc.dropCluster(...args));
      seen[impl] = { outcome: outcomeOf(r), message: r.ok ? null : r.error?.message, requests, keyInError: !r.ok && `${r.error?.message} ${r.error?.stack} ${JSON.stringify(r.error)}`.includes(API_KEY) };
    }
    rows.push([name, seen]);
  }
  for (const [name, options] of constructorCases) {
    const seen = {};
    for (const [impl, api] of Object.entries(apis)) {
      const r = await settle(async () => new api.ZillizCloud(options) && "constructed");
      // The one-shot form must reject the same way.
      const oneShot = await settle(() => api.dropCluster(options === undefined ? undefined : { ...options, clusterId: CLUSTER }));
      seen[impl] = { outcome: { ctor: outcomeOf(r), oneShot: outcomeOf(oneShot) }, message: r.ok ? null : r.error?.message, requests: [], keyInError: false };
    }
    rows.push([`constructor: ${name}`, seen]);
  }
  const [a, b] = Object.keys(apis);
  const diffs = [];
  let messagesSame = 0;
  for (const [name, seen] of rows) {
    const x = seen[a], y = seen[b];
    const same = JSON.stringify(x.outcome) === JSON.stringify(y.outcome) && JSON.stringify(x.requests) === JSON.stringify(y.requests) && !x.keyInError && !y.keyInError;
    if (x.message === y.message) messagesSame++;
    if (!same) diffs.push({ name, [a]: x, [b]: y });
  }
  return { total: rows.length, same: rows.length - diffs.length, messagesSame, diffs, rows };
}

async function main() {
  const quick = process.argv.includes("--quick");
  const apis = { wasm: await import(IMPLS.wasm.entry), baseline: await import(IMPLS.baseline.entry) };
  const stub = await compareOnStubs(apis);
  console.log(`stub-fetch cases: ${stub.same}/${stub.total} with the same outcome (fields, request sent, no key in any error); ${stub.messagesSame}/${stub.total} with the same message`);
  for (const d of stub.diffs) console.log(`  DIFF ${d.name}\n    wasm:     ${JSON.stringify(d.wasm)}\n    baseline: ${JSON.stringify(d.baseline)}`);
  if (process.argv.includes("--messages")) {
    for (const [name, seen] of stub.rows) if (seen.wasm.message !== seen.baseline.message) console.log(`  message ${name}\n    wasm:     ${seen.wasm.message}\n    baseline: ${seen.baseline.message}`);
  }
  let failed = stub.diffs.length > 0;
  if (!quick) {
    const { runContractSuite } = await import(new URL("../tests/shared/contract-suite.mjs", import.meta.url));
    const bin = [rootPath("target/release/zilliz-mock"), rootPath("target/debug/zilliz-mock")].find((p) => existsSync(p));
    if (!bin) throw new Error("no zilliz-mock: run cargo build -q --release -p zilliz-mock");
    const mock = await startMock({ bin, rate: 1000 });
    const EXPECTED_BASELINE_FAILURES = new Set(["rate_limited: 429 with Retry-After is retried, then succeeds", "rate_limited: surfaced when no retry is left (retry-after-ms)"]);
    try {
      for (const [impl, api] of Object.entries(apis)) {
        const report = await runContractSuite({ api: { ZillizCloud: api.ZillizCloud, dropCluster: api.dropCluster, ZillizError: api.ZillizError }, mockUrl: mock.url, apiKey: API_KEY });
        const expected = impl === "baseline" ? EXPECTED_BASELINE_FAILURES : new Set();
        console.log(`contract suite, ${IMPLS[impl].label}: ${report.passed} passed, ${report.failed} failed`);
        for (const r of report.results.filter((r) => !r.ok)) {
          const ok = expected.has(r.name);
          if (!ok) failed = true;
          console.log(`  ${ok ? "expected (no retries in the baseline)" : "UNEXPECTED"}: ${r.name}: ${r.error}`);
        }
        for (const name of expected) if (report.results.find((r) => r.name === name)?.ok) console.log(`  note: ${name} passed`);
      }
    } finally {
      await mock.stop();
    }
  }
  console.log(failed ? "check: the baseline differs from the package" : "check: ok");
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
