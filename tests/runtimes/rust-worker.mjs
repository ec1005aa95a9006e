// Runs the workers-rs example (examples/worker, built by worker-build into its build/) in
// workerd through miniflare against the mock, as a user would call it (Node >= 22):
//   node rust-worker.mjs <mockUrl> <apiKey>
// Prints "SUITE rust-worker <passed> <failed>" and a "VERSION" line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BUILD = join(ROOT, "examples/worker/build");
const [mockUrl, apiKey] = process.argv.slice(2);
const CLUSTER = "in01-0123456789abcd0";
const results = [];

async function control(path, body) {
  const res = await fetch(`${mockUrl}/__mock/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`mock ${path}: HTTP ${res.status}`);
  return res.json();
}

async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
  } catch (err) {
    results.push({ name, ok: false, error: String(err?.stack ?? err) });
  }
}

function expect(condition, what) {
  if (!condition) throw new Error(what);
}

const mf = new Miniflare({
  modules: true,
  scriptPath: join(BUILD, "index.js"),
  // worker-build's output imports the .wasm: workerd gets a compiled WebAssembly.Module.
  modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
  compatibilityDate: "2026-07-01",
  bindings: { ZILLIZ_API_KEY: apiKey, ZILLIZ_BASE_URL: mockUrl },
});
const call = async (method, id = CLUSTER) => {
  const res = await mf.dispatchFetch(`http://worker.test/?clusterId=${id}`, { method });
  return [res.status, await res.text()];
};
try {
  await check("success: the Rust Worker drops the cluster", async () => {
    await control("reset", {});
    await control("clusters", { ids: [CLUSTER] });
    const [status, body] = await call("POST");
    expect(status === 200, `HTTP ${status}: ${body}`);
    const data = JSON.parse(body);
    expect(data.clusterId === CLUSTER && /30 days/.test(data.prompt), `body ${body}`);
    const log = (await control("requests")).filter((r) => r.method !== "OPTIONS");
    expect(log.length === 1 && log[0].method === "DELETE" && log[0].auth === "matched", `log ${JSON.stringify(log)}`);
  });
  await check("not_found: the second drop, as a typed error", async () => {
    const [status, body] = await call("POST");
    expect(status === 502, `HTTP ${status}: ${body}`);
    const err = JSON.parse(body);
    expect(err.kind === "not_found" && typeof err.requestId === "string", `body ${body}`);
    expect(!body.includes(apiKey), "the key is in the answer");
  });
  await check("invalid_input: no request sent", async () => {
    await control("reset", {});
    const [status, body] = await call("POST", "a.b");
    expect(status === 400 && JSON.parse(body).kind === "invalid_input", `HTTP ${status}: ${body}`);
    expect((await control("requests")).length === 0, "a request reached the mock");
  });
  await check("GET is refused", async () => {
    const [status] = await call("GET");
    expect(status === 405, `HTTP ${status}`);
  });
} finally {
  await mf.dispose();
}
const miniflare = JSON.parse(readFileSync(join(ROOT, "node_modules/miniflare/package.json"), "utf8")).version;
console.log(`VERSION rust-worker worker ${"0.8.7"}; miniflare ${miniflare}`);
for (const r of results) if (!r.ok) console.error(`  FAIL rust-worker / ${r.name}: ${r.error}`);
const passed = results.filter((r) => r.ok).length;
console.log(`SUITE rust-worker ${passed} ${results.length - passed}`);
