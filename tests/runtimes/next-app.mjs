// Next.js: the App Router app in next/ (its next.config is empty) built with Turbopack
// (`next build`) or webpack (`next build --webpack`), served by `next start` and driven against
// the mock: the client component in Chromium, the Node and Edge route handlers over HTTP, each
// for a success and for `auth`. `next start` runs with refuse-edge-wasm-codegen.cjs preloaded, so
// Edge routes cannot compile wasm from bytes (as on Vercel's Edge); /api/edge-codegen proves it.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../support/mock.mjs";
import { HERE, NODE22, OUT, ROOT, addResult, broken, endGroup, note, readJson, run, spawnGroup, waitForHttp } from "./harness.mjs";

const NEXT = join(ROOT, "node_modules/next/dist/bin/next");
const APP = join(OUT, "next-app");
const REFUSE_WASM_CODEGEN = join(HERE, "refuse-edge-wasm-codegen.cjs");
const WRONG_KEY = "sk-zcw-next-WRONG-0f3a9c51d2";
const ENV = { NEXT_TELEMETRY_DISABLED: "1", NO_COLOR: "1" };

/** The app copied out of the source tree, with the packed package installed by name. */
function prepareApp(tarball) {
  if (existsSync(APP)) return;
  cpSync(join(HERE, "next"), APP, { recursive: true, filter: (src) => !/[/\\](\.next|node_modules)$/.test(src) });
  execFileSync("npm", ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", tarball],
    { cwd: APP, stdio: ["ignore", "ignore", "inherit"] });
}

