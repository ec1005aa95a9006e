// One measurement in a fresh process, run by bench.mjs; prints one JSON line.
//
//   node bench/worker.mjs percall <impl> <calls> <warm-up calls> [response|plain]
//     sequential `await client.dropCluster(id)` against a stub fetch that answers at once, with a
//     new `Response` (the default) or with a plain object that has only what a client reads
//     (`plain`: the implementation's own cost, without undici's Response and body stream);
//     for the package also the wasm memory before the first call and after all of them.
//   node bench/worker.mjs mock <impl> <mock url> <id prefix> <calls> <concurrency> <warm-up calls>
//     `concurrency` callers share one client and drop `calls` distinct clusters on the mock.
//   node bench/worker.mjs free <impl> <clients>
//     makes `clients` clients, then times `free()` of all of them in a shuffled order (the
//     allocator's free path).
//   node bench/worker.mjs oneshot <impl> <calls>
//     `calls` one-shot `dropCluster({ ... })` calls at once against a stub fetch (a client each).
//   node bench/worker.mjs describe wasm <calls> <warm-up calls>
//     sequential `await client.describeCluster(id)` against a stub fetch with a described cluster.
//   node bench/worker.mjs clusters wasm <mock url> <runs>
//     `for await (const c of client.clusters({ pageSize: 100 }))` over the mock's clusters, `runs`
//     times; list requests per second, clusters seen, and the wasm memory after.
//   node bench/worker.mjs waits wasm <waits>
//     `waits` calls of `waitUntilDropped` that end at once (Describe answers not found), one
//     after another; the wasm memory before and after.
import { readFileSync } from "node:fs";
import { IMPLS, API_KEY, CLUSTER, ROOT, plainStubFetch, stubFetch } from "./lib.mjs";

const [mode, impl, ...args] = process.argv.slice(2);
// BENCH_ENTRY measures another build of the package (another commit's pkg/node.js) the same way.
const api = await import(process.env.BENCH_ENTRY ?? IMPLS[impl].entry);

/** The package's wasm memory, read through its glue as bench/load.mjs does (same module instance as the entry's). */
async function wasmMemory() {
  if (impl !== "wasm") return null;
  const glue = await import(new URL("pkg/zilliz_cloud_wasm.js", ROOT));
  const wasm = glue.initSync({ module: readFileSync(new URL("pkg/zilliz_cloud_wasm_bg.wasm", ROOT)) });
  // The export is `memory` unless the build renames exports (a minified build may): find it by type.
  const memory = wasm.memory ?? Object.values(wasm).find((v) => v instanceof WebAssembly.Memory);
  return memory.buffer.byteLength;
}

