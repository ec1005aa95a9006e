// An Edge function as Vercel's Edge runtime runs one: a fetch event handler that drops the cluster
// named in the POSTed JSON. Bundled by build.mjs with the edge-light condition, run by host.mjs.
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

addEventListener("fetch", (event) => event.respondWith(drop(event.request)));

async function drop(request) {
  const { clusterId } = await request.json();
  const zc = new ZillizCloud({ apiKey: process.env.ZILLIZ_API_KEY, baseUrl: process.env.ZILLIZ_BASE_URL });
  try {
    return Response.json(await zc.dropCluster(clusterId));
  } catch (err) {
    if (!(err instanceof ZillizError)) throw err;
    return Response.json({ error: { kind: err.kind, message: err.message } }, { status: err.status ?? 502 });
  }
}
