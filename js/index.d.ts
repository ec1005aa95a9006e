/** A region of Zilliz Cloud's control plane. */
export type Region = "global" | "cn";

export interface ClientOptions {
  /** Sent only as `Authorization: Bearer ...`; never logged, never in an error. */
  apiKey: string;
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
  /** Aborting rejects the call with kind "aborted", also during a wait between retries. */
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  /** Replaces the client's onRetry for this call. */
  onRetry?: (event: RetryEvent) => void;
}

/** The parsed body, as the API sent it (unknown extra fields are kept). */
export interface DropClusterResponse {
  code: 0;
  data: {
    clusterId: string;
    /** Says that the cluster went to the recycle bin for 30 days (Free clusters excepted). */
    prompt: string;
    [extra: string]: unknown;
  };
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
  | "decode";

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
   * Kind "not_found" after an earlier attempt of the same call whose outcome is
   * unknown (timeout, network failure, 5xx): that attempt probably dropped the cluster.
   */
  readonly maybeDropped: boolean;
  /** Kind "aborted": the signal's `reason` (an `AbortSignal.timeout()` gives a "TimeoutError"). */
  readonly cause?: unknown;
}

export class ZillizCloud {
  /** @throws {ZillizError} of kind "invalid_input" for bad options. */
  constructor(options: ClientOptions);
  /** Drops a cluster; rejects with a ZillizError. */
  dropCluster(clusterId: string, options?: CallOptions): Promise<DropClusterResponse>;
  /** Frees the client's wasm memory now instead of at garbage collection. */
  free(): void;
}

/** One-shot form: the same call without keeping a client. */
export function dropCluster(
  options: ClientOptions & CallOptions & { clusterId: string },
): Promise<DropClusterResponse>;
