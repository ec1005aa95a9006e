// Deletion protection, and suspend as the non-destructive choice: a client that refuses to drop
// production clusters, then suspends one and waits until it is SUSPENDED, and resumes it.
//   ZILLIZ_API_KEY=... CLUSTER_ID=in01-... node protect-then-suspend.mjs
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

const zc = new ZillizCloud({
  apiKey: process.env.ZILLIZ_API_KEY,
  baseUrl: process.env.ZILLIZ_BASE_URL,
  protect: ["prod-*"], // by name or ID, `*` for any run of characters; a drop's options cannot clear it
});
const id = process.env.CLUSTER_ID;

const { data: cluster } = await zc.describeCluster(id);
if (zc.isProtected(cluster)) console.log(`${cluster.clusterName} is protected: no Drop for it.`);
try {
  await zc.dropCluster(id); // one describe, then kind "protected": no DELETE is sent
} catch (err) {
  if (!(err instanceof ZillizError) || err.kind !== "protected") throw err;
  console.log(`Not dropped: ${err.message}`);
}

// Suspend keeps the data and stops the compute bill; wait until it shows SUSPENDED (or STOPPED).
await zc.suspendCluster(id);
const suspended = await zc.waitUntilSuspended(id, { onPoll: (e) => console.log(`still ${e.status}`) });
console.log(`${suspended.status} after ${suspended.polls} checks`);

// Resume, and wait until RUNNING: kind "precondition" at once if it is being dropped meanwhile.
await zc.resumeCluster(id);
const running = await zc.waitUntilRunning(id);
console.log(`${running.status} after ${running.polls} checks`);