/** `next start` on a free port with ZILLIZ_API_KEY = apiKey; stop() ends its process group. */
async function startNext(apiKey, mockUrl) {
  const port = await freePort();
  const child = spawnGroup(NODE22, [NEXT, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: APP,
    env: { ...process.env, ...ENV, ZILLIZ_API_KEY: apiKey, ZILLIZ_BASE_URL: mockUrl, NODE_OPTIONS: `--require ${REFUSE_WASM_CODEGEN}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    endGroup(child.pid);
    await exited;
  };
  try {
    await Promise.race([waitForHttp(`${url}/api/edge-codegen`), exited.then((code) => { throw new Error(`next start exited with ${code}`); })]);
  } catch (err) {
    await stop();
    throw new Error(`${err.message}: ${output.slice(-2000)}`);
  }
  return { url, stop, output: () => output };
}

async function postDrop(url, clusterId) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ clusterId }) });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** The client component: fills the form in Chromium, clicks Drop and returns what it shows. */
async function dropInPage(openPage, url, { apiKey, baseUrl, clusterId }) {
  const page = await openPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  try {
    await page.goto(url);
    await page.locator("button:enabled").waitFor({ timeout: 30_000 });
    await page.fill("input[name=apiKey]", apiKey);
    await page.fill("input[name=baseUrl]", baseUrl);
    await page.fill("input[name=clusterId]", clusterId);
    await page.click("button");
    await page.waitForFunction(() => document.querySelector("output")?.textContent, null, { timeout: 30_000 });
    return { text: await page.textContent("output"), problems };
  } finally {
    await page.close();
  }
}

/** One build (`bundler`: "turbopack" or "webpack") of the app, tested. */
export async function nextRuntime({ bundler, tarball, mock, apiKey, openPage }) {
  prepareApp(tarball);
  rmSync(join(APP, ".next"), { recursive: true, force: true });
  const built = await run(NODE22, [NEXT, "build", ...(bundler === "webpack" ? ["--webpack"] : [])], { cwd: APP, env: ENV, timeoutMs: 300_000 });
  if (built.code !== 0) return broken(`next build (${bundler}) failed (exit ${built.code}): ${(built.stdout + built.stderr).slice(-3000)}`);
  // webpack warns that browser.js uses top-level await (Next's client target does not declare
  // async/await support); shown here, as it is to users, since the README mentions it.
  const warnings = new Set((built.stdout + built.stderr).split("\n\n").map((part) => part.trim())
    .filter((part) => part.startsWith("./node_modules/zilliz-cloud-wasm/")));
  for (const w of warnings) note(`  next build (${bundler}) warns: ${w.split("\n").join(" / ")}`);

  const report = { passed: 0, failed: 0, results: [], runtime: `Next.js ${readJson(join(ROOT, "node_modules/next/package.json")).version} (${bundler})` };
  // The Edge route took edge-light.js: Next lists the package's .wasm as the route's wasm binding.
  const edgeFunctions = readJson(join(APP, ".next/server/middleware-manifest.json")).functions ?? {};
  addResult(report, "Next built /api/edge for the Edge runtime and /api/node for Node.js",
    "/api/edge/route" in edgeFunctions && !("/api/node/route" in edgeFunctions), `Edge functions: ${Object.keys(edgeFunctions).join(", ")}`);
  const edgeWasm = edgeFunctions["/api/edge/route"]?.wasm ?? [];
  const sameWasm = edgeWasm.length === 1 &&
    readFileSync(join(APP, ".next", edgeWasm[0].filePath)).equals(readFileSync(join(APP, "node_modules/zilliz-cloud-wasm/zilliz_cloud_wasm_bg.wasm")));
  addResult(report, "the Edge route was built with the package's .wasm as a module", sameWasm, `wasm bindings: ${JSON.stringify(edgeWasm)}`);

  const ids = ["in01-next-node", "in01-next-edge", "in01-next-page"].map((id) => `${id}-${bundler}`);
  await mock.reset();
  await mock.seed(ids);

  const logs = [];
  let server = await startNext(apiKey, mock.url);
  try {
    const codegen = await (await fetch(`${server.url}/api/edge-codegen`)).json();
    const refused = [codegen.sync, codegen.async].every((m) => typeof m === "string" && m.includes("disallowed"));
    addResult(report, "the Edge sandbox refuses to compile wasm from bytes", refused, JSON.stringify(codegen));
    for (const [route, id] of [["node", ids[0]], ["edge", ids[1]]]) {
      const { status, body } = await postDrop(`${server.url}/api/${route}`, id);
      addResult(report, `${route} route: success`, status === 200 && body?.clusterId === id && /recycle bin/.test(body?.prompt),
        `HTTP ${status}: ${JSON.stringify(body)}`);
    }
    const dropped = await dropInPage(openPage, server.url, { apiKey, baseUrl: mock.url, clusterId: ids[2] });
    addResult(report, "client component: success", dropped.text.startsWith(`dropped ${ids[2]}:`) && !dropped.problems.length,
      `${dropped.text} ${dropped.problems.join("; ")}`);
    // The page's call went from the browser (a cross-origin request from the app's origin), not
    // through the server.
    const fromPage = (await mock.requests()).filter((r) => r.clusterId === ids[2]);
    addResult(report, "client component: the browser called the API", fromPage.length === 1 && fromPage[0].origin === server.url,
      JSON.stringify(fromPage));
    const denied = await dropInPage(openPage, server.url, { apiKey: WRONG_KEY, baseUrl: mock.url, clusterId: ids[2] });
    addResult(report, "client component: auth", denied.text.startsWith("auth: ") && !denied.text.includes(WRONG_KEY) && !denied.problems.length,
      `${denied.text} ${denied.problems.join("; ")}`);
  } finally {
    await server.stop();
    logs.push(server.output());
  }

  server = await startNext(WRONG_KEY, mock.url);
  try {
    for (const route of ["node", "edge"]) {
      const { status, body } = await postDrop(`${server.url}/api/${route}`, `in01-next-${route}-auth`);
      addResult(report, `${route} route: auth`, status === 502 && body?.kind === "auth" && !JSON.stringify(body).includes(WRONG_KEY),
        `HTTP ${status}: ${JSON.stringify(body)}`);
    }
  } finally {
    await server.stop();
    logs.push(server.output());
  }
  const log = logs.join("\n");
  addResult(report, "the servers logged neither key", !log.includes(WRONG_KEY) && !log.includes(apiKey), log.slice(-500));
  return report;
}
