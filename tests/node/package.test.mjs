// The package as users get it: installed by name, no init(), custom fetch.
import { it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import * as api from "zilliz-cloud-wasm";

const { ZillizCloud, dropCluster, ZillizError } = api;
// The installed package's folder and manifest, as node resolves them by name.
const manifestPath = createRequire(import.meta.url).resolve("zilliz-cloud-wasm/package.json");
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const packageFile = (file) => new URL(file, `file://${manifestPath}`);
const ok = (id = "in01-6183d6bac30f801") =>
  new Response(JSON.stringify({ code: 0, data: { clusterId: id, prompt: "in the recycle bin for 30 days" } }), {
    headers: { "content-type": "application/json", requestid: "req-1" },
  });

it("exports exactly the contract's names, with no init() needed", () => {
  assert.deepEqual(Object.keys(api).sort(), ["ZillizCloud", "ZillizError", "dropCluster", "keptInRecycleBin"]);
  assert.equal(typeof ZillizCloud, "function");
  assert.equal(typeof dropCluster, "function");
  assert.ok(ZillizError.prototype instanceof Error);
});

it("is installed by name with types and an exports map", () => {
  assert.equal(manifest.name, "zilliz-cloud-wasm");
  assert.deepEqual(manifest.exports["."].node, { import: "./node.js", require: "./node.cjs" });
  const types = readFileSync(packageFile("index.d.ts"), "utf8");
  for (const name of ["class ZillizCloud", "function dropCluster", "class ZillizError", "type ClientOptions", "interface CallOptions", "type DropClusterResponse", "interface ClusterActionResponse", "function keptInRecycleBin", "interface ClusterInfo", "interface WaitOptions"]) {
    assert.ok(types.includes(name), name);
  }
  assert.ok(!/\bany\b/.test(types), "no `any` in the declarations");
  assert.ok(existsSync(packageFile("zilliz_cloud_wasm_bg.wasm")));
});

it("zilliz-cloud-wasm/endpoints: the five rows as frozen data, for import and require(), with no wasm", async () => {
  assert.deepEqual(manifest.exports["./endpoints"], {
    types: { import: "./endpoints.d.ts", require: "./endpoints.d.cts" }, require: "./endpoints.cjs", default: "./endpoints.js",
  });
  const esm = await import("zilliz-cloud-wasm/endpoints");
  const cjs = createRequire(import.meta.url)("zilliz-cloud-wasm/endpoints");
  const rows = [
    ["list", "GET", "/v2/clusters", ["pageSize", "currentPage"]],
    ["describe", "GET", "/v2/clusters/{clusterId}", []],
    ["drop", "DELETE", "/v2/clusters/{clusterId}/drop", []],
    ["suspend", "POST", "/v2/clusters/{clusterId}/suspend", []],
    ["resume", "POST", "/v2/clusters/{clusterId}/resume", []],
  ];
  for (const module of [esm, cjs]) {
    assert.deepEqual(module.endpoints.map((e) => [e.name, e.method, e.path, [...e.query]]), rows);
    assert.ok(Object.isFrozen(module.endpoints) && module.endpoints.every((e) => Object.isFrozen(e) && Object.isFrozen(e.query)));
    assert.deepEqual(["in01-6183d6bac30f801", "a_B-9", "x".repeat(128), "x".repeat(129), "a/b", "a.b", "%2e", ""].map((id) => module.clusterIdPattern.test(id)),
      [true, true, true, false, false, false, false, false]);
  }
  assert.doesNotMatch(readFileSync(packageFile("endpoints.js"), "utf8"), /wasm|import /);
  assert.ok(manifest.files.includes("endpoints.js") && manifest.files.includes("endpoints.cjs") && manifest.files.includes("endpoints.d.cts"));
});

it("every entry is in the exports map, files and sideEffects; edge-light comes before node and browser", () => {
  const main = manifest.exports["."];
  assert.deepEqual(Object.keys(main), ["types", "workerd", "deno", "edge-light", "node", "browser", "import", "require"]);
  const types = { import: "./index.d.ts", require: "./index.d.cts" };
  assert.deepEqual(main.types, types);
  // require() resolves to a CommonJS file everywhere, which index.d.cts describes.
  assert.deepEqual(main.browser, { import: "./browser.js", require: "./inline.cjs" });
  assert.deepEqual([main.import, main.require], ["./browser.js", "./inline.cjs"]);
  assert.deepEqual(manifest.exports["./inline"], { types, require: "./inline.cjs", default: "./inline.js" });
  const targets = (v) => (typeof v === "string" ? [v] : Object.values(v).flatMap(targets));
  const all = [...new Set([...targets(main), "./inline.js"].filter((f) => /\.c?js$/.test(f)))];
  const entries = all.filter((f) => f.endsWith(".js"));
  for (const entry of all.filter((f) => f.endsWith(".cjs"))) {
    assert.ok(manifest.files.includes(entry.slice(2)) && manifest.sideEffects.includes(entry), `${entry} shipped and kept`);
    assert.doesNotMatch(readFileSync(packageFile(entry.slice(2)), "utf8"), /^\s*(import|export)\s/m, `${entry} is CommonJS`);
  }
  for (const entry of entries) {
    assert.ok(manifest.files.includes(entry.slice(2)), `${entry} in files`);
    assert.ok(manifest.sideEffects.includes(entry), `${entry} in sideEffects: bundlers must keep its initialisation`);
  }
  const read = (file) => readFileSync(packageFile(file), "utf8");
  // Next.js's server build rewrites new URL("./x", import.meta.url) into a browser asset URL.
  assert.doesNotMatch(read("node.js"), /new URL\(\s*["']\.\//);
  assert.match(read("edge-light.js"), /from "\.\/zilliz_cloud_wasm_bg\.wasm\?module"/);
  // A WebAssembly.Module from another realm (Next's Edge sandbox) fails instanceof: not recompiled.
  assert.match(read("zilliz_cloud_wasm.js"), /\[object WebAssembly\.Module\]/);
  assert.doesNotMatch(read("zilliz_cloud_wasm.js"), /instanceof WebAssembly\.Module/);
  // Only zilliz-cloud-wasm/inline carries the wasm's bytes.
  for (const entry of entries.filter((e) => e !== "./inline.js")) assert.ok(read(entry).length < 1000, `${entry} is a small loader`);
});

it("tools that read no exports find fields beside it, and node10 finds the inline entry's types", () => {
  // Parcel without packageExports, older bundlers: the inline entry has no top-level await and
  // nothing to copy; Node-minded tools get the node entry.
  assert.deepEqual([manifest.main, manifest.module, manifest.browser, manifest.types], ["./node.cjs", "./inline.js", "./inline.js", "./index.d.ts"]);
  for (const file of ["index.d.ts", "index.d.cts", "inline.d.ts"]) {
    assert.ok(manifest.files.includes(file) && existsSync(packageFile(file)), `${file} is shipped`);
  }
  assert.equal(readFileSync(packageFile("index.d.cts"), "utf8"), readFileSync(packageFile("index.d.ts"), "utf8"));
  assert.equal(readFileSync(packageFile("inline.d.ts"), "utf8"), `export * from "./index.js";\n`);
});

it("zilliz-cloud-wasm/inline carries the wasm it was built from, and works with no file beside it", async () => {
  const inlineText = readFileSync(packageFile("inline.js"), "utf8");
  const base64 = /const base64 = "([A-Za-z0-9+/=]+)";/.exec(inlineText)?.[1];
  assert.ok(base64, "inline.js has its base64");
  assert.ok(Buffer.from(base64, "base64").equals(readFileSync(packageFile("zilliz_cloud_wasm_bg.wasm"))));
  const inline = await import("zilliz-cloud-wasm/inline");
  assert.deepEqual(Object.keys(inline).sort(), ["ZillizCloud", "ZillizError", "dropCluster", "keptInRecycleBin"]);
  const res = await new inline.ZillizCloud({ apiKey: "sk-inline-entry-key", fetch: async () => ok() }).dropCluster("in01-6183d6bac30f801");
  assert.equal(res.data.clusterId, "in01-6183d6bac30f801");
});

it("a custom fetch is called unbound, with the documented request", async () => {
  const calls = [];
  const zc = new ZillizCloud({
    apiKey: "sk-custom-fetch-key",
    fetch: function (url, init) {
      calls.push({ self: this, url, init });
      return Promise.resolve(ok());
    },
  });
  const res = await zc.dropCluster("in01-6183d6bac30f801");
  assert.equal(res.data.clusterId, "in01-6183d6bac30f801");
  assert.equal(calls.length, 1);
  assert.equal(calls[0].self, undefined, "called unbound");
  assert.equal(calls[0].url, "https://api.cloud.zilliz.com/v2/clusters/in01-6183d6bac30f801/drop");
});

it("region cn uses the China endpoint; baseUrl overrides region", async () => {
  const urls = [];
  // Each success names the cluster asked for (the client checks it).
  const fetch = async (url) => (urls.push(url), ok(url.split("/").at(-2)));
  await new ZillizCloud({ apiKey: "sk-region-key", region: "cn", fetch }).dropCluster("in01-6183d6bac30f801");
  await new ZillizCloud({ apiKey: "sk-region-key", region: "global", fetch }).dropCluster("in01-6183d6bac30f801");
  await dropCluster({ apiKey: "sk-region-key", region: "cn", baseUrl: "https://proxy.example.com/z/", fetch, clusterId: "x" });
  assert.deepEqual(urls, [
    "https://api.cloud.zilliz.com.cn/v2/clusters/in01-6183d6bac30f801/drop",
    "https://api.cloud.zilliz.com/v2/clusters/in01-6183d6bac30f801/drop",
    "https://proxy.example.com/z/v2/clusters/x/drop",
  ]);
});

it("reads the request id from x-request-id too", async () => {
  const fetch = async () => new Response(JSON.stringify({ code: 96018, message: "gone" }), { headers: { "x-request-id": "xr-9" } });
  const err = await dropCluster({ apiKey: "sk-rid-key", clusterId: "c", fetch }).catch((e) => e);
  assert.equal(err.requestId, "xr-9");
});

it("a misbehaving custom fetch gets a typed error, never a hang or a trap", async () => {
  const cases = [
    [() => { throw new TypeError("boom"); }, "network"],
    [async () => { throw new TypeError("failed to fetch"); }, "network"],
    [async () => "not a response", "network"],
    [async () => null, "network"],
    [() => new Promise(() => {}), "timeout"],
    [async () => ({ status: 200, headers: { get: () => null }, text: () => new Promise(() => {}) }), "timeout"],
    [async () => ({ status: 200, headers: { get: () => null }, text: async () => "{\"code\":0,\"data\":{\"clusterId\":\"c\",\"prompt\":\"p\"}}" }), null],
    [async () => new Response("x".repeat(2 * 1024 * 1024)), "decode"],
  ];
  for (const [fetch, kind] of cases) {
    const p = dropCluster({ apiKey: "sk-misbehaving", clusterId: "c", fetch, timeoutMs: 100, maxRetries: 0 });
    if (kind === null) {
      assert.equal((await p).code, 0);
      continue;
    }
    const err = await p.then(() => assert.fail("resolved"), (e) => e);
    assert.ok(err instanceof ZillizError);
    assert.equal(err.kind, kind, String(fetch));
  }
  assert.equal((await dropCluster({ apiKey: "sk-after", clusterId: "c", fetch: async () => ok("c") })).code, 0);
});

it("memory stays flat over many calls (no leak per call)", async () => {
  const fetch = async () => ok("c");
  const zc = new ZillizCloud({ apiKey: "sk-leak-check", fetch });
  const fail = new ZillizCloud({ apiKey: "sk-leak-check", fetch: async () => new Response("{}", { status: 500 }), maxRetries: 0 });
  for (let i = 0; i < 200; i++) await zc.dropCluster("c");
  const before = process.memoryUsage().arrayBuffers;
  for (let i = 0; i < 3000; i++) {
    await zc.dropCluster("c");
    await fail.dropCluster("c").catch(() => {});
  }
  const grown = process.memoryUsage().arrayBuffers - before;
  assert.ok(grown < 1024 * 1024, `array buffers grew by ${grown} bytes`);
});

it("a custom fetch that starts another call before it returns gets both answered", async () => {
  const inner = [];
  const fetch = (url) => {
    if (url.endsWith("/outer/drop")) inner.push(dropCluster({ apiKey: "sk-reentry-key", clusterId: "inner", fetch }));
    return Promise.resolve(ok(url.split("/").at(-2)));
  };
  const outer = await dropCluster({ apiKey: "sk-reentry-key", clusterId: "outer", fetch });
  assert.equal(outer.data.clusterId, "outer");
  assert.equal(inner.length, 1);
  assert.equal((await inner[0]).data.clusterId, "inner");
});

it("concurrent calls settling in any order each get their own answer", async () => {
  // Answers come back in reverse order of the requests, half of them failures.
  const pending = [];
  const fetch = (url) => new Promise((resolve) => pending.push([url, resolve]));
  const zc = new ZillizCloud({ apiKey: "sk-concurrent-key", fetch, maxRetries: 0 });
  const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
  const calls = ids.map((id) => zc.dropCluster(id).then((r) => r.data.clusterId, (e) => e.kind));
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(pending.length, ids.length);
  for (const [url, resolve] of pending.reverse()) {
    const id = url.split("/").at(-2);
    const odd = Number(id.slice(1)) % 2 === 1;
    resolve(odd ? new Response(JSON.stringify({ code: 96018, message: "gone" }), { status: 404 }) : ok(id));
  }
  const results = await Promise.all(calls);
  assert.deepEqual(results, ids.map((id, i) => (i % 2 === 1 ? "not_found" : id)));
});

it("a signal whose listener methods throw is not listened to, and the call goes on", async () => {
  const signal = {
    aborted: false,
    addEventListener() { throw new Error("listener refused"); },
    removeEventListener() { throw new Error("listener refused"); },
  };
  const zc = new ZillizCloud({ apiKey: "sk-odd-signal-key", fetch: async () => ok("c") });
  assert.equal((await zc.dropCluster("c", { signal })).data.clusterId, "c");
  assert.equal((await zc.dropCluster("c")).code, 0);
});
