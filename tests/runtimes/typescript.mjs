// TypeScript's module modes, each in a fresh project that installs the packed tarball: tsc
// (strict) type-checks typescript/drop.ts against the package's declarations and compiles it,
// then Node runs the output against the mock. One row in `make test` per mode.
import { cpSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

/** TypeScript's defaults, as a new user's editor applies them: only the module settings, no
 *  target (so ES5's library), no lib, no types. Each is a project of its own "type". */
export const DEFAULT_CONFIGS = [
  { mode: "node10, module esnext", type: "module", compilerOptions: { module: "esnext", moduleResolution: "node10" } },
  { mode: "node10, module commonjs", type: "commonjs", compilerOptions: { module: "commonjs", moduleResolution: "node10" } },
  { mode: "node16 (ESM)", type: "module", compilerOptions: { module: "node16" } },
  { mode: "node16 (CommonJS)", type: "commonjs", compilerOptions: { module: "node16" } },
  { mode: "nodenext (ESM)", type: "module", compilerOptions: { module: "nodenext" } },
  { mode: "nodenext (CommonJS)", type: "commonjs", compilerOptions: { module: "nodenext" } },
  { mode: "bundler", type: "module", compilerOptions: { module: "esnext", moduleResolution: "bundler" } },
];

/** One row: tsc checks typescript/defaults.ts, declarations included, under each default config. */
export async function typescriptDefaults({ tarball }) {
  const report = { passed: 0, failed: 0, results: [], runtime: `TypeScript ${readJson(join(ROOT, "node_modules/typescript/package.json")).version}, default compiler options` };
  const projects = {};
  // Outside this repository: TypeScript would otherwise take the @types of a parent folder's
  // node_modules (this repository's @types/node brings ES2020's library), as no user's project does.
  const outside = join(tmpdir(), "zilliz-cloud-wasm-ts-defaults");
  for (const type of ["module", "commonjs"]) {
    projects[type] = freshProject(join(outside, type), tarball, { type });
    cpSync(join(HERE, "typescript/defaults.ts"), join(projects[type], "defaults.ts"));
  }
  for (const { mode, type, compilerOptions } of DEFAULT_CONFIGS) {
    const config = `tsconfig.${mode.replace(/[^a-z0-9]+/gi, "-")}.json`;
    writeFileSync(join(projects[type], config), JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, files: ["defaults.ts"] }, null, 2) + "\n");
    const checked = await run(process.execPath, [TSC, "-p", config], { cwd: projects[type], timeoutMs: 120_000 });
    addResult(report, `the declarations compile under TypeScript's defaults, ${mode}`, checked.code === 0, (checked.stdout + checked.stderr).slice(-2000));
  }
  return report;
}

