// A Cloudflare Worker (JavaScript) that suspends the development clusters every night, on a
// cron trigger: RUNNING Dedicated clusters whose names start with SUSPEND_PREFIX. Suspend keeps
// the data and stops the compute bill; resumeCluster undoes it.
//   wrangler.toml: [triggers] crons = ["0 22 * * *"]; wrangler secret put ZILLIZ_API_KEY
import { ZillizCloud, ZillizError, keptInRecycleBin } from "zilliz-cloud-wasm";

export default {
  async scheduled(event, env) {
    const zc = new ZillizCloud({ apiKey: env.ZILLIZ_API_KEY, baseUrl: env.ZILLIZ_BASE_URL });
    const prefix = env.SUSPEND_PREFIX ?? "dev-";
    const suspended = [];
    for await (const c of zc.clusters({ pageSize: 100 })) {
      // Free and Serverless clusters cannot be suspended (the server refuses them).
      if (!c.clusterName.startsWith(prefix) || c.status !== "RUNNING" || !keptInRecycleBin(c)) continue;
      try {
        await zc.suspendCluster(c.clusterId);
        suspended.push(c.clusterId);
      } catch (err) {
        if (!(err instanceof ZillizError)) throw err;
        console.log(JSON.stringify({ clusterId: c.clusterId, failed: err.kind, code: err.code }));
      }
    }
    console.log(JSON.stringify({ suspended }));
    return suspended;
  },
};
