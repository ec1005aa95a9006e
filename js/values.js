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

/** What `waitUntilDropped` resolves to. */
export function droppedResult(clusterId, seen, polls, elapsedMs) {
  return { clusterId, seen, polls, elapsedMs };
}
