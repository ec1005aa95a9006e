// Compiled with `tsc --strict --noEmit` against pkg/index.d.ts: the declarations
// describe the contract precisely, and misuse is a type error.
import { ZillizCloud, ZillizError, dropCluster, keptInRecycleBin } from "zilliz-cloud-wasm";
import type {
  ClientOptions, CallOptions, ClusterActionResponse, ClusterInfo, DescribeClusterResponse, DropClusterResponse,
  DroppedResult, ListClustersResponse, PollEvent, RetryEvent, StatusResult, ZillizErrorKind,
} from "zilliz-cloud-wasm";
import * as inline from "zilliz-cloud-wasm/inline";

const options: ClientOptions = { apiKey: "k", region: "cn", baseUrl: "https://x", timeoutMs: 1, maxRetries: 0, fetch };
const call: CallOptions = { signal: new AbortController().signal, timeoutMs: 5, maxRetries: 1 };
const onRetry = (event: RetryEvent): void => {
  const waits: number = event.delayMs + event.attempt + event.maxAttempts;
  const why: ZillizErrorKind = event.error.kind;
  void [waits, why];
};
const withHooks: ClientOptions & CallOptions = { apiKey: "k", onRetry };
const zc = new ZillizCloud(options);

async function main(): Promise<string> {
  const res: DropClusterResponse = await zc.dropCluster("in01-6183d6bac30f801", call);
  const code: 0 = res.code;
  const id: string = res.data.clusterId;
  const prompt: string = res.data.prompt;
  const once = await dropCluster({ apiKey: "k", clusterId: "c", signal: call.signal, onRetry });
  void withHooks;
  try {
    await zc.dropCluster("x");
  } catch (err) {
    if (err instanceof ZillizError) {
      const kind: ZillizErrorKind = err.kind;
      const fields: [string, number | null, number | null, string | null, boolean, number, boolean, string | null] = [
        err.name, err.code, err.status, err.requestId, err.retryable, err.attempts, err.maybeDropped, err.option,
      ];
      return kind + fields.join() + code + id + prompt + once.data.clusterId;
    }
  }
  return "";
}
void main;

// Look up, then drop; list; wait; suspend and resume.
async function lifecycle(): Promise<number> {
  const described: DescribeClusterResponse = await zc.describeCluster("in01-6183d6bac30f801", call);
  const c: ClusterInfo = described.data;
  const words: string = c.clusterName + c.plan + c.status + c.regionId + c.createTime + c.cuType;
  const kept: boolean = keptInRecycleBin(c) && keptInRecycleBin(null);
  const page: ListClustersResponse = await zc.listClusters({ pageSize: 50, currentPage: 2, signal: call.signal });
  const numbers: number = page.data.count + page.data.currentPage + page.data.pageSize + page.data.clusters.length;
  for await (const each of zc.clusters({ pageSize: 100 })) {
    const id: string = each.clusterId;
    void id;
  }
  await zc.dropCluster(c.clusterId, { expectName: c.clusterName, signal: call.signal });
  await dropCluster({ apiKey: "k", clusterId: "c", expectName: "prod-east" });
  const onPoll = (e: PollEvent): void => void (e.polls + e.elapsedMs + e.nextPollMs + e.status.length);
  const gone: DroppedResult = await zc.waitUntilDropped(c.clusterId, { maxWaitMs: 60_000, onPoll });
  const seen: "not_found" | "DELETED" = gone.seen;
  const suspended: ClusterActionResponse = await zc.suspendCluster(c.clusterId);
  const resumed: DropClusterResponse = await zc.resumeCluster(c.clusterId, { timeoutMs: 5 });
  const guarded: ZillizErrorKind = "precondition";
  return words.length + numbers + Number(kept) + gone.polls + seen.length + suspended.code + resumed.code + guarded.length;
}
void lifecycle;

async function protection(): Promise<number> {
  const guarded = new ZillizCloud({ apiKey: "k", protect: ["prod-*", "in01-6183d6bac30f801"] });
  const locked: boolean = guarded.isProtected({ clusterName: "prod-search" });
  const suspended: StatusResult = await guarded.waitUntilSuspended("c", { maxWaitMs: 60_000, onPoll: (e) => void e.status });
  const running: StatusResult = await guarded.waitUntilRunning("c");
  const refused: ZillizErrorKind = "protected";
  return Number(locked) + suspended.polls + running.elapsedMs + suspended.status.length + refused.length;
}
void protection;

// Misuse the declarations must refuse:
// @ts-expect-error region is "global" | "cn"
new ZillizCloud({ apiKey: "k", region: "eu" });
// @ts-expect-error apiKey is required
new ZillizCloud({});
// @ts-expect-error a client with no key needs a baseUrl (a proxy that adds its own)
new ZillizCloud({ apiKey: null });
// Keyless, through a proxy:
new ZillizCloud({ baseUrl: "https://console.example.com", protect: ["prod-*"] });
new ZillizCloud({ apiKey: null, baseUrl: "https://console.example.com" });
// @ts-expect-error clusterId is a string
void zc.dropCluster(42);
// @ts-expect-error the one-shot form needs a clusterId
void dropCluster({ apiKey: "k" });
// @ts-expect-error a misspelled guard is refused by the types too
void zc.dropCluster("c", { expectname: "prod" });
// @ts-expect-error pageSize is a number
void zc.listClusters({ pageSize: "50" });
// @ts-expect-error a wait's seen is one of two strings
const never: DroppedResult["seen"] = "DELETING";
void never;
// @ts-expect-error protect is an array of patterns
new ZillizCloud({ apiKey: "k", protect: "prod-*" });
// @ts-expect-error a drop's options cannot set protect
void zc.dropCluster("c", { protect: [] });
// @ts-expect-error kind is one of the thirteen strings
const bad: ZillizErrorKind = "oops";
void bad;

// zilliz-cloud-wasm/inline has the same declarations.
const inlineClient: ZillizCloud = new inline.ZillizCloud({ apiKey: "k" });
const inlineDrop: typeof dropCluster = inline.dropCluster;
void [inlineClient, inlineDrop];
