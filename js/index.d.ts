// The libraries these declarations need beyond TypeScript's defaults (no target means ES5's
// library): clusters() is an AsyncIterable. The DOM library (fetch, AbortSignal) is in the defaults.
/// <reference lib="es2018.asynciterable" />

/** A region of Zilliz Cloud's control plane. */
export type Region = "global" | "cn";

/**
 * A client's options: with an `apiKey`, or with none and a `baseUrl` (a proxy that holds the key
 * and adds its own `Authorization`; the client then sends none).
 */
export type ClientOptions = (ClientSettings & { apiKey: string }) | (ClientSettings & { apiKey?: null; baseUrl: string });

/** Every client option but the key. */
export interface ClientSettings {
  /**
   * Deletion protection, which the service lacks: a drop of a cluster whose name or ID matches
   * one of these patterns is refused with kind "protected" (`*` stands for every run of
   * characters (none included), everything else for itself, case included: "prod-*", "*-prod",
   * "in01-6183d6bac30f801"). With no request when the ID matches; after one describe when the
   * name does. 1 to 100 patterns of 1 to 256 characters, no control characters. A drop's call
   * options cannot clear it.
   */
  protect?: string[];
  /** Default "global" (https://api.cloud.zilliz.com); "cn" is https://api.cloud.zilliz.com.cn. */
  region?: Region;
  /** An absolute http(s) URL (a proxy, a mock), with an optional path prefix; overrides `region`. */
  baseUrl?: string;
  /** Per attempt, from the request to the last byte of the body. Default 65000 (the control plane gives up after 60 s), at most 600000. */
  timeoutMs?: number;
  /** Retries of network errors, timeouts, 408, 429, 500, 502, 503 and 504. Default 2, at most 10. */
  maxRetries?: number;
  /** A custom fetch, called unbound (`this === undefined`). Default: the runtime's global fetch. */
  fetch?: typeof fetch;
  /** Called before each wait between attempts; what it throws is ignored. */
  onRetry?: (event: RetryEvent) => void;
}

/** What a retry is about to do; never holds the key. */
export interface RetryEvent {
  /** The attempt that just failed (1 = the first). */
  attempt: number;
  /** maxRetries + 1. */
  maxAttempts: number;
  /** The wait before the next attempt (backoff, or the server's Retry-After). */
  delayMs: number;
  /** Why that attempt failed. */
  error: ZillizError;
}

export interface CallOptions {
  /** Aborting rejects the call with kind "aborted", also during a wait between retries. A signal whose `aborted` cannot be read is invalid_input. */
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  /** Replaces the client's onRetry for this call. */
  onRetry?: (event: RetryEvent) => void;
}

/**
 * A drop's options. Another option name is refused with kind "invalid_input" before a
 * request, so that a misspelled guard (`expectname`) never lets a DELETE through unguarded.
 */
export interface DropOptions extends CallOptions {
  /**
   * The drop first describes the cluster and sends the DELETE only if its `clusterName` is
   * exactly this; otherwise it rejects with kind "precondition" (both names in the message) and
   * sends nothing more. A failed describe fails the drop with its error, and no DELETE.
   */
  expectName?: string;
}

/** One page of the list; each is an integer from 1 to 1000, sent only when given. */
export interface ListOptions extends CallOptions {
  pageSize?: number;
  currentPage?: number;
}

export interface WaitOptions extends CallOptions {
  /** The longest wait: an integer from 1 to 86400000 ms. Default 900000 (15 minutes). */
  maxWaitMs?: number;
  /** After each describe that did not end the wait, before the wait that follows; what it throws is ignored. */
  onPoll?: (event: PollEvent) => void;
}

/** A describe that did not end the wait. */
export interface PollEvent {
  /** Describes made so far. */
  polls: number;
  /** Milliseconds since the wait began. */
  elapsedMs: number;
  /** The status the last describe showed (e.g. "DELETING"). */
  status: string;
  /** The wait before the next describe: 1000, 2000, 4000 ... at most 30000. */
  nextPollMs: number;
}

/** What ended a wait: Describe answered not found, or a cluster whose status is DELETED. */
export interface DroppedResult {
  clusterId: string;
  seen: "not_found" | "DELETED";
  polls: number;
  elapsedMs: number;
}

/** What ended waitUntilSuspended ("SUSPENDED" or "STOPPED") or waitUntilRunning ("RUNNING"). */
export interface StatusResult {
  clusterId: string;
  status: string;
  polls: number;
  elapsedMs: number;
}

/** The parsed body of a drop, suspend or resume, as the API sent it (unknown extra fields are kept). */
export interface ClusterActionResponse {
  code: 0;
  data: {
    /** Always the cluster asked for. */
    clusterId: string;
    /** The server's words; a drop's read the same for every plan: ask keptInRecycleBin(cluster). */
    prompt: string;
    [extra: string]: unknown;
  };
  [extra: string]: unknown;
}

export type DropClusterResponse = ClusterActionResponse;

