// Node.js and Bun driver: `node node.mjs <mockUrl> <apiKey>` (or `bun run node.mjs ...`) runs the
// shared suite on the package installed here by name and prints one "@@RESULT {json}" line.
import * as api from "zilliz-cloud-wasm";
import { runContractSuite } from "../shared/contract-suite.mjs";

const [mockUrl, apiKey] = process.argv.slice(2);
const report = await runContractSuite({ api, mockUrl, apiKey, log: (line) => console.error(line) });
console.log("@@RESULT " + JSON.stringify({ ...report, runtime: globalThis.Bun ? `bun ${globalThis.Bun.version}` : `node ${process.version}` }));
