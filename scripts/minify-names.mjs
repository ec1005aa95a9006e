// Applies wasm-opt's --minify-imports-and-exports-and-modules renaming to the
// wasm-bindgen glue, so that neither file carries wasm-bindgen's long hashed
// names (about 1.5 KB gzipped in the wasm and as much again in the glue).
// Usage: node scripts/minify-names.mjs GLUE.js MAP.json MINIFIED.wasm
import { readFileSync, writeFileSync } from "node:fs";

const [gluePath, mapPath, wasmPath] = process.argv.slice(2);
let glue = readFileSync(gluePath, "utf8");
const map = JSON.parse(readFileSync(mapPath, "utf8"));
const module = new WebAssembly.Module(readFileSync(wasmPath));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
let replaced = 0;
const sub = (pattern, replacement) => {
  glue = glue.replace(pattern, () => (replaced++, replacement));
};

// Imports: the keys of the import object.
const oldModules = new Set(map.imports.map(([m]) => m));
const newModules = new Set(WebAssembly.Module.imports(module).map((i) => i.module));
if (oldModules.size !== 1 || newModules.size !== 1) throw new Error("expected one import module before and after");
for (const [, from, to] of map.imports) {
  sub(new RegExp(`(?<![\\w$])${escape(from)}(?=\\s*:)`, "g"), key(to));
}
sub(new RegExp(`(["'])${escape([...oldModules][0])}\\1(?=\\s*:)`, "g"), JSON.stringify([...newModules][0]));
// Exports: every use is `wasm.NAME`.
for (const [from, to] of map.exports) {
  sub(new RegExp(`\\bwasm\\.${escape(from)}(?![\\w$])`, "g"), `wasm${/^[A-Za-z_$][\w$]*$/.test(to) ? "." + to : `[${JSON.stringify(to)}]`}`);
}
// Anything left would be a name the glue uses that the wasm no longer has.
for (const [, from] of map.imports) if (new RegExp(`(?<![\\w$])${escape(from)}(?![\\w$])`).test(glue)) throw new Error(`import ${from} left in the glue`);
for (const [from] of map.exports) if (new RegExp(`\\bwasm\\.${escape(from)}(?![\\w$])`).test(glue)) throw new Error(`export ${from} left in the glue`);
writeFileSync(gluePath, glue);
console.error(`minify-names: ${map.imports.length} imports, ${map.exports.length} exports, ${replaced} replacements`);
