/** One control-plane endpoint the package calls. */
export interface Endpoint {
  readonly name: "list" | "describe" | "drop" | "suspend" | "resume";
  readonly method: "GET" | "DELETE" | "POST";
  /** The path after the base URL; `{clusterId}` stands for one path segment. */
  readonly path: string;
  /** The integer query parameters it takes (list: pageSize, currentPage). */
  readonly query: readonly string[];
}

/** Every endpoint the package calls, and nothing else: a proxy's allowlist. */
export declare const endpoints: readonly Endpoint[];

/** What a `{clusterId}` may be: letters, digits, '-' and '_', 1 to 128 characters. */
export declare const clusterIdPattern: RegExp;
