// TypeScript's module modes, each in a fresh project that installs the packed tarball: tsc
// (strict) type-checks typescript/drop.ts against the package's declarations and compiles it,
// then Node runs the output against the mock. One row in `make test` per mode.
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HERE, OUT, ROOT, addResult, broken, readJson, run } from "./harness.mjs";
import { freshProject } from "./project.mjs";

const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

/** Row name → the project's "type" and tsconfig's module settings. */
export const TYPESCRIPT_MODES = {
  "ts-node16-esm": { type: "module", module: "node16", moduleResolution: "node16" },
  "ts-node16-cjs": { type: "commonjs", module: "node16", moduleResolution: "node16" },
  "ts-nodenext-esm": { type: "module", module: "nodenext", moduleResolution: "nodenext" },
  "ts-nodenext-cjs": { type: "commonjs", module: "nodenext", moduleResolution: "nodenext" },
  "ts-bundler": { type: "module", module: "preserve", moduleResolution: "bundler" },
  "ts-node10": { type: "commonjs", module: "commonjs", moduleResolution: "node10" },
};

/** Checks, compiles and runs one mode; `drop(dir)` runs the output and judges what it printed. */
export async function typescriptRuntime({ name, tarball, checkDrop }) {
  const mode = TYPESCRIPT_MODES[name];
  const dir = freshProject(join(OUT, "typescript", name), tarball, { type: mode.type });
  const compilerOptions = {
    strict: true, target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false,
    module: mode.module, moduleResolution: mode.moduleResolution, outDir: "dist",
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["drop.ts"] }, null, 2) + "\n");
  cpSync(join(HERE, "typescript/drop.ts"), join(dir, "drop.ts"));
  const built = await run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: dir, timeoutMs: 120_000 });
  if (built.code !== 0) return broken(`${name}: tsc failed (exit ${built.code}): ${(built.stdout + built.stderr).slice(-3000)}`);
  const report = { passed: 0, failed: 0, results: [], runtime: `TypeScript ${readJson(join(ROOT, "node_modules/typescript/package.json")).version}, module ${mode.module}, moduleResolution ${mode.moduleResolution}, ${mode.type === "module" ? "ESM" : "CommonJS"} project` };
  addResult(report, "tsc --strict accepts the declarations and refuses a wrong region", true);
  await checkDrop(report, process.execPath, [join(dir, "dist/drop.js")], dir);
  return report;
}
