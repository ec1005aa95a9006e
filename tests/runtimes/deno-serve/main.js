// A `deno serve` handler: POST { clusterId } drops that cluster. The package comes from the
// project's node_modules (npm install), with no download: deno.mjs runs it with --cached-only.
import { ZillizCloud, ZillizError } from "npm:zilliz-cloud-wasm";

export default {
  async fetch(request) {
    if (request.method !== "POST") return new Response("POST { \"clusterId\": ... }", { status: 405 });
    const { clusterId } = await request.json();
    const zc = new ZillizCloud({ apiKey: Deno.env.get("ZILLIZ_API_KEY"), baseUrl: Deno.env.get("ZILLIZ_BASE_URL") });
    try {
      return Response.json(await zc.dropCluster(clusterId));
    } catch (err) {
      if (!(err instanceof ZillizError)) throw err;
      return Response.json({ error: { kind: err.kind, message: err.message } }, { status: err.status ?? 502 });
    }
  },
};
