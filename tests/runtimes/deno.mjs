// Deno driver: `deno run --allow-net=127.0.0.1:<port> deno.mjs <mockUrl> <apiKey>` (no other
// permission: the package's deno entry loads its .wasm through the module loader). The package
// resolves by name from package.json + node_modules here. Prints one "@@RESULT {json}" line.
import * as api from "zilliz-cloud-wasm";
import { runContractSuite } from "../shared/contract-suite.mjs";

const [mockUrl, apiKey] = Deno.args;
const report = await runContractSuite({ api, mockUrl, apiKey, log: (line) => console.error(line) });
console.log("@@RESULT " + JSON.stringify({ ...report, runtime: `deno ${Deno.version.deno} (V8 ${Deno.version.v8})` }));
