// Runs the one shared contract suite (tests/shared/contract-suite.mjs) in every runtime, against
// one real mock control plane on 127.0.0.1, on the package packed from pkg/ and installed by name;
// bundlers.mjs bundles it with each bundler, and next-app.mjs runs the Next.js app's own checks.
// Prints on stdout one "SUITE <name> <passed> <failed>" line per runtime, "VERSION <what> <text>"
// lines, and writes target/runtimes/versions.json. Everything else goes to stderr.
//
//   node tests/runtimes/run.mjs [runtime ...]     (default: all; see RUNTIMES)
//
// Needs: pkg/ built, target/debug/zilliz-mock built, the root devDependencies installed.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { freePort, startMock } from "../support/mock.mjs";
import { bundlerRuntime, bunTargetRuntime } from "./bundlers.mjs";
import { BIN, BUN, HERE, NODE22, OUT, ROOT, SITE, addResult, broken, endGroup, note, readJson, resultOf, run, say, spawnGroup, stopOnSignal, version, versions } from "./harness.mjs";
import { edgeRuntime } from "./edge.mjs";
import { nextRuntime } from "./next-app.mjs";
import { installTarball, postToServer } from "./project.mjs";
import { runLocally, step } from "./run-locally.mjs";
import { jsonLines } from "./checks.mjs";
import { astroRuntime, denoServeRuntime } from "./servers.mjs";
import { PARCEL_RUNTIMES, parcelRuntime } from "./parcel.mjs";
import { TYPESCRIPT_MODES, typescriptDefaults, typescriptRuntime } from "./typescript.mjs";

const MOCK_BIN = process.env.MOCK_BIN ?? join(ROOT, "target/debug/zilliz-mock");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const API_KEY = "sk-zcw-runtimes-SECRET-93c1d7a04e";
const QUICKSTART_CLUSTER = "in01-6183d6bac30f801";

const BUNDLED = ["esbuild", "esbuild-inline", "rollup", "rollup-inline", "webpack", "webpack-inline", "bun-build-inline"];
const RUNTIMES = ["node-shared", "node22-shared", "node20-require", "node22-require", "bun", "deno", "workerd",
  "chromium-page", "chromium-page-inline", "chromium-worker", "chromium-bundled", "chromium-vite-dev",
  ...BUNDLED.map((name) => `chromium-${name}`), "bun-build-bun-inline", "next-turbopack", "next-webpack",
  ...PARCEL_RUNTIMES, ...Object.keys(TYPESCRIPT_MODES), "ts-defaults", "edge-runtime", "deno-serve", "astro", "cleanup-worker", "console-proxy", "console-proxy-local", "cleanup-worker-local", "readme"];
const selected = process.argv.slice(2).length ? process.argv.slice(2) : RUNTIMES;
for (const name of selected) if (!RUNTIMES.includes(name)) throw new Error(`unknown runtime ${name}; known: ${RUNTIMES.join(" ")}`);

function finish(name, report) {
  if (report.named === false) addResult(report, "named imports are the namespace's", false, "named imports differ from the module namespace");
  for (const r of report.results) if (!r.ok) note(`  FAIL ${name} / ${r.name}: ${r.error}`);
  if (report.runtime) version(name, report.runtime);
  say(`SUITE ${name} ${report.passed} ${report.failed}`);
}

// --- set-up: pack, install by name, start the mock ------------------------------------------

rmSync(OUT, { recursive: true, force: true });
mkdirSync(SITE, { recursive: true });
const packed = execFileSync("npm", ["pack", join(ROOT, "pkg"), "--pack-destination", OUT, "--loglevel=error"], { encoding: "utf8" });
const tarball = join(OUT, packed.trim().split("\n").pop());
rmSync(join(HERE, "node_modules"), { recursive: true, force: true });
execFileSync("npm", ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: HERE, stdio: ["ignore", "ignore", "inherit"] });
const installed = join(HERE, "node_modules/zilliz-cloud-wasm");
note(`installed ${tarball} by name into ${installed}: ${readdirSync(installed).sort().join(" ")}`);

