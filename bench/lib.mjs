// Shared by bench.mjs, worker.mjs and check.mjs: where things are, the two implementations,
// the stub fetch and the mock.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

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
export async function startMock({ bin = rootPath("target/release/zilliz-mock"), rate = 0, apiKey = API_KEY } = {}) {
  const child = spawn(bin, ["--port", "0", "--api-key", apiKey, "--rate", String(rate), "--clusters", "none", "--quiet"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Its stderr (a start-up line) is shown only if it fails.
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) => resolve(line.trim()));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`zilliz-mock exited with ${code}: ${stderr}`)));
  });
  const control = async (method, path, body) => {
    const res = await fetch(`${url}/__mock/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`mock control ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    url,
    apiKey,
    reset: () => control("POST", "reset"),
    seed: (ids) => control("POST", "clusters", { ids }),
    requests: () => control("GET", "requests"),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}
