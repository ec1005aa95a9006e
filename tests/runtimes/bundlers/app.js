// Bundled by each tool of bundlers.mjs into a page for Chromium: the shared contract suite on the
// package imported by name (the inline runs import "zilliz-cloud-wasm/inline" instead).
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";
import * as api from "zilliz-cloud-wasm";
import { runContractSuite } from "./contract-suite.mjs";

// Set by run.mjs before the page loads (the key is never put in a URL, where stacks show it).
const { mockUrl, apiKey } = window.__ZILLIZ_TEST;
const named = api.ZillizCloud === ZillizCloud && api.ZillizError === ZillizError;
const report = await runContractSuite({ api, mockUrl, apiKey, log: (line) => console.log(line) });
window.__suite = { ...report, named };