// The Vite and Parcel pages call the mock from their own origins, control surface included:
// their ports are chosen now so that the mock can let those origins (and only them) script /__mock/.
const VITE_PORT = await freePort();
const PARCEL_PORTS = Object.fromEntries(await Promise.all(PARCEL_RUNTIMES.map(async (name) => [name, await freePort()])));
const controlOrigins = [VITE_PORT, ...Object.values(PARCEL_PORTS)].map((port) => `http://127.0.0.1:${port}`);
const mock = await startMock({ bin: MOCK_BIN, apiKey: API_KEY, rate: 0, www: SITE, controlOrigins });
stopOnSignal.add(mock.pid);
const mockUrl = mock.url;
const mockPort = new URL(mockUrl).port;
note(`mock at ${mockUrl}`);

/** Runs a README quick-start script (Node or Deno) as a user would: drop, then drop again. */
async function quickStart(cmd, args, env = {}, cwd = HERE) {
  await mock.reset();
  await mock.seed([QUICKSTART_CLUSTER]);
  const opts = { cwd, env: { ZILLIZ_API_KEY: API_KEY, ZILLIZ_BASE_URL: mockUrl, ...env }, timeoutMs: 60_000 };
  const first = await run(cmd, [...args, QUICKSTART_CLUSTER], opts);
  if (first.code !== 0 || !/recycle bin|30 days/i.test(first.stdout)) return `first drop: exit ${first.code}: ${first.stdout} ${first.stderr}`.trim();
  const second = await run(cmd, [...args, QUICKSTART_CLUSTER], opts);
  if (second.code !== 1 || !second.stderr.startsWith("not_found ")) return `second drop: exit ${second.code}: ${second.stderr}`.trim();
  if ((first.stderr + second.stderr).includes(API_KEY)) return "the key was printed";
  return null;
}

/** What every tool row asserts: `dropped` is the drop's success body for the seeded cluster,
 *  `kind` what a wrong key's drop failed with, `output` everything the row's processes printed. */
function judgeDrop(report, { dropped, kind, output }) {
  addResult(report, "the drop answers its success body", dropped?.code === 0 && dropped?.data?.clusterId === QUICKSTART_CLUSTER,
    `answered ${JSON.stringify(dropped)?.slice(0, 500)}`);
  addResult(report, "a wrong key's drop fails with kind auth", kind === "auth", `kind ${kind}`);
  addResult(report, "the key is never printed", !output.includes(API_KEY), "the key was printed");
}

/** Runs a program that drops (mockUrl, key and cluster as its last arguments) and prints one
 *  JSON line { dropped, kind } last, on a freshly seeded mock. */
async function checkDrop(report, cmd, args, cwd, env = {}) {
  await mock.reset();
  await mock.seed([QUICKSTART_CLUSTER]);
  const out = await run(cmd, [...args, mockUrl, API_KEY, QUICKSTART_CLUSTER], { cwd, env, timeoutMs: 60_000 });
  let seen = {};
  try {
    seen = JSON.parse(out.stdout.trim().split("\n").pop());
  } catch {
    addResult(report, "the program prints its result", false, `exit ${out.code}: ${(out.stdout + out.stderr).slice(-2000)}`);
  }
  judgeDrop(report, { ...seen, output: out.stdout + out.stderr });
  return seen;
}

/** A tool row's server, started once with the key and once with a wrong one: `start(apiKey)`
 *  gives postToServer's { cmd, args, cwd, env, url }; the server drops what it is POSTed. */
async function serverDrop(report, start) {
  await mock.reset();
  await mock.seed([QUICKSTART_CLUSTER]);
  const right = await postToServer({ ...(await start(API_KEY)), clusterId: QUICKSTART_CLUSTER });
  const wrong = await postToServer({ ...(await start("sk-zcw-server-WRONG-c81e07")), clusterId: QUICKSTART_CLUSTER });
  if (!right.body || !wrong.body) note(`  server output: ${(right.output + wrong.output).slice(-3000)}`);
  judgeDrop(report, { dropped: right.body, kind: wrong.body?.error?.kind, output: right.output + wrong.output });
  // The handler maps a kind to its own status: a cluster already gone is 404, though the control
  // plane says so with HTTP 200; a wrong key of the server's is the server's failure, 502.
  addResult(report, "a drop of a cluster already gone answers 404, kind not_found", right.again?.status === 404 && right.again?.body?.error?.kind === "not_found",
    `answered ${right.again?.status} ${JSON.stringify(right.again?.body)?.slice(0, 300)}`);
  addResult(report, "a wrong key of the server's answers 502", wrong.status === 502, `answered ${wrong.status}`);
}

