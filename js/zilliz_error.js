/**
 * Every failure of zilliz-cloud-wasm rejects with a ZillizError.
 * Its fields are documented in index.d.ts; none of them ever holds the API key.
 */
export class ZillizError extends Error {
  constructor(message, kind, code, status, requestId, retryable, attempts, maybeDropped, option = null) {
    super(message);
    this.name = "ZillizError";
    this.kind = kind;
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.retryable = retryable;
    this.attempts = attempts;
    this.maybeDropped = maybeDropped;
    this.option = option;
  }
}
