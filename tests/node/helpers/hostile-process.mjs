// Run in a fresh process by hardening.test.mjs: makes COUNT hostile calls of one kind, then a
// normal call, and prints one JSON line: { kind, calls, resolved, failures (ZillizErrors),
// other (anything else that rejected), sync (synchronous throws), ok, grewBytes }.
//   node hostile-process.mjs <kind> <count>
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { ZillizCloud, dropCluster, ZillizError } from "zilliz-cloud-wasm";

const [kind, countText] = process.argv.slice(2);
const count = Number(countText);
const KEY = "sk-zcw-hostile-process-SECRET-0123";
const CLUSTER = "in01-6183d6bac30f801";
const body = JSON.stringify({ code: 0, data: { clusterId: CLUSTER, prompt: "in the recycle bin for 30 days" } });
const fetch = async () => new Response(body, { status: 200 });

/** The package's wasm memory: the glue's initSync hands back the instance already made. */
async function wasmMemory() {
  const entry = createRequire(import.meta.url).resolve("zilliz-cloud-wasm");
  const dir = entry.slice(0, entry.lastIndexOf("/") + 1);
  const glue = await import(`${dir}zilliz_cloud_wasm.js`);
  const wasm = glue.initSync({ module: readFileSync(`${dir}zilliz_cloud_wasm_bg.wasm`) });
  return Object.values(wasm).find((v) => v instanceof WebAssembly.Memory).buffer.byteLength;
}

const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const throwingSignal = () => {
  const s = new AbortController().signal;
  return new Proxy(s, {
    get(target, name) {
      if (name === "aborted") throw new Error("aborted getter");
      const v = Reflect.get(target, name, target);
      return typeof v == "function" ? v.bind(target) : v;
    },
  });
};

const client = new ZillizCloud({ apiKey: KEY, fetch });
const freed = new ZillizCloud({ apiKey: KEY, fetch });
freed.free();
const kinds = {
  "revoked-cluster-id": () => client.dropCluster(revoked()),
  "revoked-one-shot-options": () => dropCluster(revoked()),
  "revoked-option-value": () => client.dropCluster(CLUSTER, { timeoutMs: revoked() }),
  "revoked-client-options": () => {
    try {
      new ZillizCloud(revoked());
      return Promise.resolve("constructed");
    } catch (err) {
      return Promise.reject(err);
    }
  },
  "freed-client": () => freed.dropCluster(CLUSTER),
  "foreign-this": () => ZillizCloud.prototype.dropCluster.call({}, CLUSTER),
  "primitive-this": () => ZillizCloud.prototype.dropCluster.call(7, CLUSTER),
  "second-free": () => (freed.free(), freed.dropCluster(CLUSTER)),
  "throwing-signal-getter": () => client.dropCluster(CLUSTER, { signal: throwingSignal() }),
  "throwing-option-getter": () => client.dropCluster(CLUSTER, { get maxRetries() { throw new Error("getter"); } }),
  "misspelled-guard": () => client.dropCluster(CLUSTER, { expectname: "prod" }),
  "describe-revoked-options": () => client.describeCluster(CLUSTER, revoked()),
  "wait-throwing-signal": () => client.waitUntilDropped(CLUSTER, { signal: throwingSignal() }),
  "list-throwing-getter": () => client.listClusters({ get pageSize() { throw new Error("getter"); } }),
};

let sync = 0;
let resolved = 0;
let failures = 0;
let other = 0;
const before = await wasmMemory();
for (let i = 0; i < count; i++) {
  let pending;
  try {
    pending = kinds[kind]();
  } catch {
    sync++;
    continue;
  }
  try {
    await pending;
    resolved++;
  } catch (err) {
    if (err instanceof ZillizError) failures++;
    else other++;
  }
}
const grewBytes = (await wasmMemory()) - before;
let ok = false;
try {
  ok = (await new ZillizCloud({ apiKey: KEY, fetch }).dropCluster(CLUSTER)).data.clusterId === CLUSTER;
} catch {
  ok = false;
}
console.log(JSON.stringify({ kind, calls: count, resolved, failures, other, sync, ok, grewBytes }));
