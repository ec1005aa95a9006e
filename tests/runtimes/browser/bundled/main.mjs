// Built by `vite build` and served by the Vite dev server: Vite resolves the package by name with
// the "browser" condition and serves or emits the .wasm that browser.js loads with
// new URL(..., import.meta.url). bundlers.mjs bundles the same module with esbuild, Rollup,
// webpack and bun build (importing "zilliz-cloud-wasm/inline" for the inline runs).
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";
import * as api from "zilliz-cloud-wasm";
import { runContractSuite } from "../../../shared/contract-suite.mjs";

// Set by run.mjs before the page loads (the key is never put in a URL, where stacks show it).
const { mockUrl, apiKey } = window.__ZILLIZ_TEST;
const named = api.ZillizCloud === ZillizCloud && api.ZillizError === ZillizError;
const report = await runContractSuite({ api, mockUrl, apiKey, log: (line) => console.log(line) });
window.__suite = { ...report, named };
