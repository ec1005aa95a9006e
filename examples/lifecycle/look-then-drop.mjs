// Look up, then drop, then wait until gone: what a console does when a person asks to drop a cluster.
//   ZILLIZ_API_KEY=... CLUSTER_ID=in01-... CLUSTER_NAME=prod-search node look-then-drop.mjs
import { ZillizCloud, ZillizError, keptInRecycleBin } from "zilliz-cloud-wasm";

const zc = new ZillizCloud({ apiKey: process.env.ZILLIZ_API_KEY, baseUrl: process.env.ZILLIZ_BASE_URL });
const id = process.env.CLUSTER_ID;

// 1. Show which cluster will go, and whether it can come back.
const { data: cluster } = await zc.describeCluster(id);
console.log(`${cluster.clusterName} (${cluster.plan}, ${cluster.status}, ${cluster.regionId})`);
if (!keptInRecycleBin(cluster)) console.log("This cluster cannot be restored once dropped.");

// 2. Drop it only if it still has the name the person confirmed (a guarded drop).
async function dropConfirmed(name) {
  try {
    await zc.dropCluster(id, { expectName: name });
    return true;
  } catch (err) {
    if (!(err instanceof ZillizError)) throw err;
    if (err.kind === "precondition") return console.log(`Not dropped: ${err.message}`), false;
    // An earlier attempt whose outcome was unknown probably dropped it: the wait below tells.
    if (err.maybeDropped) return true;
    throw err;
  }
}

// 3. Then wait until it is gone (describes after 1, 2, 4 ... 30 s; kind "timeout" after 15 minutes).
if (await dropConfirmed(process.env.CLUSTER_NAME)) {
  const gone = await zc.waitUntilDropped(id, { onPoll: (e) => console.log(`still ${e.status}`) });
  console.log(`gone (${gone.seen}) after ${gone.polls} checks`);
}
