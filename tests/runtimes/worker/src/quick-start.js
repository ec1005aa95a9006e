import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

export default {
  async fetch(request, env) {
    if (request.method !== "POST") return new Response("POST only", { status: 405 });
    const clusterId = new URL(request.url).searchParams.get("clusterId");
    const zc = new ZillizCloud({ apiKey: env.ZILLIZ_API_KEY, baseUrl: env.ZILLIZ_BASE_URL });
    try {
      const res = await zc.dropCluster(clusterId);
      return Response.json(res.data);
    } catch (err) {
      if (!(err instanceof ZillizError)) throw err;
      const { kind, message, requestId } = err;
      return Response.json({ kind, message, requestId }, { status: kind === "invalid_input" ? 400 : 502 });
    }
  },
};
