// The server's own deletion protection (PROTECT), decided by the package: the browser's
// `protect` is a convenience, this one is the guarantee.
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

const STATUS_OF_KIND = { not_found: 404, permission: 403, auth: 502, rate_limited: 429 };

/** PROTECT's patterns: comma-separated, blanks around each left out. */
export function protectPatterns(env) {
  return String(env.PROTECT ?? "").split(",").map((p) => p.trim()).filter(Boolean);
}

/**
 * Null when a drop of `clusterId` may go on; otherwise `{ status, reason }`. The ID is matched
 * first (no request); then one describe through the server's key learns the name. A describe
 * that fails refuses the drop: what cannot be checked is not sent.
 */
export async function protectionRefusal(clusterId, env, baseUrl) {
  const protect = protectPatterns(env);
  if (!protect.length) return null;
  let zc;
  try {
    zc = new ZillizCloud({ apiKey: env.ZILLIZ_API_KEY, baseUrl, protect, maxRetries: 1 });
  } catch (err) {
    return { status: 500, reason: `PROTECT or the key is misconfigured: ${err instanceof ZillizError ? err.message : "unreadable"}` };
  }
  if (zc.isProtected({ clusterId })) return { status: 403, reason: `${clusterId} matches the server's PROTECT patterns` };
  try {
    const { data } = await zc.describeCluster(clusterId);
    if (zc.isProtected(data)) return { status: 403, reason: `${data.clusterName} (${clusterId}) matches the server's PROTECT patterns` };
    return null;
  } catch (err) {
    // The control plane's code is kept (96018: not found), the status said by kind: the control
    // plane answers some errors with HTTP 200, which a refusal must not look like.
    const known = err instanceof ZillizError;
    return {
      status: (known && STATUS_OF_KIND[err.kind]) || 502,
      code: known && Number.isInteger(err.code) ? err.code : undefined,
      reason: `the cluster could not be described before the drop, so the drop was not sent (${known ? `${err.kind}: ${err.message}` : "unknown error"})`,
    };
  }
}
