// An Astro SSR endpoint: POST { clusterId } drops that cluster with the server's key.
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

export const prerender = false;

export async function POST({ request }) {
  const { clusterId } = await request.json();
  const zc = new ZillizCloud({ apiKey: process.env.ZILLIZ_API_KEY, baseUrl: process.env.ZILLIZ_BASE_URL });
  try {
    return Response.json(await zc.dropCluster(clusterId));
  } catch (err) {
    if (!(err instanceof ZillizError)) throw err;
    return Response.json({ error: { kind: err.kind, message: err.message } }, { status: err.status ?? 502 });
  }
}
