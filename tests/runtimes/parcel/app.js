// The Vite page's module (browser/bundled/main.mjs) without a top-level await, which Parcel's
// dev server cannot run in any module.
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";
import * as api from "zilliz-cloud-wasm";
import { runContractSuite } from "./contract-suite.mjs";

// Set by run.mjs before the page loads (the key is never put in a URL, where stacks show it).
const { mockUrl, apiKey } = window.__ZILLIZ_TEST;
const named = api.ZillizCloud === ZillizCloud && api.ZillizError === ZillizError;
runContractSuite({ api, mockUrl, apiKey, log: (line) => console.log(line) }).then((report) => {
  window.__suite = { ...report, named };
});
