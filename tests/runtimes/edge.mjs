// The edge-light entry outside Next.js: a plain esbuild bundle (edge/build.mjs) of an Edge
// function (edge/handler.js), run in Vercel's edge-runtime with wasm code generation off
// (edge/host.mjs), in a fresh project that installs the packed tarball.
import { cpSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { HERE, OUT, ROOT, addResult, broken, readJson, run } from "./harness.mjs";
import { freshProject } from "./project.mjs";

export async function edgeRuntime({ tarball, checkDrop }) {
  const dir = freshProject(join(OUT, "edge-runtime"), tarball);
  for (const file of ["handler.js", "build.mjs", "host.mjs"]) cpSync(join(HERE, "edge", file), join(dir, file));
  const built = await run(process.execPath, ["build.mjs"], { cwd: dir, timeoutMs: 120_000 });
  if (built.code !== 0) return broken(`edge-runtime: build.mjs failed (exit ${built.code}): ${(built.stdout + built.stderr).slice(-3000)}`);
  const version = (name) => readJson(join(ROOT, `node_modules/${name}/package.json`)).version;
  const report = { passed: 0, failed: 0, results: [], runtime: `edge-runtime ${version("edge-runtime")}, esbuild ${version("esbuild")}` };
  addResult(report, "the bundle's .wasm is copied beside it", readdirSync(join(dir, "dist")).filter((f) => f.endsWith(".wasm")).length === 1);
  const seen = await checkDrop(report, process.execPath, ["host.mjs"], dir);
  addResult(report, "the sandbox refuses to compile wasm from bytes", seen.codegenRefused === true, `codegenRefused: ${seen.codegenRefused}`);
  return report;
}
