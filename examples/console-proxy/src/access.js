// Who is asking: the Cloudflare Access token (Cf-Access-Jwt-Assertion), its signature checked
// against the team's keys, its audience and expiry by jose. Nothing gets past a token that fails.
import { createRemoteJWKSet, jwtVerify } from "jose";

/** jose's codes for keys that could not be had, rather than a token that failed. */
const KEYS_UNAVAILABLE = ["ERR_JWKS_TIMEOUT", "ERR_JWKS_INVALID", "ERR_JOSE_GENERIC", "ERR_UNKNOWN"];

/** One key set per certs URL for the isolate's life: jose caches the keys it fetched and fetches
 *  again only for a key ID it has not seen (Access rotates its keys). */
const keySets = new Map();
function keySet(certsUrl) {
  let keys = keySets.get(certsUrl.href);
  if (!keys) keySets.set(certsUrl.href, (keys = createRemoteJWKSet(certsUrl, { timeoutDuration: 5000 })));
  return keys;
}

/**
 * `{ user, access }` for a request that may go on (`access` "verified", or "off" when
 * ACCESS_REQUIRED is "false"), or `{ status, reason }` for one refused. Never logs or returns
 * the token.
 */
export async function identify(request, env) {
  if (env.ACCESS_REQUIRED === "false") return { user: null, access: "off" };
  let certs;
  try {
    certs = new URL(env.ACCESS_CERTS_URL);
  } catch {
    return { status: 500, reason: "ACCESS_CERTS_URL is not set to a URL (or set ACCESS_REQUIRED = \"false\" for a local run)" };
  }
  if (!env.ACCESS_AUD) return { status: 500, reason: "ACCESS_AUD is not set" };
  const token = request.headers.get("cf-access-jwt-assertion");
  if (!token) return { status: 401, reason: "no Cf-Access-Jwt-Assertion header: sign in through Cloudflare Access" };
  try {
    // Access signs with RS256; its issuer is the team domain, the certs URL's origin.
    const { payload } = await jwtVerify(token, keySet(certs), {
      audience: env.ACCESS_AUD, issuer: certs.origin, algorithms: ["RS256"], requiredClaims: ["exp"],
    });
    const user = [payload.email, payload.common_name, payload.sub].find((v) => typeof v === "string" && v) ?? null;
    return { user, access: "verified" };
  } catch (err) {
    // jose's codes name what failed (ERR_JWT_EXPIRED, ERR_JWS_SIGNATURE_VERIFICATION_FAILED, ...).
    const code = typeof err?.code === "string" ? err.code : "ERR_UNKNOWN";
    const reason = code === "ERR_JWT_CLAIM_VALIDATION_FAILED" ? `${code} (${err.claim})` : code;
    return KEYS_UNAVAILABLE.includes(code)
      ? { status: 503, reason: `the team's keys could not be fetched (${reason})` }
      : { status: 401, reason: `the Access token was refused: ${reason}` };
  }
}