if (mode === "free") {
  const [count] = args.map(Number);
  const fetch = stubFetch();
  const clients = Array.from({ length: count }, () => new api.ZillizCloud({ apiKey: API_KEY, fetch }));
  // Freed in a shuffled (seeded) order, as garbage collection frees them: in creation order a
  // sorted free list is at its best and hides a quadratic free.
  for (let i = clients.length - 1, seed = 1; i > 0; i--) {
    seed = (seed * 48271) % 2147483647;
    const j = seed % (i + 1);
    [clients[i], clients[j]] = [clients[j], clients[i]];
  }
  const started = performance.now();
  for (const c of clients) c.free?.();
  console.log(JSON.stringify({ ms: performance.now() - started }));
} else if (mode === "oneshot") {
  const [count] = args.map(Number);
  const fetch = stubFetch();
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: count }, () => api.dropCluster({ apiKey: API_KEY, clusterId: CLUSTER, fetch })));
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, wrong: results.filter((r) => r.code !== 0).length }));
} else if (mode === "percall") {
  const [calls, warm] = args.slice(0, 2).map(Number);
  const memoryAtStart = await wasmMemory();
  const zc = new api.ZillizCloud({ apiKey: API_KEY, fetch: args[2] === "plain" ? plainStubFetch() : stubFetch() });
  let wrong = 0;
  for (let i = 0; i < warm; i++) if ((await zc.dropCluster(CLUSTER)).code !== 0) wrong++;
  const started = performance.now();
  for (let i = 0; i < calls; i++) if ((await zc.dropCluster(CLUSTER)).code !== 0) wrong++;
  const ms = performance.now() - started;
  console.log(JSON.stringify({ callsPerSec: calls / (ms / 1000), ms, wrong, memoryAtStart, memoryAfter: await wasmMemory(), totalCalls: calls + warm }));
} else if (mode === "mock") {
  const [url, prefix] = args;
  const [calls, concurrency, warm] = args.slice(2).map(Number);
  const zc = new api.ZillizCloud({ apiKey: API_KEY, baseUrl: url });
  const errors = [];
  async function run(ids) {
    let next = 0;
    let wrong = 0;
    const caller = async () => {
      while (next < ids.length) {
        const id = ids[next++];
        try {
          const res = await zc.dropCluster(id);
          if (res.code !== 0 || res.data.clusterId !== id) wrong++;
        } catch (err) {
          wrong++;
          if (errors.length < 3) errors.push(`${err.kind}: ${err.message}`);
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, caller));
    return { ms: performance.now() - started, wrong };
  }
  // The warm-up opens the connections and warms the JIT; only the second round is timed.
  const warmUp = await run(Array.from({ length: warm }, (_, i) => `${prefix}-w${i}`));
  const measured = await run(Array.from({ length: calls }, (_, i) => `${prefix}-${i}`));
  console.log(JSON.stringify({ callsPerSec: calls / (measured.ms / 1000), ms: measured.ms, wrong: warmUp.wrong + measured.wrong, errors }));
} else if (mode === "describe") {
  const [calls, warm] = args.map(Number);
  const body = JSON.stringify({ code: 0, data: { clusterId: CLUSTER, clusterName: "prod-search", plan: "Standard", status: "RUNNING", regionId: "aws-us-west-2", cuSize: 2 } });
  const zc = new api.ZillizCloud({ apiKey: API_KEY, fetch: async () => new Response(body) });
  let wrong = 0;
  for (let i = 0; i < warm; i++) if ((await zc.describeCluster(CLUSTER)).data.clusterId !== CLUSTER) wrong++;
  const started = performance.now();
  for (let i = 0; i < calls; i++) if ((await zc.describeCluster(CLUSTER)).data.clusterId !== CLUSTER) wrong++;
  const ms = performance.now() - started;
  console.log(JSON.stringify({ callsPerSec: calls / (ms / 1000), ms, wrong }));
} else if (mode === "clusters") {
  const [url] = args;
  const runs = Number(args[1]);
  const zc = new api.ZillizCloud({ apiKey: API_KEY, baseUrl: url });
  let seen = 0;
  let pages = 0;
  const started = performance.now();
  for (let r = 0; r < runs; r++) {
    for await (const c of zc.clusters({ pageSize: 100 })) if (c.clusterId) seen++;
  }
  const ms = performance.now() - started;
  pages = Math.ceil(seen / runs / 100) * runs;
  console.log(JSON.stringify({ callsPerSec: pages / (ms / 1000), clustersPerRun: seen / runs, ms, memoryAfter: await wasmMemory() }));
} else if (mode === "waits") {
  const [waits] = args.map(Number);
  const gone = JSON.stringify({ code: 96018, message: "Cluster not found. Please check your cluster ID." });
  const zc = new api.ZillizCloud({ apiKey: API_KEY, fetch: async () => new Response(gone) });
  let wrong = 0;
  // The first thousand settle the allocator's pools; memory is compared from there.
  for (let i = 0; i < 1000; i++) if ((await zc.waitUntilDropped(CLUSTER)).seen !== "not_found") wrong++;
  const memoryAtStart = await wasmMemory();
  const started = performance.now();
  for (let i = 0; i < waits; i++) if ((await zc.waitUntilDropped(CLUSTER)).seen !== "not_found") wrong++;
  const ms = performance.now() - started;
  console.log(JSON.stringify({ callsPerSec: waits / (ms / 1000), wrong, memoryAtStart, memoryAfter: await wasmMemory() }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
