// Tool rows that serve HTTP, each in a fresh project that installs the packed tarball and is
// started twice by run.mjs's serverDrop (with the key, then with a wrong one):
// - `deno serve` of deno-serve/main.js, npm:zilliz-cloud-wasm from node_modules, no download;
// - an Astro 5 SSR endpoint (astro/), built by `astro build` with the Node adapter.
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../support/mock.mjs";
import { BIN, HERE, OUT, ROOT, addResult, broken, readJson, run } from "./harness.mjs";
import { freshProject } from "./project.mjs";

export async function denoServeRuntime({ tarball, mockUrl, serverDrop, env }) {
  const dir = freshProject(join(OUT, "deno-serve"), tarball);
  cpSync(join(HERE, "deno-serve/main.js"), join(dir, "main.js"));
  const report = { passed: 0, failed: 0, results: [], runtime: (await run(join(BIN, "deno"), ["--version"])).stdout.split("\n")[0] };
  await serverDrop(report, async (apiKey) => {
    const port = await freePort();
    return {
      cmd: join(BIN, "deno"),
      // --cached-only: nothing may be downloaded; the package is the one npm installed.
      args: ["serve", "--cached-only", "--no-prompt", "--no-lock", `--port=${port}`, "--host=127.0.0.1",
        `--allow-net=${new URL(mockUrl).host}`, "--allow-env=ZILLIZ_API_KEY,ZILLIZ_BASE_URL", "main.js"],
      cwd: dir,
      env: { ...env, ZILLIZ_API_KEY: apiKey, ZILLIZ_BASE_URL: mockUrl },
      url: `http://127.0.0.1:${port}/`,
    };
  });
  return report;
}

const ASTRO_ENV = { ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" };

/** `astro build` of astro/ (Astro 5, Node adapter), then its standalone server on Node 20. */
export async function astroRuntime({ tarball, mockUrl, serverDrop }) {
  const dir = freshProject(join(OUT, "astro-app"), tarball);
  cpSync(join(HERE, "astro"), dir, { recursive: true });
  const built = await run(process.execPath, [join(ROOT, "node_modules/astro/astro.js"), "build"], { cwd: dir, env: ASTRO_ENV, timeoutMs: 300_000 });
  if (built.code !== 0) return broken(`astro build failed (exit ${built.code}): ${(built.stdout + built.stderr).slice(-3000)}`);
  const report = { passed: 0, failed: 0, results: [], runtime: `Astro ${readJson(join(ROOT, "node_modules/astro/package.json")).version}, @astrojs/node ${readJson(join(ROOT, "node_modules/@astrojs/node/package.json")).version}, Node ${process.version}` };
  const endpoint = readFileSync(join(dir, "dist/server/pages/api/drop.astro.mjs"), "utf8");
  addResult(report, "the server build imports the package by name (Vite kept it external)", /from\s*["']zilliz-cloud-wasm["']/.test(endpoint));
  await serverDrop(report, async (apiKey) => {
    const port = await freePort();
    return {
      cmd: process.execPath,
      args: ["dist/server/entry.mjs"],
      cwd: dir,
      env: { ...ASTRO_ENV, HOST: "127.0.0.1", PORT: String(port), ZILLIZ_API_KEY: apiKey, ZILLIZ_BASE_URL: mockUrl },
      url: `http://127.0.0.1:${port}/api/drop`,
    };
  });
  return report;
}
