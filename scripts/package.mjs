// Lays out pkg/ from wasm-bindgen's output (target/bindgen) and js/:
// one glue file and one .wasm, shared by thin per-runtime entries that
// initialise the module on import, so that users never call init().
import { cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { buildSync } from "esbuild";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const bindgen = join(root, "target/bindgen");
const pkg = join(root, "pkg");
const glue = "zilliz_cloud_wasm.js";
const wasm = "zilliz_cloud_wasm_bg.wasm";

// The glue and its snippets (ZillizError, the attempt) ship
// as one minified module: one file to fetch and one gzip stream, and the
// glue's async loader, which no entry uses, is left out.
// js/api.js (the package's classes in front of the wasm exports) sits next to the glue and
// imports ZillizError from the glue's own copy of the snippet: one class for both.
const errorModule = `./${relative(bindgen, findFile(join(bindgen, "snippets"), "zilliz_error.js"))}`;
writeFileSync(
  join(bindgen, "api.js"),
  readFileSync(join(root, "js/api.js"), "utf8").replace(`from "./zilliz_error.js"`, `from "${errorModule}"`),
);
// A WebAssembly.Module made in another realm (Next.js compiles an Edge route's `?module` import
// outside the sandbox the route runs in) fails `instanceof`: initSync must not take it for bytes,
// or it compiles it again, which Edge platforms refuse.
const gluePath = join(bindgen, glue);
const moduleCheck = "if (!(module instanceof WebAssembly.Module)) {";
const glueText = readFileSync(gluePath, "utf8");
if (glueText.split(moduleCheck).length !== 2) throw new Error(`package.mjs: initSync's module check not found once in ${gluePath}`);
writeFileSync(gluePath, glueText.replace(moduleCheck, `if (Object.prototype.toString.call(module) !== "[object WebAssembly.Module]") {`));
const bundleInput = join(bindgen, "bundle.js");
writeFileSync(
  bundleInput,
  `export { initSync } from "./${glue}";\n` + `export { ZillizCloud, dropCluster, keptInRecycleBin, ZillizError } from "./api.js";\n`,
);
buildSync({
  entryPoints: [bundleInput],
  outfile: join(pkg, glue),
  bundle: true,
  minify: true,
  format: "esm",
  legalComments: "none",
  logLevel: "warning",
});

function findFile(dir, name) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(path, name);
      if (found) return found;
    } else if (entry.name === name) return path;
  }
  return null;
}

const exportsLine = `export { ZillizCloud, dropCluster, keptInRecycleBin, ZillizError } from "./${glue}";\n`;

// Every entry initialises the one shared .wasm on import, in the way its runtime allows.
const entries = {
  // Node.js (and Bun): read the .wasm next to this file and compile it synchronously. The path is
  // built from import.meta.url as a string: bundlers that see new URL("./x.wasm", import.meta.url)
  // rewrite it to a browser asset URL (Next.js's server build), or keep it pointing next to the
  // bundle (bun build), and readFileSync then fails.
  "node.js":
    `import { readFileSync } from "node:fs";\n` +
    `import { initSync } from "./${glue}";\n` +
    `const here = import.meta.url;\n` +
    `initSync({ module: readFileSync(new URL(here.slice(0, here.lastIndexOf("/") + 1) + "${wasm}")) });\n` +
    exportsLine,
  // Deno >= 2.6: a source phase import hands us the compiled WebAssembly.Module through the
  // module loader, so no --allow-read is needed (only --allow-net for the API).
  "deno.js":
    `import source wasmModule from "./${wasm}";\n` +
    `import { initSync } from "./${glue}";\n` +
    `initSync({ module: wasmModule });\n` + exportsLine,
  // workerd forbids compiling wasm from bytes: the bundler (wrangler) hands us a WebAssembly.Module.
  "workerd.js":
    `import wasmModule from "./${wasm}";\n` +
    `import { initSync } from "./${glue}";\n` +
    `initSync({ module: wasmModule });\n` + exportsLine,
  // Next.js Edge routes (and Vercel's Edge): the bundler compiles `?module` imports at build time and
  // hands over a WebAssembly.Module, since the Edge runtime refuses to compile wasm from bytes.
  "edge-light.js":
    `import wasmModule from "./${wasm}?module";\n` +
    `import { initSync } from "./${glue}";\n` +
    `initSync({ module: wasmModule });\n` + exportsLine,
  // Browsers, Web Workers and bundlers: fetch the .wasm next to this file. Bundlers that
  // understand new URL(..., import.meta.url) (Vite, webpack, Next.js; tested) emit the .wasm as an
  // asset; for the others the README gives the one step (copy the .wasm next to the bundle).
  // Compiling from bytes works whatever MIME type the server gives the .wasm.
  "browser.js":
    `import { initSync } from "./${glue}";\n` +
    `const response = await fetch(new URL("./${wasm}", import.meta.url));\n` +
    `if (!response.ok) throw new Error(\`zilliz-cloud-wasm: fetching its .wasm failed with HTTP \${response.status}\`);\n` +
    `initSync({ module: await WebAssembly.compile(await response.arrayBuffer()) });\n` +
    exportsLine,
  // zilliz-cloud-wasm/inline: the .wasm inside the module (base64), for any bundler with nothing
  // to copy. Compiled synchronously from bytes, so it needs no top-level await (require() from
  // CommonJS works) and fails where compiling from bytes is refused (workerd, Edge runtimes).
  "inline.js":
    `import { initSync } from "./${glue}";\n` +
    `const base64 = "${readFileSync(join(pkg, wasm)).toString("base64")}";\n` +
    `const text = atob(base64);\n` +
    `const bytes = new Uint8Array(text.length);\n` +
    `for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n` +
    `initSync({ module: bytes });\n` +
    exportsLine,
};
for (const [name, text] of Object.entries(entries)) {
  writeFileSync(join(pkg, name), "// Generated by scripts/package.mjs.\n" + text);
}

