// The allowlist: exactly the package's own endpoints (zilliz-cloud-wasm/endpoints), matched on
// the raw path and query before any decoding. Whatever does not match whole is refused.
import { clusterIdPattern, endpoints } from "zilliz-cloud-wasm/endpoints";

const ID = clusterIdPattern.source.replace(/^\^|\$$/g, "");
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const routes = endpoints.map((endpoint) => ({
  endpoint,
  path: new RegExp(`^${endpoint.path.split("{clusterId}").map(escape).join(`(${ID})`)}$`),
}));
/** An integer query value as the package sends it: no sign, no leading zero, at most 9 digits. */
const INTEGER = /^(?:0|[1-9][0-9]{0,8})$/;

/** The raw path and query of a request URL, as the client sent them (nothing decoded). */
export function rawTarget(url) {
  const afterScheme = url.indexOf("//") + 2;
  const pathStart = url.indexOf("/", afterScheme);
  const rest = pathStart < 0 ? "/" : url.slice(pathStart);
  const hash = rest.indexOf("#");
  const target = hash < 0 ? rest : rest.slice(0, hash);
  const q = target.indexOf("?");
  return q < 0 ? { path: target, search: null } : { path: target.slice(0, q), search: target.slice(q + 1) };
}

/** The query's parameters, if each is one the endpoint takes, given once, as an integer. */
function parseQuery(search, allowed) {
  const query = [];
  if (search === null) return query;
  for (const part of search.split("&")) {
    const eq = part.indexOf("=");
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? null : part.slice(eq + 1);
    if (!allowed.includes(name) || value === null || !INTEGER.test(value)) return null;
    if (query.some(([seen]) => seen === name)) return null;
    query.push([name, value]);
  }
  return query;
}

/**
 * The endpoint a request calls (its method, and its raw path and query from `rawTarget`), with
 * its cluster ID and query, or null when it is not one of
 * the list: another method or path, an encoded character, a parameter unknown, repeated or not
 * an integer.
 */
export function matchRoute(method, { path, search }) {
  for (const { endpoint, path: pattern } of routes) {
    const m = pattern.exec(path);
    if (!m || method !== endpoint.method) continue;
    const query = parseQuery(search, endpoint.query);
    if (!query) return null;
    return { endpoint, clusterId: m[1] ?? null, query };
  }
  return null;
}

/** The upstream path and query of a matched route: rebuilt from what was checked, not copied. */
export function upstreamTarget(route) {
  const path = route.endpoint.path.replace("{clusterId}", route.clusterId ?? "");
  return route.query.length ? `${path}?${route.query.map(([n, v]) => `${n}=${v}`).join("&")}` : path;
}
