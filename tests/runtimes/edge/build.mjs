// esbuild with the edge-light condition. The edge-light entry imports its .wasm as
// "./zilliz_cloud_wasm_bg.wasm?module", Vercel's convention for a compiled WebAssembly.Module
// that the host provides: this plugin copies the .wasm beside the bundle and takes the module
// from globalThis.WASM_MODULES, which the host fills (host.mjs) before the bundle runs.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { basename, join } from "node:path";

const wasmModules = {
  name: "wasm-modules",
  setup(b) {
    b.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?module$/, "")), namespace: "wasm-module" }));
    b.onLoad({ filter: /.*/, namespace: "wasm-module" }, (args) => {
      mkdirSync("dist", { recursive: true });
      copyFileSync(args.path, join("dist", basename(args.path)));
      return { contents: `export default globalThis.WASM_MODULES[${JSON.stringify(basename(args.path))}];` };
    });
  },
};

await build({
  entryPoints: ["handler.js"],
  bundle: true,
  format: "iife",
  conditions: ["edge-light"],
  outfile: "dist/handler.js",
  plugins: [wasmModules],
});
