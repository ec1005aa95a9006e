// Node.js from CommonJS: `node node-require.cjs <mockUrl> <apiKey>` loads the package with
// require() (Node >= 20.19 and 22.12 load its ES module entry that way) and runs the shared suite
// on it, printing one "@@RESULT {json}" line.
const api = require("zilliz-cloud-wasm");

const [mockUrl, apiKey] = process.argv.slice(2);
import("../shared/contract-suite.mjs").then(async ({ runContractSuite }) => {
  const report = await runContractSuite({ api, mockUrl, apiKey, log: (line) => console.error(line) });
  console.log("@@RESULT " + JSON.stringify({ ...report, runtime: `node ${process.version} (require)` }));
});
