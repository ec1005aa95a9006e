// wrangler's build step: public/ = the console (CONSOLE_DIR, default ../../www, this
// repository's) and, under public/pkg/, the installed package's browser files.
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const consoleDir = resolve(here, process.env.CONSOLE_DIR ?? "../../www");
if (!existsSync(join(consoleDir, "index.html"))) {
  console.error(`assemble: no console at ${consoleDir}; set CONSOLE_DIR to the www/ folder of a zilliz-cloud-wasm clone`);
  process.exit(1);
}
const pkg = dirname(createRequire(join(here, "package.json")).resolve("zilliz-cloud-wasm/package.json"));
const out = join(here, "public");
rmSync(out, { recursive: true, force: true });
cpSync(consoleDir, out, { recursive: true });
for (const file of readdirSync(pkg)) {
  if (/\.(js|wasm)$/.test(file)) cpSync(join(pkg, file), join(out, "pkg", file));
}
console.error(`assemble: public/ has the console from ${consoleDir} and the package from ${pkg}`);
