// The README's quick start: look the cluster up, drop it guarded by its name (a prod-* cluster is
// refused, kind "protected"), then wait until it is gone.
//   ZILLIZ_API_KEY=... node quick-start.mjs in01-0123456789abcde
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

const zc = new ZillizCloud({ apiKey: process.env.ZILLIZ_API_KEY, baseUrl: process.env.ZILLIZ_BASE_URL, protect: ["prod-*"] });
try {
  const { data: cluster } = await zc.describeCluster(process.argv[2]);
  await zc.dropCluster(cluster.clusterId, { expectName: cluster.clusterName }); // guarded by the name
  const gone = await zc.waitUntilDropped(cluster.clusterId);                    // { seen, polls, elapsedMs }
  console.log(`gone (${gone.seen}) after ${gone.polls} checks`);
} catch (err) {
  if (!(err instanceof ZillizError)) throw err;
  console.error(err.kind, err.code, err.status, err.requestId, err.message);   // never the key
}
