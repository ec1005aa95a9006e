// What the Worker answers itself: the control plane's error shape, no CORS headers, never cached.
const HEADERS = {
  "content-type": "application/json",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

/** `{ code, message }`, the code by default the HTTP status: the package reads a 401 as kind
 *  auth, a 403 as permission and a 404 as not_found. */
export function apiError(status, message, code = status) {
  return new Response(JSON.stringify({ code, message: `console-proxy: ${message}` }), { status, headers: HEADERS });
}

export function json(value) {
  return new Response(JSON.stringify(value), { headers: HEADERS });
}

/** One JSON line per change forwarded or request refused; never the key, never the token. */
export function audit(entry) {
  const { at = new Date().toISOString(), user = null, method, route = null, clusterId = null, status,
    requestId = null, outcome, reason, access } = entry;
  console.log(JSON.stringify({ at, user, method, route, clusterId, status, requestId, outcome, ...(reason ? { reason } : {}), access }));
}
