// Every cluster of the key, page after page (50 a page), with what a drop of each would lose.
//   ZILLIZ_API_KEY=... node list.mjs
import { ZillizCloud, keptInRecycleBin } from "zilliz-cloud-wasm";

const zc = new ZillizCloud({ apiKey: process.env.ZILLIZ_API_KEY, baseUrl: process.env.ZILLIZ_BASE_URL });
for await (const c of zc.clusters({ pageSize: 50 })) {
  const undo = keptInRecycleBin(c) ? "recycle bin for 30 days" : "cannot be restored";
  console.log(`${c.clusterId}  ${c.clusterName}  ${c.plan}  ${c.status}  (${undo})`);
}
