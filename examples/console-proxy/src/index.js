// The console's proxy: serves the console (static assets) and forwards exactly the package's
// five endpoints to the control plane with the server's key, to the team only, writing down
// every change. Deny by default: each step below refuses what it cannot vouch for.
import { identify } from "./access.js";
import { apiError, audit, json } from "./answers.js";
import { forward } from "./forward.js";
import { protectionRefusal, protectPatterns } from "./protection.js";
import { matchRoute, rawTarget, upstreamTarget } from "./routes.js";

const GLOBAL_ENDPOINT = "https://api.cloud.zilliz.com";
const MAX_BODY_BYTES = 1024;
const MAX_DRAINED_BYTES = 64 * 1024;
/** Paths the console's files can have: plain segments, no encoding, no dot segments. */
const ASSET_PATH = /^\/(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*)?$/;
const FRAMING = { "x-frame-options": "DENY", "content-security-policy": "frame-ancestors 'none'" };

export default {
  async fetch(request, env) {
    const method = request.method;
    const who = await identify(request, env);
    const access = who.access ?? "refused";
    const refuse = (status, reason, fields = {}, code = status) => {
      audit({ user: who.user ?? null, method, status, outcome: "refused", reason, access, ...fields });
      return apiError(status, reason, code);
    };
    if (who.status) return refuse(who.status, who.reason);

    const target = rawTarget(request.url);
    const { path } = target;
    if (path === "/console-config.json" && method === "GET") {
      return json({ proxy: true, protect: protectPatterns(env), user: who.user, access });
    }
    const route = matchRoute(method, target);
    if (!route) {
      if ((method === "GET" || method === "HEAD") && ASSET_PATH.test(path) && !path.startsWith("/v2/") && env.ASSETS) {
        return serveAsset(request, env, refuse);
      }
      return refuse(404, `${method} ${path.slice(0, 200)} is not one of the console's routes`);
    }
    const fields = { route: `${route.endpoint.method} ${route.endpoint.path}`, clusterId: route.clusterId };
    const changes = method !== "GET";

    const crossSite = changes ? crossSiteReason(request) : null;
    if (crossSite) return refuse(403, `a cross-site change was refused: ${crossSite}`, fields);
    if (await bodyTooLarge(request)) return refuse(413, `a request body over ${MAX_BODY_BYTES} bytes was refused`, fields);
    const upstream = upstreamBase(env);
    if (!upstream.base) return refuse(500, upstream.reason, fields);

    if (route.endpoint.name === "drop") {
      const refusal = await protectionRefusal(route.clusterId, env, upstream.base);
      if (refusal) return refuse(refusal.status, refusal.reason, fields, refusal.code);
    }
    const { response, requestId } = await forward(method, upstream.base + upstreamTarget(route), request.headers.get("accept"), env.ZILLIZ_API_KEY);
    if (changes) audit({ user: who.user, method, ...fields, status: response.status, requestId, outcome: "forwarded", access });
    return response;
  },
};

/** Why a change is cross-site (OWASP: Fetch Metadata, then Origin), or null when it is not. */
function crossSiteReason(request) {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return `Sec-Fetch-Site is ${site.slice(0, 40)}`;
  const origin = request.headers.get("origin");
  const own = new URL(request.url).origin;
  if (origin === null) return "no Origin header";
  return origin === own ? null : `Origin ${origin.slice(0, 200)} is not ${own}`;
}

/**
 * Over MAX_BODY_BYTES by its Content-Length or by what it sends (none of the routes takes one).
 * A body up to MAX_DRAINED_BYTES is read to its end before the answer, so that the refusal
 * reaches the client instead of a connection reset.
 */
async function bodyTooLarge(request) {
  const length = request.headers.get("content-length");
  if (length !== null && !(/^[0-9]{1,9}$/.test(length) && Number(length) <= MAX_DRAINED_BYTES)) return true;
  if (!request.body) return length !== null && Number(length) > MAX_BODY_BYTES;
  const reader = request.body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return total > MAX_BODY_BYTES;
      total += value.byteLength;
      if (total > MAX_DRAINED_BYTES) return true;
    }
  } catch {
    return true;
  } finally {
    reader.releaseLock();
  }
}

/** ZILLIZ_BASE_URL (default the global endpoint) without a trailing slash, and the key set. */
function upstreamBase(env) {
  if (!env.ZILLIZ_API_KEY) return { reason: "the secret ZILLIZ_API_KEY is not set" };
  let url;
  try {
    url = new URL(env.ZILLIZ_BASE_URL || GLOBAL_ENDPOINT);
  } catch {
    return { reason: "ZILLIZ_BASE_URL is not a URL" };
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) return { reason: "ZILLIZ_BASE_URL must be a plain http(s) URL" };
  return { base: url.href.replace(/\/+$/, "") };
}

/** The console's files; a file that is not there is the API's 404, like any other route. */
async function serveAsset(request, env, refuse) {
  const asset = await env.ASSETS.fetch(request);
  if (asset.status === 404) return refuse(404, `${new URL(request.url).pathname.slice(0, 200)} is not one of the console's files`);
  const response = new Response(asset.body, asset);
  for (const [name, value] of Object.entries(FRAMING)) response.headers.set(name, value);
  for (const name of [...response.headers.keys()]) if (name.startsWith("access-control-")) response.headers.delete(name);
  return response;
}
