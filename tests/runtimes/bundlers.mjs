// Bundlers as a new user runs them, each into a page that runs the shared contract suite in
// Chromium: esbuild, Rollup and bun build leave new URL("./x.wasm", import.meta.url) alone and
// emit no .wasm, webpack 5 emits it as an asset. Each tool bundles the Vite page's module
// (browser/bundled/main.mjs, saved as app.js beside the suite) twice: with the
// default entry and the one step the README gives for that tool (bundlers/<tool>.sh, run by bash
// as written), and with zilliz-cloud-wasm/inline and no step (bundlers/<tool>-inline.sh).
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { BIN, BUN, HERE, SITE, addResult, broken, resultOf, run } from "./harness.mjs";

/** Where each tool writes the bundle's entry, relative to the project. */
const OUTPUT = { esbuild: "dist/app.js", rollup: "dist/app.js", webpack: "dist/main.js", "bun-build": "dist/app.js" };
/** Command-line tools each project finds in its own node_modules/.bin, as npx expects. */
const NPX_TOOLS = ["esbuild", "rollup", "webpack"];

/** `file` of tests/runtimes, importing the suite from beside it as a project's app.js does. */
const appFrom = (file, suitePath) =>
  readFileSync(join(HERE, file), "utf8").replace(`"${suitePath}"`, `"./contract-suite.mjs"`);

/** Names the .wasm files in `dir`. */
const wasmFilesIn = (dir) => readdirSync(dir).filter((f) => f.endsWith(".wasm"));

/** A fresh project for one run under the mock's site, with the package installed by name;
 *  its app.js is `app` importing the entry `inline` picks. */
function project(name, installed, inline, app = appFrom("browser/bundled/main.mjs", "../../../shared/contract-suite.mjs")) {
  const dir = join(SITE, "bundlers", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "node_modules/.bin"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `zcw-${name}`, private: true, type: "module" }) + "\n");
  cpSync(installed, join(dir, "node_modules/zilliz-cloud-wasm"), { recursive: true });
  for (const tool of NPX_TOOLS) symlinkSync(join(BIN, tool), join(dir, "node_modules/.bin", tool));
  const specifier = inline ? `"zilliz-cloud-wasm/inline"` : `"zilliz-cloud-wasm"`;
  writeFileSync(join(dir, "app.js"), app.replaceAll(`"zilliz-cloud-wasm"`, specifier));
  cpSync(join(HERE, "../shared/contract-suite.mjs"), join(dir, "contract-suite.mjs"));
  cpSync(join(HERE, "bundlers/rollup.config.mjs"), join(dir, "rollup.config.mjs"));
  return dir;
}

/** Runs bundlers/<name>.sh in the project with bash, as a user types it. */
function runStep(name, dir) {
  const script = join(HERE, `bundlers/${name}.sh`);
  return run("bash", ["-e", script], {
    cwd: dir,
    env: { PATH: `${dirname(BUN)}:${process.env.PATH}`, NO_COLOR: "1", npm_config_update_notifier: "false" },
    timeoutMs: 180_000,
  }).then((built) => (built.code === 0 ? null : `bash ${script} failed (exit ${built.code}): ${(built.stdout + built.stderr).slice(-3000)}`));
}

/** `bun build --target=bun` of the Node driver (node.mjs) on the inline entry, run by bun. */
export async function bunTargetRuntime({ installed, mockUrl, apiKey }) {
  const name = "bun-build-bun-inline";
  const dir = project(name, installed, true, appFrom("node.mjs", "../shared/contract-suite.mjs"));
  const failed = await runStep(name, dir);
  if (failed) return broken(`${name}: ${failed}`);
  const wasmFiles = wasmFilesIn(join(dir, "dist"));
  // Run from elsewhere, so that nothing next to the project's node_modules can be what loads.
  const report = resultOf(name, await run(BUN, [join(dir, "dist/app.js"), mockUrl, apiKey], { cwd: "/", timeoutMs: 120_000 }));
  addResult(report, "the bundle carries the wasm: no .wasm beside it", wasmFiles.length === 0, `found ${wasmFiles.join(", ")}`);
  return report;
}

/**
 * Builds and runs one bundle: `tool` is a key of OUTPUT, `inline` picks the entry.
 * `chromiumPage(url, name)` runs a suite page and returns its report.
 */
export async function bundlerRuntime({ tool, inline, installed, mockUrl, chromiumPage }) {
  const name = `${tool}${inline ? "-inline" : ""}`;
  const dir = project(name, installed, inline);
  const failed = await runStep(name, dir);
  if (failed) return broken(`${name}: ${failed}`);
  const output = OUTPUT[tool];
  const outDir = join(dir, dirname(output));
  if (!existsSync(join(dir, output))) return broken(`${name}: ${output} was not written: ${readdirSync(outDir).join(", ")}`);
  writeFileSync(join(outDir, "index.html"),
    `<!doctype html>\n<meta charset="utf-8">\n<title>${name}</title>\n<script type="module" src="./${basename(output)}"></script>\n`);
  const report = await chromiumPage(`${mockUrl}/bundlers/${name}/${dirname(output)}/index.html`, `chromium-${name}`);
  const wasmFiles = wasmFilesIn(outDir);
  if (inline) addResult(report, "the bundle carries the wasm: no .wasm beside it", wasmFiles.length === 0, `found ${wasmFiles.join(", ")}`);
  else addResult(report, "one .wasm beside the bundle", wasmFiles.length === 1, `found ${wasmFiles.join(", ") || "none"}`);
  return report;
}
