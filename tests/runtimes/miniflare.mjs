// Runs the Worker that wrangler built into <outdir> in workerd, through miniflare (Node >= 22):
//   node miniflare.mjs <outdir> <compatibilityDate> <mockUrl> <apiKey>
// GET /__contract-suite runs the shared suite inside workerd; then the README's quick-start Worker
// is called as a user would. Prints one "@@RESULT {json}" line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";

const [outdir, compatibilityDate, mockUrl, apiKey] = process.argv.slice(2);
const mf = new Miniflare({
  modules: true,
  scriptPath: join(outdir, "index.js"),
  // wrangler's output imports the .wasm as a module: workerd gets a compiled WebAssembly.Module.
  modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
  compatibilityDate,
  bindings: { ZILLIZ_API_KEY: apiKey, ZILLIZ_BASE_URL: mockUrl },
});

async function control(path, body) {
  const res = await fetch(`${mockUrl}/__mock/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  if (!res.ok) throw new Error(`mock ${path}: HTTP ${res.status}`);
}

/** The README's quick-start Worker, called as a user would call it. */
async function quickStart() {
  const cluster = "in01-0123456789abcde";
  await control("reset");
  await control("clusters", { ids: [cluster] });
  const problems = [];
  const call = async (method) => {
    const res = await mf.dispatchFetch(`http://worker.test/?clusterId=${cluster}`, { method });
    return [res.status, await res.text()];
  };
  const [status1, body1] = await call("POST");
  if (status1 !== 200 || JSON.parse(body1).clusterId !== cluster) problems.push(`first POST: ${status1} ${body1}`);
  const [status2, body2] = await call("POST");
  if (status2 !== 502 || JSON.parse(body2).kind !== "not_found") problems.push(`second POST: ${status2} ${body2}`);
  const [status3] = await call("GET");
  if (status3 !== 405) problems.push(`GET: ${status3}`);
  return problems.length ? { ok: false, error: problems.join("; ") } : { ok: true };
}

try {
  const res = await mf.dispatchFetch("http://worker.test/__contract-suite");
  const text = await res.text();
  if (res.status !== 200) throw new Error(`the Worker answered HTTP ${res.status}: ${text.slice(0, 2000)}`);
  const report = JSON.parse(text);
  const started = Date.now();
  let qs;
  try {
    qs = await quickStart();
  } catch (err) {
    qs = { ok: false, error: String(err) };
  }
  report.results.push({ name: "README quick start (Worker, wrangler.jsonc)", ms: Date.now() - started, ...qs });
  if (qs.ok) report.passed++;
  else report.failed++;
  const miniflare = JSON.parse(readFileSync(new URL("../../node_modules/miniflare/package.json", import.meta.url), "utf8")).version;
  report.runtime = `${report.runtime}; miniflare ${miniflare}; compatibility_date ${compatibilityDate}`;
  console.log("@@RESULT " + JSON.stringify(report));
} finally {
  await mf.dispose();
}
