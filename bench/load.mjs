// make load: 1,000 concurrent dropCluster calls from one client against the mock on
// 127.0.0.1, with 10% of answers faulted (429 with Retry-After, 503, resets).
// Checks every promise settles with the right outcome, the mock sees no more than
// the allowed attempts, and wasm memory does not grow from one round to the next.
// A benchmark, not a timed test: it prints figures; it fails only on wrong outcomes,
// leaks, or a round that does not finish within its bound.
import { readFileSync } from "node:fs";
import { startMock } from "../tests/support/mock.mjs";

const ROOT = new URL("..", import.meta.url);
const CALLS = Number(process.env.LOAD_CALLS ?? 1000);
const FAULTS = Math.round(CALLS / 10);
const ROUND_LIMIT_MS = 120_000;
const KEY = "sk-zcw-load-key-0123456789";

// The glue directly (not the entry), to read the module's memory.
const glue = await import(new URL("pkg/zilliz_cloud_wasm.js", ROOT));
const wasm = glue.initSync({ module: readFileSync(new URL("pkg/zilliz_cloud_wasm_bg.wasm", ROOT)) });
// The build minifies export names, so the memory is found by its type.
const memory = Object.values(wasm).find((v) => v instanceof WebAssembly.Memory);
const memoryBytes = () => memory.buffer.byteLength;

const mock = await startMock({ apiKey: KEY, rate: 0 });
const zc = new glue.ZillizCloud({ apiKey: KEY, baseUrl: mock.url });

async function round(name) {
  await mock.reset();
  const ids = Array.from({ length: CALLS }, (_, i) => `${name}-${String(i).padStart(5, "0")}`);
  await mock.seed(ids);
  const faults = [];
  for (let i = 0; i < FAULTS; i++) {
    faults.push(
      [
        { status: 429, headers: { "retry-after": "1" }, json: { code: 429, message: "slow down" } },
        { status: 503, json: { code: 503, message: "unavailable" } },
        { action: "reset" },
      ][i % 3],
    );
  }
  await mock.fault(faults);
  const started = performance.now();
  let timer;
  const bound = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`round ${name} did not settle in ${ROUND_LIMIT_MS} ms`)), ROUND_LIMIT_MS)));
  const settled = await Promise.race([Promise.allSettled(ids.map((id) => zc.dropCluster(id))), bound]);
  clearTimeout(timer);
  const ms = performance.now() - started;
  const log = await mock.log();
  const wrong = settled.filter((s, i) => s.status !== "fulfilled" || s.value.data.clusterId !== ids[i]);
  const byFault = {};
  for (const r of log) byFault[r.fault ?? "none"] = (byFault[r.fault ?? "none"] ?? 0) + 1;
  return { name, ms, requests: log.length, wrong, byFault, failures: wrong.slice(0, 3).map((s) => s.reason?.kind + ": " + s.reason?.message) };
}

let failed = false;
try {
  const warm = await round("warm");
  const memoryAfterWarmUp = memoryBytes();
  const load = await round("load");
  const memoryAfterLoad = memoryBytes();
  for (const r of [warm, load]) {
    console.log(`${r.name}: ${CALLS} calls settled in ${(r.ms / 1000).toFixed(2)} s (${Math.round(CALLS / (r.ms / 1000))} calls/s); ` +
      `mock saw ${r.requests} requests (${JSON.stringify(r.byFault)}); wrong outcomes: ${r.wrong.length}`);
    if (r.wrong.length) (failed = true), console.log("  e.g.", r.failures);
    if (r.requests > CALLS + FAULTS) (failed = true), console.log(`  more attempts than allowed: ${r.requests} > ${CALLS + FAULTS}`);
  }
  const grew = memoryAfterLoad - memoryAfterWarmUp;
  console.log(`wasm memory: ${memoryAfterWarmUp} bytes after the warm-up round, ${memoryAfterLoad} after the measured round (grew ${grew} bytes; one page is 65536)`);
  if (grew > 65536) (failed = true), console.log("  memory grew by more than one page: a leak per call");
} catch (err) {
  failed = true;
  console.log(String(err));
} finally {
  await mock.stop();
}
console.log(failed ? "load: FAILED" : "load: ok");
process.exit(failed ? 1 : 0);
