import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

export const runtime = "edge";

export async function POST(request) {
  const { clusterId } = await request.json();
  const zc = new ZillizCloud({ apiKey: process.env.ZILLIZ_API_KEY, baseUrl: process.env.ZILLIZ_BASE_URL });
  try {
    const res = await zc.dropCluster(clusterId);
    return Response.json(res.data);
  } catch (err) {
    if (!(err instanceof ZillizError)) throw err;
    return Response.json({ kind: err.kind, message: err.message }, { status: 502 });
  }
}
