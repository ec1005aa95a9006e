// Runs examples/cleanup-worker, as wrangler built it into <outdir>, in workerd through miniflare
// (Node >= 22), against the mock: its scheduled handler, in five runs. Reads the JSON lines the
// Worker logs from workerd's stdout. Prints one "@@RESULT {json}" line.
//   node cleanup-worker.mjs <outdir> <wrangler.toml> <mockUrl> <apiKey>
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { checks, equal, jsonLines } from "./checks.mjs";

const [outdir, tomlPath, mockUrl, apiKey] = process.argv.slice(2);
const toml = readFileSync(tomlPath, "utf8");
const compatibilityDate = /^compatibility_date = "([^"]+)"/m.exec(toml)[1];
// The [vars] of wrangler.toml (flat string values), as wrangler would bind them.
const vars = Object.fromEntries([...toml.split("[vars]")[1].matchAll(/^(\w+) = "([^"]*)"/gm)].map((m) => [m[1], m[2]]));
const cron = /crons = \["([^"]+)"\]/.exec(toml)[1];
const HOUR = 3_600_000;

async function control(method, path, body) {
  const res = await fetch(`${mockUrl}/__mock/${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`mock ${path}: HTTP ${res.status}`);
  return res.json();
}

/** A cluster record for the mock, created `hours` ago. */
const record = (n, name, hours, extra = {}) => ({
  clusterId: `in01-cleanup${String(n).padStart(7, "0")}`, clusterName: name, plan: n % 2 ? "Standard" : "Serverless",
  createTime: new Date(Date.now() - hours * HOUR).toISOString().replace(/\.\d+Z$/, "Z"), ...extra,
});

/** Seeds the mock with `records` only and queues `faults`, runs the scheduled handler once with
 *  `env` over the toml's vars (and `during` beside it), and returns the JSON lines logged, the
 *  mock's log and everything printed. */
async function scheduledRun(records, { env = {}, faults = [], during = async () => {} } = {}) {
  await control("POST", "reset");
  await control("DELETE", "clusters");
  if (records.length) await control("POST", "clusters", { clusters: records });
  await control("DELETE", "requests");
  if (faults.length) await control("POST", "faults", faults);
  let output = "";
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(outdir, "index.js"),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate,
    bindings: { ...vars, ZILLIZ_API_KEY: apiKey, ZILLIZ_BASE_URL: mockUrl, ...env },
    handleRuntimeStdio(stdout, stderr) {
      stdout.on("data", (d) => (output += d));
      stderr.on("data", (d) => (output += d));
    },
  });
  try {
    const worker = await mf.getWorker();
    const [result] = await Promise.all([worker.scheduled({ cron, scheduledTime: new Date() }), during()]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last lines through the pipe
    const lines = jsonLines(output);
    return { result, lines, requests: await control("GET", "requests"), output };
  } finally {
    await mf.dispose();
  }
}

const { check, finish } = checks();
const actions = (lines) => lines.map((l) => `${l.clusterName}:${l.action}`);
const deletes = (requests) => requests.filter((r) => r.method === "DELETE").map((r) => r.clusterId);

const FLEET = [
  record(1, "preview-pr-101", 100),
  record(2, "preview-pr-102", 80),
  record(3, "preview-pr-103", 10), // too young for 72 hours
  record(4, "preview-pr-104", 200, { status: "DELETING" }),
  record(5, "prod-search", 900), // no prefix: not considered
];

await check("a dry run drops nothing and says what it would drop", async () => {
  const run = await scheduledRun(FLEET);
  equal(run.result.outcome, "ok", "outcome");
  equal(actions(run.lines), ["preview-pr-101:would_drop", "preview-pr-102:would_drop", "preview-pr-103:skipped", "preview-pr-104:skipped"], "lines");
  equal(run.lines.map((l) => l.keptInRecycleBin), [true, false, true, false], "keptInRecycleBin");
  equal(run.lines[3].reason, "already DELETING", "reason");
  equal(deletes(run.requests), [], "DELETEs");
  if (run.output.includes(apiKey)) throw new Error("the key was printed");
});

await check("a real run drops the old ones, each after a describe", async () => {
  const run = await scheduledRun(FLEET, { env: { CLEANUP_DRY_RUN: "false" } });
  equal(actions(run.lines), ["preview-pr-101:dropped", "preview-pr-102:dropped", "preview-pr-103:skipped", "preview-pr-104:skipped"], "lines");
  equal(deletes(run.requests), [FLEET[0].clusterId, FLEET[1].clusterId], "DELETEs");
  equal(run.requests.map((r) => r.method).join(" "), "GET GET DELETE GET DELETE", "a list, then describe and drop for each");
  for (const line of run.lines) equal(Object.keys(line), ["clusterId", "clusterName", "action", "reason", "keptInRecycleBin"], "line keys");
  if (run.output.includes(apiKey)) throw new Error("the key was printed");
});

/** A real run over one old cluster that is renamed to `rename` between the list and its drop. */
function renamedDuringTheRun(rename) {
  const old = record(6, "preview-pr-106", 100);
  // The describe that guards the drop waits 1.5 s; the cluster is renamed meanwhile.
  return scheduledRun([old], { env: { CLEANUP_DRY_RUN: "false" }, faults: [{ delayMs: 0 }, { delayMs: 1500 }], during: async () => {
    for (let i = 0; i < 50 && !(await control("GET", "requests")).some((r) => r.method === "GET" && r.path === "/v2/clusters"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await control("POST", "clusters", { clusters: [{ ...old, clusterName: rename }] });
  } });
}

await check("a cluster renamed between the list and the drop is skipped, with no DELETE", async () => {
  const run = await renamedDuringTheRun("keep-me");
  equal(actions(run.lines), ["preview-pr-106:skipped"], "lines");
  if (!run.lines[0].reason.startsWith("renamed since the list")) throw new Error(`reason: ${run.lines[0].reason}`);
  equal(deletes(run.requests), [], "DELETEs");
});

await check("a cluster renamed into a protected name (wrangler.toml's prod-*) is skipped as protected", async () => {
  const run = await renamedDuringTheRun("prod-keep-me");
  equal(actions(run.lines), ["preview-pr-106:skipped"], "lines");
  equal(run.lines[0].reason, "protected (prod-*)", "reason");
  equal(deletes(run.requests), [], "DELETEs");
});

await check("CLEANUP_PROTECT: a matching cluster is skipped with its pattern, never described, and counts toward nothing", async () => {
  const kept = record(31, "preview-pr-301", 100);
  const other = record(32, "preview-pr-302", 100);
  const run = await scheduledRun([kept, other], { env: { CLEANUP_DRY_RUN: "false", CLEANUP_MAX_DROPS: "1", CLEANUP_PROTECT: " in01-nothing*, preview-pr-301 ,prod-*" } });
  equal(actions(run.lines), ["preview-pr-301:skipped", "preview-pr-302:dropped"], "lines");
  equal(run.lines[0].reason, "protected (preview-pr-301)", "reason");
  equal(deletes(run.requests), [other.clusterId], "DELETEs");
  equal(run.requests.map((r) => `${r.method} ${r.clusterId ?? ""}`.trim()), ["GET", `GET ${other.clusterId}`, `DELETE ${other.clusterId}`], "requests");
  const dry = await scheduledRun([kept, other], { env: { CLEANUP_PROTECT: "preview-pr-301" } });
  equal(actions(dry.lines), ["preview-pr-301:skipped", "preview-pr-302:would_drop"], "a dry run chooses the same");
  const bad = await scheduledRun([kept], { env: { CLEANUP_DRY_RUN: "false", CLEANUP_PROTECT: "a\u0007b" } });
  equal(actions(bad.lines), ["undefined:failed"], "a bad pattern refuses the run");
  if (!bad.lines[0].reason.startsWith("invalid_input: protect")) throw new Error(`reason: ${bad.lines[0].reason}`);
  equal(bad.requests.length, 0, "requests of a refused run");
});

await check("a rate-limited list is retried, then the run goes on", async () => {
  const old = record(7, "preview-pr-107", 100);
  const run = await scheduledRun([old], { env: { CLEANUP_DRY_RUN: "false" },
    faults: [{ status: 429, headers: { "retry-after": "1" }, json: { code: 429, message: "Too many requests" }, count: 2 }] });
  equal(actions(run.lines), ["preview-pr-107:dropped"], "lines");
  equal(run.requests.map((r) => r.status), [429, 429, 200, 200, 200], "two 429s, then the list, describe and drop");
});

await check("a run stops dropping at CLEANUP_MAX_DROPS", async () => {
  const many = Array.from({ length: 12 }, (_, i) => record(10 + i, `preview-pr-${200 + i}`, 100));
  const run = await scheduledRun(many, { env: { CLEANUP_DRY_RUN: "false" } });
  equal(run.lines.filter((l) => l.action === "dropped").length, 10, "dropped (the default cap)");
  equal(run.lines.filter((l) => l.action === "skipped").map((l) => l.reason), Array(2).fill("the cap of 10 drops per run was reached"), "skipped");
  equal(deletes(run.requests).length, 10, "DELETEs");
});

await check("an empty prefix or a missing age is refused: nothing is listed or dropped", async () => {
  for (const env of [{ CLEANUP_PREFIX: "" }, { CLEANUP_MIN_AGE_HOURS: "" }, { CLEANUP_MIN_AGE_HOURS: "soon" }]) {
    const run = await scheduledRun(FLEET, { env: { ...env, CLEANUP_DRY_RUN: "false" } });
    equal(actions(run.lines), ["undefined:failed"], `lines with ${JSON.stringify(env)}`);
    equal(run.requests.length, 0, "requests");
  }
});

const miniflare = JSON.parse(readFileSync(new URL("../../node_modules/miniflare/package.json", import.meta.url), "utf8")).version;
finish(`workerd via miniflare ${miniflare}; compatibility_date ${compatibilityDate}`);
