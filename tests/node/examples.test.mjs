// The README's lifecycle quick starts (examples/lifecycle/), run as written against the mock
// with the package installed by name: look up then drop then wait, the list, the nightly suspend.
import { describe, it, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startMock, SEEDED } from "./helpers/mock.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const source = fileURLToPath(new URL("../../examples/lifecycle/", import.meta.url));
// Inside tests/node, so that "zilliz-cloud-wasm" resolves to the installed package.
const work = `${here}.examples/`;

let mock;
before(async () => {
  mock = await startMock();
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work);
  for (const name of ["look-then-drop.mjs", "list.mjs", "nightly-suspend.mjs", "protect-then-suspend.mjs", "quick-start.mjs"]) copyFileSync(source + name, work + name);
});
after(async () => {
  rmSync(work, { recursive: true, force: true });
  await mock.stop();
});
beforeEach(() => mock.reset());

const run = (name, env, args = []) =>
  promisify(execFile)(process.execPath, [work + name, ...args], {
    env: { ...process.env, ZILLIZ_API_KEY: mock.apiKey, ZILLIZ_BASE_URL: mock.url, ...env },
    timeout: 30_000,
  });

describe("README lifecycle quick starts", () => {
  it("look-then-drop.mjs: shows the cluster, drops it guarded, waits until gone", async () => {
    await mock.timing({ deletingMs: 700 });
    const { stdout } = await run("look-then-drop.mjs", { CLUSTER_ID: SEEDED[2], CLUSTER_NAME: "preview-pr-412" });
    assert.match(stdout, /^preview-pr-412 \(Serverless, RUNNING, gcp-us-west1\)\n/);
    assert.match(stdout, /cannot be restored/);
    assert.match(stdout, /still DELETING\ngone \(not_found\) after 2 checks\n$/);
    const methods = (await mock.requests()).map((r) => r.method);
    assert.deepEqual(methods, ["GET", "GET", "DELETE", "GET", "GET"]);
  });

  it("look-then-drop.mjs: a renamed cluster is not dropped", async () => {
    const { stdout } = await run("look-then-drop.mjs", { CLUSTER_ID: SEEDED[0], CLUSTER_NAME: "prod-old-name" });
    assert.match(stdout, /^prod-search \(Standard, RUNNING, aws-us-west-2\)\nNot dropped: cluster .* is named "prod-search", not "prod-old-name"/);
    assert.ok(!(await mock.requests()).some((r) => r.method === "DELETE"), "no DELETE");
  }, { timeout: 60_000 });

  it("protect-then-suspend.mjs: a protected cluster is not dropped, then suspended and resumed, each waited for", async () => {
    await mock.timing({ transitionMs: 700 });
    const { stdout } = await run("protect-then-suspend.mjs", { CLUSTER_ID: SEEDED[0] });
    assert.match(stdout, /^prod-search is protected: no Drop for it\.\nNot dropped: cluster in01-6183d6bac30f801 \("prod-search"\) is protected by the pattern "prod-\*": it was not dropped\n/);
    assert.match(stdout, /still SUSPENDING\nSUSPENDED after 2 checks\nRUNNING after 2 checks\n$/);
    const methods = (await mock.requests()).map((r) => `${r.method} ${r.path.split("/").pop()}`);
    assert.deepEqual(methods, [`GET ${SEEDED[0]}`, `GET ${SEEDED[0]}`, "POST suspend", `GET ${SEEDED[0]}`, `GET ${SEEDED[0]}`, "POST resume", `GET ${SEEDED[0]}`, `GET ${SEEDED[0]}`]);
  });

  it("quick-start.mjs (the README's): a guarded drop waited until gone; a prod-* cluster refused, with no DELETE", async () => {
    const dropped = await run("quick-start.mjs", {}, [SEEDED[1]]);
    assert.equal(dropped.stdout, "gone (not_found) after 1 checks\n");
    const refused = await run("quick-start.mjs", {}, [SEEDED[0]]);
    assert.match(refused.stderr, /^protected null null null cluster in01-6183d6bac30f801 \("prod-search"\) is protected by the pattern "prod-\*": it was not dropped\n$/);
    // Each drop describes again itself (its guard reads the name at the drop): the refused one sends no DELETE.
    assert.deepEqual((await mock.requests()).map((r) => r.method), ["GET", "GET", "DELETE", "GET", "GET", "GET"]);
  });

  it("list.mjs: every cluster with what a drop would lose", async () => {
    await mock.generate(120);
    const { stdout } = await run("list.mjs");
    const lines = stdout.trim().split("\n");
    assert.equal(lines.length, 123);
    assert.match(lines.find((l) => l.startsWith(SEEDED[0])), /prod-search {2}Standard {2}RUNNING {2}\(recycle bin for 30 days\)/);
    assert.match(lines.find((l) => l.startsWith(SEEDED[2])), /\(cannot be restored\)$/);
    assert.equal((await mock.requests()).length, 3, "three pages of 50");
  });

  it("nightly-suspend.mjs: suspends the RUNNING Dedicated clusters with the prefix, and only those", async () => {
    await mock.put([
      { clusterId: "in01-aaaaaaaaaaaaaa1", clusterName: "dev-alice", plan: "Standard" },
      { clusterId: "in01-aaaaaaaaaaaaaa2", clusterName: "dev-bob", plan: "Enterprise", status: "SUSPENDED" },
      { clusterId: "in03-aaaaaaaaaaaaaa3", clusterName: "dev-free", plan: "Free" },
      { clusterId: "in01-aaaaaaaaaaaaaa4", clusterName: "prod-carol", plan: "Standard" },
    ]);
    const { default: worker } = await import(`${work}nightly-suspend.mjs`);
    const env = { ZILLIZ_API_KEY: mock.apiKey, ZILLIZ_BASE_URL: mock.url, SUSPEND_PREFIX: "dev-" };
    const suspended = await worker.scheduled({ cron: "0 22 * * *" }, env);
    assert.deepEqual(suspended, ["in01-aaaaaaaaaaaaaa1"]);
    const posts = (await mock.requests()).filter((r) => r.method === "POST").map((r) => r.path);
    assert.deepEqual(posts, ["/v2/clusters/in01-aaaaaaaaaaaaaa1/suspend"]);
  });
});
