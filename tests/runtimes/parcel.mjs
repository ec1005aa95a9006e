// Parcel 2 as a new user runs it, with its default configuration, in fresh projects that install
// the packed tarball and run the shared contract suite in Chromium:
// - `parcel build` (parcel/build.sh): with no packageExports, Parcel reads the "browser" field,
//   which names the inline entry, so the bundle carries the wasm;
// - the same build with Parcel's packageExports on: it reads "exports" and gets the browser entry,
//   which fetches the one .wasm emitted beside the bundle;
// - `parcel serve` (parcel/serve.sh), the dev server, which cannot run a module that awaits at its
//   top level: the inline entry has no such await.
import { cpSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { BIN, HERE, OUT, ROOT, addResult, broken, endGroup, readJson, run, spawnGroup } from "./harness.mjs";
import { freshProject, serveDir } from "./project.mjs";

export const PARCEL_RUNTIMES = ["chromium-parcel", "chromium-parcel-exports", "chromium-parcel-serve"];
const ENV = { NO_COLOR: "1", PARCEL_WORKERS: "1", npm_config_update_notifier: "false" };

/** A fresh Parcel project: index.html, app.js and the suite. */
function project(name, tarball, packageExports) {
  // The opt-in docs/runtimes/parcel.md gives, merged into the project's package.json.
  const manifest = packageExports ? readJson(join(HERE, "parcel/package-exports.json")) : {};
  const dir = freshProject(join(OUT, "parcel", name), tarball, manifest);
  mkdirSync(join(dir, "node_modules/.bin"), { recursive: true });
  symlinkSync(join(BIN, "parcel"), join(dir, "node_modules/.bin/parcel"));
  cpSync(join(HERE, "parcel/index.html"), join(dir, "index.html"));
  cpSync(join(HERE, "parcel/app.js"), join(dir, "app.js"));
  cpSync(join(HERE, "../shared/contract-suite.mjs"), join(dir, "contract-suite.mjs"));
  return dir;
}

/** `name` is one of PARCEL_RUNTIMES; `port` is an origin the mock lets script its control surface. */
export async function parcelRuntime({ name, tarball, port, chromiumPage }) {
  const dir = project(name, tarball, name === "chromium-parcel-exports");
  const report = await (name === "chromium-parcel-serve" ? serveRuntime(dir, port, chromiumPage) : buildRuntime(name, dir, port, chromiumPage));
  return { ...report, runtime: `Parcel ${readJson(join(ROOT, "node_modules/parcel/package.json")).version}` };
}

async function buildRuntime(name, dir, port, chromiumPage) {
  const built = await run("bash", ["-e", join(HERE, "parcel/build.sh")], { cwd: dir, env: ENV, timeoutMs: 180_000 });
  if (built.code !== 0) return broken(`${name}: parcel build failed (exit ${built.code}): ${(built.stdout + built.stderr).slice(-3000)}`);
  const wasm = readdirSync(join(dir, "dist")).filter((f) => f.endsWith(".wasm"));
  const server = await serveDir(join(dir, "dist"), port);
  try {
    const report = await chromiumPage(server.url, name);
    if (name === "chromium-parcel") addResult(report, "the bundle carries the wasm (the browser field names the inline entry)", wasm.length === 0, `found ${wasm.join(", ")}`);
    else addResult(report, "one .wasm beside the bundle (exports give the browser entry)", wasm.length === 1, `found ${wasm.join(", ") || "none"}`);
    return report;
  } finally {
    server.close();
  }
}

async function serveRuntime(dir, port, chromiumPage) {
  const child = spawnGroup("bash", ["-e", join(HERE, "parcel/serve.sh")], { cwd: dir, env: { ...process.env, ...ENV, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no build from parcel serve after 120 s: ${output}`)), 120_000);
      const seen = (d) => {
        output += d;
        if (/Built in/.test(output)) { clearTimeout(timer); resolve(); }
        if (/🚨|Build failed/.test(output)) { clearTimeout(timer); reject(new Error(output)); }
      };
      child.stdout.on("data", seen);
      child.stderr.on("data", seen);
      child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`parcel serve exited with ${code}: ${output}`)); });
    });
    return await chromiumPage(`http://127.0.0.1:${port}/`, "chromium-parcel-serve");
  } catch (err) {
    return broken(`parcel serve: ${err.message.slice(0, 3000)}`);
  } finally {
    endGroup(child.pid);
  }
}