/** A cluster. `status` and `plan` are the server's strings, passed on whatever they are. */
export interface ClusterInfo {
  clusterId: string;
  clusterName: string;
  projectId: string;
  description: string;
  regionId: string;
  /** Empty for Free and Serverless clusters. */
  cuType: string;
  /** "Free", "Serverless", "Standard", "Enterprise", or another. */
  plan: string;
  /** "RUNNING", "DELETING", "SUSPENDED", ... or another. */
  status: string;
  connectAddress: string;
  privateLinkAddress: string;
  createTime: string;
  /** 0 for Free and Serverless clusters. */
  cuSize: number;
  /** Describe only. */
  storageSize?: number;
  /** Describe only. */
  snapshotNumber?: number;
  /** Describe only. */
  createProgress?: number;
  [extra: string]: unknown;
}

export interface DescribeClusterResponse {
  code: 0;
  data: ClusterInfo;
  [extra: string]: unknown;
}

/** One page, in this object form whichever documented form the server answered with. */
export interface ListClustersResponse {
  code: 0;
  data: { count: number; currentPage: number; pageSize: number; clusters: ClusterInfo[]; [extra: string]: unknown };
  [extra: string]: unknown;
}

export type ZillizErrorKind =
  | "invalid_input"
  | "auth"
  | "permission"
  | "not_found"
  | "rate_limited"
  | "server"
  | "api"
  | "network"
  | "timeout"
  | "aborted"
  | "decode"
  | "precondition"
  | "protected";

/** Every failure rejects with a ZillizError. None of its fields ever holds the API key. */
export class ZillizError extends Error {
  private constructor();
  readonly name: "ZillizError";
  readonly kind: ZillizErrorKind;
  /** The body's `code`, where a body had one. */
  readonly code: number | null;
  /** The HTTP status, where a response arrived. */
  readonly status: number | null;
  /** From the `requestid` / `x-request-id` header: quote it to support. */
  readonly requestId: string | null;
  /** Whether trying again later could succeed. */
  readonly retryable: boolean;
  /** How many HTTP attempts were made (0 for invalid_input). */
  readonly attempts: number;
  /**
   * Kind "not_found" after an earlier attempt of the same drop whose outcome is
   * unknown (timeout, network failure, 5xx): that attempt probably dropped the cluster.
   * Never set by another call.
   */
  readonly maybeDropped: boolean;
  /**
   * Kind "invalid_input": the option refused ("apiKey", "clusterId", "baseUrl", "region",
   * "expectName", ..., or an unknown option's own name), so that a form can put the error at
   * its field without reading the message; null otherwise.
   */
  readonly option: string | null;
  /** Kind "aborted": the signal's `reason` (an `AbortSignal.timeout()` gives a "TimeoutError"). */
  readonly cause?: unknown;
}

export class ZillizCloud {
  /** @throws {ZillizError} of kind "invalid_input" for bad options. */
  constructor(options: ClientOptions);
  /** Drops a cluster; rejects with a ZillizError. With `expectName`, a guarded drop. */
  dropCluster(clusterId: string, options?: DropOptions): Promise<DropClusterResponse>;
  /** Describes a cluster. */
  describeCluster(clusterId: string, options?: CallOptions): Promise<DescribeClusterResponse>;
  /** One page of the key's clusters. */
  listClusters(options?: ListOptions): Promise<ListClustersResponse>;
  /** Every cluster, page after page from `currentPage` (at most 1000 pages). */
  clusters(options?: ListOptions): AsyncIterable<ClusterInfo>;
  /** Suspends a Dedicated cluster (Free and Serverless refuse with kind "api"). */
  suspendCluster(clusterId: string, options?: CallOptions): Promise<ClusterActionResponse>;
  /** Resumes a suspended cluster. */
  resumeCluster(clusterId: string, options?: CallOptions): Promise<ClusterActionResponse>;
  /** Resolves when Describe answers not found or status DELETED; kind "timeout" past maxWaitMs. */
  waitUntilDropped(clusterId: string, options?: WaitOptions): Promise<DroppedResult>;
  /**
   * Resolves when Describe shows SUSPENDED (or STOPPED), on waitUntilDropped's schedule; rejects
   * at once when the cluster can never get there: not found (kind "not_found"), DELETING or
   * DELETED (kind "precondition").
   */
  waitUntilSuspended(clusterId: string, options?: WaitOptions): Promise<StatusResult>;
  /** As waitUntilSuspended, until Describe shows RUNNING. */
  waitUntilRunning(clusterId: string, options?: WaitOptions): Promise<StatusResult>;
  /**
   * Whether this client's `protect` patterns refuse a drop of this cluster (its own string
   * properties clusterName and clusterId); false for a client without `protect` and for
   * anything that is not such an object. Sends nothing, never throws.
   */
  isProtected(cluster: unknown): boolean;
  /** Frees the client's wasm memory now instead of at garbage collection. */
  free(): void;
}

/** One-shot form: the same call without keeping a client. */
export function dropCluster(
  options: ClientOptions & DropOptions & { clusterId: string },
): Promise<DropClusterResponse>;

/**
 * Whether a drop of this cluster can be undone from the recycle bin: true exactly when
 * `cluster.plan` is "Standard" or "Enterprise" (Dedicated). Never throws.
 */
export function keptInRecycleBin(cluster: unknown): boolean;
