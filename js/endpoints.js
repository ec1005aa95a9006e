// The control plane's endpoints this package calls, as data: the rows of src/core/endpoint.rs,
// which a cargo test compares with these lines. A proxy in front of the control plane allows
// exactly these (examples/console-proxy), so the client and its proxy cannot drift apart.
const rows = [
  { name: "list", method: "GET", path: "/v2/clusters", query: ["pageSize", "currentPage"] },
  { name: "describe", method: "GET", path: "/v2/clusters/{clusterId}", query: [] },
  { name: "drop", method: "DELETE", path: "/v2/clusters/{clusterId}/drop", query: [] },
  { name: "suspend", method: "POST", path: "/v2/clusters/{clusterId}/suspend", query: [] },
  { name: "resume", method: "POST", path: "/v2/clusters/{clusterId}/resume", query: [] },
];

/** Each endpoint: its name, method, path template (`{clusterId}` is one path segment) and the
 *  integer query parameters it takes. Frozen. */
export const endpoints = Object.freeze(rows.map((row) => Object.freeze({ ...row, query: Object.freeze(row.query) })));

/** What a `{clusterId}` may be, as the package checks it before any request: letters, digits,
 *  '-' and '_', 1 to 128 characters (real IDs look like in01-6183d6bac30f801). */
export const clusterIdPattern = /^[A-Za-z0-9_-]{1,128}$/;
