// Vercel's Edge Runtime emulator (npm edge-runtime) as the real Edge runtime is: no code
// generation from strings or bytes. The host compiles each .wasm the bundle names, outside the
// sandbox, and hands it in as a WebAssembly.Module; the handler gets ZILLIZ_API_KEY from
// process.env. Run by the runtime tests as: node host.mjs <baseUrl> <apiKey> <clusterId>.
import { EdgeRuntime } from "edge-runtime";
import { readFile, readdir } from "node:fs/promises";

const [baseUrl, apiKey, clusterId] = process.argv.slice(2);

async function edgeRuntime(env) {
  const WASM_MODULES = {};
  for (const file of (await readdir("dist")).filter((f) => f.endsWith(".wasm"))) {
    WASM_MODULES[file] = await WebAssembly.compile(await readFile(`dist/${file}`));
  }
  return new EdgeRuntime({
    codeGeneration: { strings: false, wasm: false },
    extend: (context) => Object.assign(context, { WASM_MODULES, process: { env } }),
    initialCode: await readFile("dist/handler.js", "utf8"),
  });
}

async function post(runtime) {
  const response = await runtime.dispatchFetch("http://edge.test/api/drop", { method: "POST", body: JSON.stringify({ clusterId }) });
  await response.waitUntil();
  return response.json();
}

const right = await edgeRuntime({ ZILLIZ_API_KEY: apiKey, ZILLIZ_BASE_URL: baseUrl });
const wrong = await edgeRuntime({ ZILLIZ_API_KEY: "sk-zcw-edge-WRONG-7d20c4", ZILLIZ_BASE_URL: baseUrl });
const codegenRefused = right.evaluate(`(() => {
  try { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); return false; } catch { return true; }
})()`);
const dropped = await post(right);
const { error } = await post(wrong);
console.log(JSON.stringify({ dropped, kind: error?.kind, codegenRefused }));
