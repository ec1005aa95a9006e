// One call to the control plane with the server's key, and its answer back: status, body,
// requestid and Retry-After; nothing else, and nothing that holds the key.
import { apiError } from "./answers.js";

const PASSED_HEADERS = ["requestid", "x-request-id", "retry-after"];
/** Bound on an answer's body, so that a hostile upstream cannot make the Worker buffer forever. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** `{ response, requestId }` for the browser. */
export async function forward(method, url, accept, apiKey) {
  const headers = { authorization: `Bearer ${apiKey}` };
  if (accept && accept.length <= 256) headers.accept = accept;
  let upstream;
  try {
    upstream = await fetch(url, { method, headers, redirect: "manual", signal: AbortSignal.timeout(65_000) });
  } catch {
    return { response: apiError(502, "the control plane could not be reached"), requestId: null };
  }
  const requestId = headerValue(upstream, "requestid") ?? headerValue(upstream, "x-request-id");
  if (upstream.status >= 300 && upstream.status < 400) {
    await upstream.body?.cancel();
    return { response: apiError(502, `the control plane answered with a redirect (HTTP ${upstream.status}), which is not followed`), requestId };
  }
  const body = await upstream.arrayBuffer().catch(() => null);
  if (body === null || body.byteLength > MAX_ANSWER_BYTES) return { response: apiError(502, "the control plane's answer could not be read"), requestId };
  const text = new TextDecoder().decode(body);
  if (text.includes(apiKey) || PASSED_HEADERS.some((name) => headerValue(upstream, name)?.includes(apiKey))) {
    return { response: apiError(502, "the control plane's answer held the API key and was withheld"), requestId };
  }
  const out = new Headers({ "cache-control": "no-store", "x-content-type-options": "nosniff" });
  // JSON as JSON; anything else (a gateway's HTML page) as plain text, so it never renders here.
  const type = upstream.headers.get("content-type") ?? "";
  out.set("content-type", /^application\/json\b/i.test(type) ? type : "text/plain; charset=utf-8");
  for (const name of PASSED_HEADERS) {
    const value = headerValue(upstream, name);
    if (value !== null) out.set(name, value);
  }
  const empty = [204, 205, 304].includes(upstream.status);
  return { response: new Response(empty ? null : body, { status: upstream.status, headers: out }), requestId };
}

/** A header's value when it is short and printable ASCII; otherwise null. */
function headerValue(response, name) {
  const value = response.headers.get(name);
  return value !== null && value.length <= 200 && /^[\x20-\x7e]*$/.test(value) ? value : null;
}
