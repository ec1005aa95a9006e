// A dedicated module Worker. Import maps do not reach workers: import the entry by its URL.
import { ZillizCloud, ZillizError } from "/node_modules/zilliz-cloud-wasm/browser.js";
import * as api from "/node_modules/zilliz-cloud-wasm/browser.js";
import { runContractSuite } from "/shared/contract-suite.mjs";

self.onmessage = async ({ data: { mockUrl, apiKey } }) => {
  const report = await runContractSuite({ api, mockUrl, apiKey });
  self.postMessage({ ...report, named: api.ZillizCloud === ZillizCloud && api.ZillizError === ZillizError });
};
self.postMessage("ready");