// Real CommonJS entries for require(): the glue bundled once more as CommonJS
// (zilliz_cloud_wasm.cjs), and two thin loaders that share it, as the ES entries share theirs, so
// that a require resolves to a CommonJS file whose types (index.d.cts) say so, on every Node >= 20
// (require of an ES module came only with 20.19). A program that both imports and requires the
// package gets two copies of its classes (the dual-package hazard): ZillizError from one is not
// instanceof the other's.
const cjsGlue = "zilliz_cloud_wasm.cjs";
buildSync({
  entryPoints: [bundleInput],
  outfile: join(pkg, cjsGlue),
  bundle: true,
  minify: true,
  format: "cjs",
  platform: "neutral",
  legalComments: "none",
  logLevel: "warning",
  // import.meta appears only in the glue's own async loader (a default .wasm URL), which no
  // entry calls: every entry hands initSync the module. Empty in CommonJS, and never read.
  logOverride: { "empty-import-meta": "silent" },
});
const cjsExports =
  `module.exports = { ZillizCloud: glue.ZillizCloud, dropCluster: glue.dropCluster, keptInRecycleBin: glue.keptInRecycleBin, ZillizError: glue.ZillizError };\n`;
const cjsEntries = {
  // As node.js: the .wasm beside this file, compiled synchronously.
  "node.cjs":
    `const { readFileSync } = require("node:fs");\n` +
    `const { join } = require("node:path");\n` +
    `const glue = require("./${cjsGlue}");\n` +
    `glue.initSync({ module: readFileSync(join(__dirname, "${wasm}")) });\n` +
    cjsExports,
  // As inline.js: the .wasm inside, from its base64.
  "inline.cjs":
    `const glue = require("./${cjsGlue}");\n` +
    `const base64 = "${readFileSync(join(pkg, wasm)).toString("base64")}";\n` +
    `const text = atob(base64);\n` +
    `const bytes = new Uint8Array(text.length);\n` +
    `for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n` +
    `glue.initSync({ module: bytes });\n` +
    cjsExports,
};
for (const [name, text] of Object.entries(cjsEntries)) {
  writeFileSync(join(pkg, name), "// Generated by scripts/package.mjs.\n" + text);
}
// One declaration file, three names: index.d.ts for importers, index.d.cts for require() from
// TypeScript's CommonJS modes (node16, nodenext), and inline.d.ts at the root, which is where
// node10 resolution (it reads no "exports") looks for zilliz-cloud-wasm/inline.
cpSync(join(root, "js/index.d.ts"), join(pkg, "index.d.ts"));
cpSync(join(root, "js/index.d.ts"), join(pkg, "index.d.cts"));
writeFileSync(join(pkg, "inline.d.ts"), `export * from "./index.js";\n`);
// zilliz-cloud-wasm/endpoints: the endpoint rows as plain data (no wasm), for a proxy's allowlist.
const endpointsText = readFileSync(join(root, "js/endpoints.js"), "utf8");
writeFileSync(join(pkg, "endpoints.js"), endpointsText);
writeFileSync(join(pkg, "endpoints.cjs"), endpointsText.replace(/^export const (\w+) =/gm, "exports.$1 ="));
cpSync(join(root, "js/endpoints.d.ts"), join(pkg, "endpoints.d.ts"));
cpSync(join(root, "js/endpoints.d.ts"), join(pkg, "endpoints.d.cts"));
cpSync(join(root, "js/README.md"), join(pkg, "README.md"));
cpSync(join(root, "LICENSE"), join(pkg, "LICENSE"));

const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = /^version = "([^"]+)"/m.exec(cargo)[1];
const types = { import: "./index.d.ts", require: "./index.d.cts" };
const manifest = {
  name: "zilliz-cloud-wasm",
  version,
  description: "Drop a Zilliz Cloud cluster from browsers, Web Workers, Cloudflare Workers, Next.js, Deno, Bun and Node.js, through WebAssembly.",
  license: "Apache-2.0",
  type: "module",
  types: "./index.d.ts",
  // For tools that read no "exports" (Parcel unless packageExports is on, older bundlers): the
  // inline entry works in every browser, dev server and bundler with no step and no top-level
  // await; Node gets its own entry.
  main: "./node.cjs",
  module: "./inline.js",
  browser: "./inline.js",
  exports: {
    ".": {
      types: types,
      workerd: "./workerd.js",
      deno: "./deno.js",
      "edge-light": "./edge-light.js",
      node: { import: "./node.js", require: "./node.cjs" },
      // require() elsewhere (a bundler's CommonJS) gets a CommonJS file too, whose types say so.
      browser: { import: "./browser.js", require: "./inline.cjs" },
      import: "./browser.js",
      require: "./inline.cjs",
    },
    "./inline": { types, require: "./inline.cjs", default: "./inline.js" },
    "./endpoints": {
      types: { import: "./endpoints.d.ts", require: "./endpoints.d.cts" },
      require: "./endpoints.cjs",
      default: "./endpoints.js",
    },
    "./package.json": "./package.json",
  },
  files: ["index.d.ts", "index.d.cts", "inline.d.ts", "endpoints.js", "endpoints.cjs", "endpoints.d.ts", "endpoints.d.cts", ...Object.keys(entries), ...Object.keys(cjsEntries), glue, cjsGlue, wasm, "LICENSE"],
  sideEffects: [...Object.keys(entries), ...Object.keys(cjsEntries)].map((name) => `./${name}`),
  engines: { node: ">=20" },
  keywords: ["zilliz", "milvus", "wasm", "cloudflare-workers", "deno"],
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