// --- the runtimes -------------------------------------------------------------------------

/** A Node.js driver of the suite (import, or require() from CommonJS), then its README quick start. */
const NODE_IMPORT = { driver: "node.mjs", quickStartFile: "quickstart/node.mjs", what: "Node" };
const NODE_REQUIRE = { driver: "node-require.cjs", quickStartFile: "quickstart/node.cjs", what: "CommonJS" };
async function nodeRuntime(node, { driver, quickStartFile, what }) {
  const report = resultOf(`node (${what})`, await run(node, [driver, mockUrl, API_KEY], { cwd: HERE, timeoutMs: 120_000 }));
  const problem = await quickStart(node, [quickStartFile]);
  addResult(report, `README quick start (${what})`, !problem, problem);
  return report;
}

/** The Node driver, unchanged, under `bun run`; and the README's Bun line (bun-run.sh, run by
 *  bash as written) on the Node quick start saved as drop.mjs in a project of its own. */
async function bunRuntime() {
  const report = resultOf("bun", await run(BUN, ["run", "node.mjs", mockUrl, API_KEY], { cwd: HERE, timeoutMs: 120_000 }));
  const project = join(OUT, "bun-quickstart");
  mkdirSync(project, { recursive: true });
  cpSync(join(HERE, "quickstart/node.mjs"), join(project, "drop.mjs"));
  cpSync(installed, join(project, "node_modules/zilliz-cloud-wasm"), { recursive: true });
  // bun-run.sh names the cluster itself (QUICKSTART_CLUSTER): the ID quickStart appends is unused.
  const problem = await quickStart("bash", ["-e", join(HERE, "bun-run.sh")], { PATH: `${dirname(BUN)}:${process.env.PATH}` }, project);
  addResult(report, "README quick start (bun run)", !problem, problem);
  return report;
}

