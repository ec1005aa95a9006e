// An Astro SSR endpoint: POST { clusterId } drops that cluster with the server's key.
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

// This handler's own status for each kind: the caller's mistake (400, 404, 409), a limit (429,
// 504), or the control plane's failure (502). Never the control plane's own status: it answers
// some refusals (a cluster not found) with HTTP 200.
const STATUS = { invalid_input: 400, not_found: 404, precondition: 409, protected: 409, rate_limited: 429, timeout: 504 };

export const prerender = false;

export async function POST({ request }) {
  const { clusterId } = await request.json();
  const zc = new ZillizCloud({ apiKey: process.env.ZILLIZ_API_KEY, baseUrl: process.env.ZILLIZ_BASE_URL });
  try {
    return Response.json(await zc.dropCluster(clusterId));
  } catch (err) {
    if (!(err instanceof ZillizError)) throw err;
    return Response.json({ error: { kind: err.kind, message: err.message } }, { status: STATUS[err.kind] ?? 502 });
  }
}
