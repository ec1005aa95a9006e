// Shared by bench.mjs, worker.mjs and check.mjs: where things are, the two implementations,
// the stub fetch and the mock.
import { fileURLToPath } from "node:url";
import { startMock as startSharedMock } from "../tests/support/mock.mjs";

export const ROOT = new URL("..", import.meta.url);
export const rootPath = (rel) => fileURLToPath(new URL(rel, ROOT));

/** The two implementations, both used as Node users would: through their Node entry. */
export const IMPLS = {
  wasm: { label: "zilliz-cloud-wasm", entry: new URL("pkg/node.js", ROOT).href },
  baseline: { label: "plain-JS baseline", entry: new URL("bench/baseline/zilliz-baseline.mjs", ROOT).href },
};

export const API_KEY = "sk-zcw-bench-key-0123456789";
export const CLUSTER = "in01-6183d6bac30f801";
export const PROMPT = "Successfully Submitted. The cluster will not incur any costs after being dropped. You can restore the cluster from the recycle bin within 30 days. Only Dedicated clusters support this feature.";

/** A stub `fetch` that answers at once with the documented success, as a new Response each call. */
export function stubFetch(clusterId = CLUSTER) {
  const body = JSON.stringify({ code: 0, data: { clusterId, prompt: PROMPT } });
  const init = { status: 200, headers: { "content-type": "application/json", requestid: "bench-request-id" } };
  return () => Promise.resolve(new Response(body, init));
}

/**
 * A stub `fetch` that answers at once with a plain object holding only what a client reads
 * (status, headers.get, a null body, text()): no undici Response, no body stream, so that what
 * is timed is the implementation itself.
 */
export function plainStubFetch(clusterId = CLUSTER) {
  const body = JSON.stringify({ code: 0, data: { clusterId, prompt: PROMPT } });
  const headers = new Headers({ "content-type": "application/json", requestid: "bench-request-id" });
  const text = () => Promise.resolve(body);
  return () => Promise.resolve({ status: 200, type: "basic", headers, body: null, text });
}

/** Starts zilliz-mock (release build unless told otherwise) on 127.0.0.1 with a free port. */
/** A release-build mock with no rate limit, for benchmarks (tests/support/mock.mjs). */
export const startMock = ({ bin = rootPath("target/release/zilliz-mock"), rate = 0, apiKey = API_KEY } = {}) =>
  startSharedMock({ bin, rate, apiKey, clusters: ["none"] });