const DENO_ENV = { DENO_DIR: join(OUT, "deno-dir"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
async function denoRuntime() {
  // No --allow-read, --allow-env or --allow-net beyond the mock: the package needs none.
  const report = resultOf("deno", await run(join(BIN, "deno"), ["run", "--no-prompt", "--no-lock", `--allow-net=127.0.0.1:${mockPort}`, "deno.mjs", mockUrl, API_KEY], { cwd: HERE, env: DENO_ENV, timeoutMs: 120_000 }));
  const problem = await quickStart(join(BIN, "deno"), ["run", "--no-prompt", "--no-lock", `--allow-net=127.0.0.1:${mockPort}`, "--allow-env=ZILLIZ_API_KEY,ZILLIZ_BASE_URL", "quickstart/deno.js"], DENO_ENV);
  addResult(report, "README quick start (Deno)", !problem, problem);
  return report;
}

/** The way users bundle a Worker: wrangler's own build (`deploy --dry-run`) of `project` into
 *  `outdir`. Null, or why it failed. */
async function wranglerBuild(project, outdir, env = {}) {
  const built = await run(NODE22, [join(ROOT, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", outdir],
    { cwd: project, env: { WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1", ...env }, timeoutMs: 180_000 });
  rmSync(join(project, ".wrangler"), { recursive: true, force: true });
  return built.code === 0 ? null : `wrangler build failed (exit ${built.code}): ${(built.stdout + built.stderr).slice(-3000)}`;
}

async function workerdRuntime() {
  const project = join(HERE, "worker");
  const outdir = join(OUT, "worker-dist");
  const failed = await wranglerBuild(project, outdir);
  if (failed) return broken(failed);
  const wasm = readdirSync(outdir).filter((f) => f.endsWith(".wasm"));
  const bundle = readFileSync(join(outdir, "index.js"), "utf8");
  const compat = readJson(join(project, "wrangler.jsonc")).compatibility_date;
  const report = resultOf("workerd", await run(NODE22, [join(HERE, "miniflare.mjs"), outdir, compat, mockUrl, API_KEY], { timeoutMs: 120_000 }));
  addResult(report, "wrangler bundled the workerd entry with one .wasm module",
    wasm.length === 1 && bundle.includes(`from "./${wasm[0]}"`) && !bundle.includes("readFileSync"),
    `wasm files: ${wasm.join(", ")}`);
  return report;
}

/** An example's copy keeps only the package among its dependencies: wrangler and jose come from
 *  the repository's node_modules, the versions the examples pin (the *-local rows install them
 *  as a user does). */
function stripTools(project) {
  const path = join(project, "package.json");
  const manifest = readJson(path);
  delete manifest.devDependencies;
  manifest.dependencies = { "zilliz-cloud-wasm": manifest.dependencies["zilliz-cloud-wasm"] };
  writeFileSync(path, JSON.stringify(manifest, null, 2) + "\n");
}

/** Whether an example's package.json pins the wrangler (and jose, if it uses it) the tests ran,
 *  and says the Node that wrangler needs. */
function pinsWhatRan(report, example) {
  const manifest = readJson(join(example, "package.json"));
  const tested = (name) => readJson(join(ROOT, "node_modules", name, "package.json")).version;
  addResult(report, "package.json pins the wrangler (and jose) the tests ran, and the Node it needs (engines)",
    manifest.devDependencies?.wrangler === tested("wrangler") && manifest.engines?.node === ">=22.12" &&
      (!manifest.dependencies?.jose || manifest.dependencies.jose === `^${tested("jose")}`),
    JSON.stringify([manifest.dependencies, manifest.devDependencies, manifest.engines]));
}

/** examples/cleanup-worker copied into a fresh project with the packed package, built by
 *  wrangler as `wrangler deploy` would, its scheduled handler run in workerd (cleanup-worker.mjs). */
async function cleanupWorkerRuntime() {
  const example = join(ROOT, "examples/cleanup-worker");
  const project = join(OUT, "cleanup-worker");
  const outdir = join(OUT, "cleanup-worker-dist");
  rmSync(project, { recursive: true, force: true });
  cpSync(example, project, { recursive: true, filter: (src) => !/[/\\](node_modules|\.wrangler)$/.test(src) });
  stripTools(project);
  installTarball(project, tarball);
  const failed = await wranglerBuild(project, outdir);
  if (failed) return broken(failed);
  const report = resultOf("cleanup-worker", await run(NODE22, [join(HERE, "cleanup-worker.mjs"), outdir, join(project, "wrangler.toml"), mockUrl, API_KEY], { timeoutMs: 180_000 }));
  // The README's deploy steps against the files: the key is a secret the code reads, never a var.
  const readme = readFileSync(join(example, "README.md"), "utf8");
  const toml = readFileSync(join(example, "wrangler.toml"), "utf8");
  const code = readFileSync(join(example, "src/cleanup.js"), "utf8");
  addResult(report, "README: the key is the secret ZILLIZ_API_KEY, which the code reads and wrangler.toml does not set",
    readme.includes("npx wrangler secret put ZILLIZ_API_KEY") && code.includes("env.ZILLIZ_API_KEY") && !toml.includes("ZILLIZ_API_KEY"));
  pinsWhatRan(report, example);
  addResult(report, "wrangler.toml has the cron trigger and every CLEANUP_ setting the code reads",
    /\[triggers\]\ncrons = \["[^"]+"\]/.test(toml) && [...code.matchAll(/env\.(CLEANUP_\w+)/g)].every(([, name]) => toml.includes(`${name} = `)));
  return report;
}

/** examples/console-proxy copied into a fresh project with the packed package, built by wrangler
 *  (its build step puts the console and the package's browser files into public/), then run in
 *  workerd with its static assets, in front of a mock, and driven by console-proxy.mjs. */
async function consoleProxyRuntime() {
  const example = join(ROOT, "examples/console-proxy");
  const project = join(OUT, "console-proxy");
  const outdir = join(OUT, "console-proxy-dist");
  rmSync(project, { recursive: true, force: true });
  cpSync(example, project, { recursive: true, filter: (src) => !/[/\\](node_modules|\.wrangler|public)$/.test(src) });
  stripTools(project);
  installTarball(project, tarball);
  const failed = await wranglerBuild(project, outdir, { CONSOLE_DIR: join(ROOT, "www") });
  if (failed) return broken(failed);
  const report = resultOf("console-proxy", await run(NODE22, [join(HERE, "console-proxy.mjs"), outdir, project, API_KEY], { timeoutMs: 300_000 }));
  const readme = readFileSync(join(example, "README.md"), "utf8");
  const toml = readFileSync(join(example, "wrangler.toml"), "utf8");
  addResult(report, "README: the key is the secret ZILLIZ_API_KEY, which wrangler.toml does not set",
    readme.includes("npx wrangler secret put ZILLIZ_API_KEY") && !toml.includes("ZILLIZ_API_KEY ="));
  pinsWhatRan(report, example);
  return report;
}

/** examples/console-proxy's "Try it against the mock", as written, in a fresh folder. */
function consoleProxyLocal() {
  return runLocally("console-proxy", async ({ worker, mockUrl, report, output }) => {
    const config = await (await fetch(`${worker}/console-config.json`)).json();
    addResult(report, "the console's config: proxy mode, no one signed in, Access off, the server's prod-*",
      JSON.stringify(config) === JSON.stringify({ proxy: true, protect: ["prod-*"], user: null, access: "off" }), JSON.stringify(config));
    const list = await (await fetch(`${worker}/v2/clusters`)).json();
    addResult(report, "the list comes through with the server's key", list.data?.clusters?.length === 2, JSON.stringify(list).slice(0, 300));
    const origin = new URL(worker).origin;
    const suspended = await fetch(`${worker}/v2/clusters/in01-0123456789abcde/suspend`, { method: "POST", headers: { origin } });
    const kept = await fetch(`${worker}/v2/clusters/in01-6183d6bac30f801/drop`, { method: "DELETE", headers: { origin } });
    addResult(report, "a suspend goes through; a drop of prod-search is refused", suspended.status === 200 && kept.status === 403, `${suspended.status} ${kept.status}`);
    const page = await fetch(`${worker}/`);
    addResult(report, "the console is served", page.status === 200 && (await page.text()).includes('id="proxy-note"'), String(page.status));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lines = jsonLines(output());
    addResult(report, "wrangler dev prints the audit lines, each saying Access is off",
      lines.map((l) => `${l.method} ${l.status} ${l.outcome} ${l.access}`).join(", ") === "POST 200 forwarded off, DELETE 403 refused off", JSON.stringify(lines));
    const requests = await (await fetch(`${mockUrl}/__mock/requests`)).json();
    addResult(report, "the mock got the server's key on every call, and no DELETE",
      requests.length === 3 && requests.every((r) => r.auth === "matched") && !requests.some((r) => r.method === "DELETE"), JSON.stringify(requests.map((r) => [r.method, r.path, r.auth])));
  });
}

/** examples/cleanup-worker's "Run it locally", as written, in a fresh folder: a scheduled run. */
function cleanupWorkerLocal() {
  return runLocally("cleanup-worker", async ({ worker, report, readme, output, ports }) => {
    for (const name of ["seed", "trigger"]) {
      const done = await run("bash", ["-c", step(readme, name).map(ports).join("\n")], { timeoutMs: 60_000 });
      addResult(report, `the "${name}" step runs`, done.code === 0, done.stderr + done.stdout);
    }
    let lines = [];
    for (let i = 0; i < 50 && lines.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      lines = jsonLines(output());
    }
    addResult(report, "the scheduled run's line is printed: preview-pr-1 would be dropped (a dry run)",
      lines.length === 1 && lines[0].clusterName === "preview-pr-1" && lines[0].action === "would_drop", JSON.stringify(lines));
    addResult(report, "the steps name the Worker that wrangler dev started", worker.startsWith("http://127.0.0.1:"), worker);
  });
}

let browser;
/** A new page of the one Chromium this run launches (on first use). */
async function openPage() {
  if (!browser) {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    version("chromium", `Chromium ${browser.version()}`);
  }
  return browser.newPage();
}

async function chromiumPage(url, name) {
  const page = await openPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  // The suite's own failing API calls show up as "Failed to load resource": expected.
  page.on("console", (msg) => { if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) problems.push(`console: ${msg.text()}`); });
  page.on("requestfailed", (req) => { if (!req.url().includes("/v2/clusters/")) problems.push(`request failed: ${req.url()}`); });
  try {
    await page.addInitScript((test) => { window.__ZILLIZ_TEST = test; }, { mockUrl, apiKey: API_KEY });
    await page.goto(url);
    await page.waitForFunction(() => window.__suite, null, { timeout: 90_000 });
    return await page.evaluate(() => window.__suite);
  } catch (err) {
    return broken(`${name}: ${err.message.split("\n")[0]}; ${problems.join("; ")}`.slice(0, 3000));
  } finally {
    // Failed fetches of the API are part of the suite (resets, aborts, timeouts): not logged.
    for (const p of problems) note(`  ${name}: ${p}`);
    await page.close();
  }
}

function assembleSite() {
  if (existsSync(join(SITE, "page.html"))) return;
  for (const file of ["page.html", "page-inline.html", "worker.html", "worker.mjs"]) cpSync(join(HERE, "browser", file), join(SITE, file));
  // Deployed as is: the one suite file and the package as npm installed it.
  cpSync(join(ROOT, "tests/shared/contract-suite.mjs"), join(SITE, "shared/contract-suite.mjs"));
  cpSync(installed, join(SITE, "node_modules/zilliz-cloud-wasm"), { recursive: true });
}

async function bundledRuntime() {
  assembleSite();
  const outDir = join(SITE, "bundled");
  // `vite build` with no config file at all (configFile: false): the README says none is needed.
  const script = `import { build } from "vite";
await build({ configFile: false, root: ${JSON.stringify(join(HERE, "browser/bundled"))}, base: "/bundled/", logLevel: "warn",
  build: { outDir: ${JSON.stringify(outDir)}, emptyOutDir: true } });`;
  const built = await run(process.execPath, ["--input-type=module", "-e", script], { env: { NO_COLOR: "1" }, timeoutMs: 180_000 });
  if (built.code !== 0) return broken(`vite build failed (exit ${built.code}): ${(built.stdout + built.stderr).slice(-3000)}`);
  const assets = readdirSync(join(outDir, "assets"));
  const report = await chromiumPage(`${mockUrl}/bundled/`, "chromium-bundled");
  addResult(report, "Vite emitted the .wasm as an asset", assets.filter((f) => f.endsWith(".wasm")).length === 1, `assets: ${assets.join(", ")}`);
  return report;
}

/** The same page from Vite's dev server (its own origin: the API calls are cross-origin). */
async function viteDevRuntime() {
  const child = spawnGroup(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), join(HERE, "browser/bundled"),
    "--host", "127.0.0.1", "--port", String(VITE_PORT), "--strictPort", "--force"], { env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL from the Vite dev server after 60 s: ${output}`)), 60_000);
      const seen = (d) => {
        output += d;
        const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
        if (m) { clearTimeout(timer); resolve(m[0]); }
      };
      child.stdout.on("data", seen);
      child.stderr.on("data", seen);
      child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`the Vite dev server exited with ${code}: ${output}`)); });
    });
    return await chromiumPage(url, "chromium-vite-dev");
  } catch (err) {
    return broken(`vite dev: ${err.message}`);
  } finally {
    endGroup(child.pid);
  }
}

/** Each code block of the README and of docs/ preceded by `<!-- tested: path -->` must appear,
 *  line for line (indentation and blank lines aside), as one contiguous run of lines in that file,
 *  which the runtimes above (or the Node suite's examples test, or cargo's doctests) run; and every
 *  guide the README's runtimes table links to must exist. */
function readmeCheck() {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = /^## Runtimes\n([\s\S]*?)(?=^## )/m.exec(readme + "\n## ")?.[1];
  if (!section) return broken("README.md has no \"## Runtimes\" section");
  const report = { passed: 0, failed: 0, results: [] };
  const lines = (text) => text.split("\n").map((l) => l.trim()).filter(Boolean);
  const docs = ["README.md", "examples/cleanup-worker/README.md",
    ...readdirSync(join(ROOT, "docs"), { recursive: true }).filter((f) => f.endsWith(".md")).map((f) => join("docs", f))];
  const blocks = docs.flatMap((doc) => [...readFileSync(join(ROOT, doc), "utf8").matchAll(/<!-- tested: (\S+) -->\n```[a-z]*\n([\s\S]*?)```/g)].map((m) => [doc, ...m.slice(1), m.input.slice(Math.max(0, m.index - 300), m.index)]));
  // A block is a whole file (its leading comment lines aside), or says plainly before it that it
  // is an excerpt and links the whole file: a reader must never paste half a program unwarned.
  const program = (text) => lines(text).filter((l, i, all) => all.slice(0, i + 1).some((x) => !/^(\/\/|#)/.test(x))).join("\n");
  for (const [doc, path, code, before] of blocks) {
    if (!existsSync(join(ROOT, path))) continue;
    const whole = program(readFileSync(join(ROOT, path), "utf8")) === program(code);
    const labelled = /excerpt/i.test(before) && before.includes(`](${relative(dirname(join(ROOT, doc)), join(ROOT, path))})`);
    if (!whole && !labelled) addResult(report, `${doc}: the block of ${path} is the whole file, or says it is an excerpt and links it`, false, "an unmarked excerpt");
  }
  if (blocks.length === 0) addResult(report, "README runtime quick starts are checked", false, "no <!-- tested: path --> blocks");
  for (const [doc, path, code] of blocks) {
    const want = lines(code);
    const file = join(ROOT, path);
    const have = existsSync(file) ? lines(readFileSync(file, "utf8")) : [];
    const found = have.some((_, i) => want.every((l, j) => have[i + j] === l));
    addResult(report, `${doc}: block is in ${path}`, found, existsSync(file) ? "not found verbatim" : "no such file");
  }
  for (const [, link] of section.matchAll(/\]\((docs\/[^)#]+)/g)) {
    addResult(report, `README's runtimes table links to ${link}`, existsSync(join(ROOT, link)), "no such file");
  }
  // Every relative link of README.md, docs/ and examples/ resolves inside this repository (a
  // clone has nothing beside it), and no text points a reader outside it.
  const markdown = ["README.md", ...["docs", "examples"].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true }).filter((f) => f.endsWith(".md") && !f.includes("node_modules")).map((f) => join(dir, f)))];
  let links = 0;
  for (const doc of markdown) {
    const text = readFileSync(join(ROOT, doc), "utf8");
    if (text.includes("../shared/")) addResult(report, `${doc} names nothing outside the repository`, false, "mentions ../shared/");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^([a-z]+:|#)/i.test(target)) continue;
      const path = resolve(ROOT, dirname(doc), decodeURIComponent(target.split("#")[0]));
      const inside = path === ROOT || path.startsWith(ROOT.replace(/\/?$/, "/"));
      links++;
      if (!inside || !existsSync(path)) addResult(report, `${doc}: its link ${target} resolves inside the repository`, false, inside ? "no such file" : "outside the repository");
    }
  }
  addResult(report, `the ${links} relative links of ${markdown.length} Markdown files resolve inside the repository`, links > 0, "no links found");
  // The versions table should name what ran; a newer Debian Chromium must not fail the run.
  const tested = [
    [versions["node-shared"], /v(\S+)/], [versions["node22-shared"], /v(\S+)/], [versions.deno, /deno (\S+)/],
    [versions.chromium, /Chromium (\S+)/], [versions["workerd-binary"], /workerd (\S+)/],
    [versions.workerd, /miniflare (\S+);/], [versions.wrangler, /(.+)/], [versions.vite, /(.+)/],
    [versions.bun, /bun (\S+)/], [versions.next, /(.+)/], [versions.esbuild, /(.+)/], [versions.rollup, /(.+)/], [versions.webpack, /(.+)/],
    [versions["chromium-parcel"], /Parcel (\S+)/], [versions["ts-bundler"], /TypeScript ([^,]+)/],
    [versions["edge-runtime"], /edge-runtime ([^,]+)/], [versions.astro, /Astro ([^,]+)/], [versions["deno-serve"], /deno (\S+)/],
  ];
  for (const [text, pattern] of tested) {
    const v = text && pattern.exec(text)?.[1];
    if (v && !section.includes(v)) note(`  WARNING: README.md's Runtimes section does not name the tested version ${v} (${text})`);
  }
  return report;
}

const RUNNERS = {
  "node-shared": () => nodeRuntime(process.execPath, NODE_IMPORT),
  "node22-shared": () => nodeRuntime(NODE22, NODE_IMPORT),
  deno: denoRuntime,
  workerd: workerdRuntime,
  "chromium-page": () => (assembleSite(), chromiumPage(`${mockUrl}/page.html`, "chromium-page")),
  "node20-require": () => nodeRuntime(process.execPath, NODE_REQUIRE),
  "node22-require": () => nodeRuntime(NODE22, NODE_REQUIRE),
  bun: bunRuntime,
  "chromium-page-inline": () => (assembleSite(), chromiumPage(`${mockUrl}/page-inline.html`, "chromium-page-inline")),
  ...Object.fromEntries(BUNDLED.map((name) => [`chromium-${name}`, () => bundlerRuntime({
    tool: name.replace(/-inline$/, ""), inline: name.endsWith("-inline"), installed, mockUrl, chromiumPage,
  })])),
  "bun-build-bun-inline": () => bunTargetRuntime({ installed, mockUrl, apiKey: API_KEY }),
  "next-turbopack": () => nextRuntime({ bundler: "turbopack", tarball, mock, apiKey: API_KEY, openPage }),
  "next-webpack": () => nextRuntime({ bundler: "webpack", tarball, mock, apiKey: API_KEY, openPage }),
  "chromium-worker": () => (assembleSite(), chromiumPage(`${mockUrl}/worker.html`, "chromium-worker")),
  "chromium-bundled": bundledRuntime,
  "chromium-vite-dev": viteDevRuntime,
  ...Object.fromEntries(PARCEL_RUNTIMES.map((name) => [name, () => parcelRuntime({ name, tarball, port: PARCEL_PORTS[name], chromiumPage })])),
  ...Object.fromEntries(Object.keys(TYPESCRIPT_MODES).map((name) => [name, () => typescriptRuntime({ name, tarball, checkDrop })])),
  "ts-defaults": () => typescriptDefaults({ tarball }),
  "edge-runtime": () => edgeRuntime({ tarball, checkDrop }),
  "deno-serve": () => denoServeRuntime({ tarball, mockUrl, serverDrop, env: DENO_ENV }),
  astro: () => astroRuntime({ tarball, mockUrl, serverDrop }),
  "cleanup-worker": cleanupWorkerRuntime,
  "console-proxy": consoleProxyRuntime,
  "console-proxy-local": consoleProxyLocal,
  "cleanup-worker-local": cleanupWorkerLocal,
  readme: readmeCheck,
};

version("wrangler", readJson(join(ROOT, "node_modules/wrangler/package.json")).version);
version("workerd-binary", (await run(join(BIN, "workerd"), ["--version"], { timeoutMs: 30_000 })).stdout.trim());
version("vite", readJson(join(ROOT, "node_modules/vite/package.json")).version);
for (const tool of ["esbuild", "rollup", "webpack", "next"]) version(tool, readJson(join(ROOT, `node_modules/${tool}/package.json`)).version);

try {
  for (const name of selected) {
    const started = Date.now();
    let report;
    try {
      report = await RUNNERS[name]();
    } catch (err) {
      report = broken(`${name}: ${err.stack ?? err}`);
    }
    note(`${name}: ${report.passed} passed, ${report.failed} failed in ${Date.now() - started} ms`);
    finish(name, report);
  }
} finally {
  if (browser) await browser.close().catch(() => {});
  await mock.stop();
}

writeFileSync(join(OUT, "versions.json"), JSON.stringify(versions, null, 2) + "\n");
