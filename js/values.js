// The plain values the package hands to callers besides responses and errors, built here so
// that each crosses from wasm in one call (src/bindings.rs).

/** What `onRetry` receives before each wait between attempts. */
export function retryEvent(attempt, maxAttempts, delayMs, error) {
  return { attempt, maxAttempts, delayMs, error };
}

/** What `onPoll` receives after each describe that did not end a wait. */
export function pollEvent(polls, elapsedMs, status, nextPollMs) {
  return { polls, elapsedMs, status, nextPollMs };
}

/** What a wait resolves to: `member` is "seen" (waitUntilDropped) or "status" (the status waiters). */
export function waitResult(member, clusterId, seen, polls, elapsedMs) {
  return { clusterId, [member]: seen, polls, elapsedMs };
}

/**
 * A list answer in the documented object form, as src/core read it: a bare array of clusters
 * becomes `{ clusters }`, and the page's numbers are set. With `next` (a step of clusters()),
 * `[body, next]`: the page and the next page to ask for, or null.
 */
export function pageBody(body, bare, count, currentPage, pageSize, next) {
  const data = bare ? (body.data = { clusters: body.data }) : body.data;
  Object.assign(data, { count, currentPage, pageSize });
  return next === undefined ? body : [body, next];
}

/** 1 for an array, 0 for anything else, 2 when that cannot be read (a revoked Proxy throws): wasm
 *  asks this instead of Array.isArray, so that no exception can reach it. */
export function arrayKind(value) {
  try {
    return Array.isArray(value) ? 1 : 0;
  } catch {
    return 2;
  }
}
