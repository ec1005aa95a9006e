// The mechanics of one HTTP attempt, for src/transport/mod.rs only.
//
// They live in JavaScript because every JS↔wasm crossing costs time and
// glue: done from Rust, an attempt crossed the boundary for each property,
// header, chunk and callback. Here it is one call and one promise, and the
// Rust side still decides everything (the request, the limits, the kinds).

// FailureKind's numbers in mod.rs.
const TIMEOUT = 1;
const ABORTED = 2;
const NETWORK = 3;
const TOO_LARGE = 4;
// JsonError's in mod.rs.
const EMPTY = 1;
const SYNTAX = 2;
// The headers the core reads, in the order `Outcome::headers` gives them (mod.rs).
const HEADS = ["requestid", "x-request-id", "location", "retry-after", "retry-after-ms"];

/**
 * Resolves (never rejects) to an outcome: `failure` is 0 or a FailureKind;
 * `status` is set once the headers have arrived.
 */
export async function attempt(fetchFn, url, authorization, timeoutMs, signal, limit) {
  if (signal?.aborted) return { failure: ABORTED };
  if (!fetchFn && typeof globalThis.fetch != "function") {
    return { failure: NETWORK, detail: "no fetch function in this runtime" };
  }
  let controller;
  try {
    controller = new AbortController();
  } catch {
    return { failure: NETWORK, detail: "AbortController is not available" };
  }
  const box = timebox(timeoutMs, signal, controller);
  const init = {
    method: "DELETE",
    headers: { authorization, accept: "application/json" },
    // A redirect must never carry the key elsewhere: it becomes an error instead.
    redirect: "manual",
    signal: controller.signal,
  };
  let out = {};
  try {
    // The caller's fetch is called unbound; the global one on its global.
    const response = await box.race(fetchFn ? fetchFn(url, init) : globalThis.fetch(url, init));
    const status = response?.status;
    if (typeof status != "number") {
      return { failure: NETWORK, detail: "fetch resolved to something that is not a Response" };
    }
    const headers = response.headers;
    out = {
      failure: 0,
      status: response.type == "opaqueredirect" ? 0 : status,
      // One per line: one string to cross into wasm.
      headers: HEADS.map((name) => header(headers, name)?.replace(/[\r\n]/g, " ") ?? "").join("\n"),
    };
    const text = await readBody(response, headers, box, limit);
    if (text === null) {
      out.failure = TOO_LARGE;
    } else if (!text.trim()) {
      out.jsonError = EMPTY;
    } else {
      try {
        out.json = JSON.parse(text);
      } catch {
        out.jsonError = SYNTAX;
      }
    }
  } catch (e) {
    out.failure = box.fired() || NETWORK;
    if (out.failure == NETWORK) out.detail = describe(e);
  } finally {
    box.done();
  }
  // Drops the connection of a body left unread (too large, stalled, reset).
  if (out.failure) controller.abort();
  return out;
}

/** Waits `ms`; resolves to false if `signal` aborts first. */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      listen(signal, "removeEventListener", onAbort);
      resolve(!signal?.aborted);
    }, ms);
    listen(signal, "addEventListener", onAbort);
  });
}

/**
 * Adds or removes an abort listener. The signal is the caller's object: if
 * its method throws, the call goes on without the listener rather than fail.
 */
function listen(signal, method, onAbort) {
  try {
    signal?.[method]("abort", onAbort);
  } catch {
    // not listened to
  }
}

/**
 * A deadline and the caller's signal as one promise to race every await
 * against, so that a fetch or a body that ignores its signal cannot hang a
 * call. Either firing aborts the request's own controller too.
 */
function timebox(ms, signal, controller) {
  let fired = 0;
  let settle;
  const tripped = new Promise((resolve, reject) => (settle = reject));
  tripped.catch(() => {});
  const trip = (why) => () => {
    fired ||= why;
    // Settle first, so that the race ends on the box rather than on the
    // AbortError that abort() causes.
    settle();
    controller.abort();
  };
  const onAbort = trip(ABORTED);
  const timer = setTimeout(trip(TIMEOUT), ms);
  listen(signal, "addEventListener", onAbort);
  return {
    race: (work) => Promise.race([work, tripped]),
    fired: () => fired,
    done() {
      clearTimeout(timer);
      listen(signal, "removeEventListener", onAbort);
    },
  };
}

/** A header's value, or undefined for a missing one or a `headers` that is not a Headers. */
function header(headers, name) {
  try {
    const v = headers.get(name);
    return typeof v == "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The body as text, or null past `limit` bytes: a declared Content-Length
 * over it is refused before reading, and a stream is cut once it passes it.
 * A body that is not UTF-8 becomes a NUL, so that it fails to parse.
 */
async function readBody(response, headers, box, limit) {
  const declared = header(headers, "content-length");
  if (/^\s*\d+\s*$/.test(declared) && Number(declared) > limit) return null;
  let reader = null;
  try {
    const body = response.body;
    if (body && typeof body == "object") reader = body.getReader();
  } catch {
    reader = null;
  }
  if (!reader) {
    // No stream (an injected fetch's plain object, a null body): text().
    const text = typeof response.text == "function" ? await box.race(response.text()) : "";
    if (typeof text != "string") return "";
    return utf8Length(text, limit) > limit ? null : text;
  }
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let text = "";
  let size = 0;
  let valid = true;
  for (;;) {
    const chunk = await box.race(reader.read());
    if (chunk?.done !== false) break;
    const value = chunk.value instanceof Uint8Array ? chunk.value : new Uint8Array(chunk.value);
    size += value.length;
    if (size > limit) return null;
    if (valid) {
      try {
        text += decoder.decode(value, { stream: true });
      } catch {
        valid = false;
      }
    }
  }
  try {
    if (valid) return text + decoder.decode();
  } catch {
    // not UTF-8
  }
  return "\u0000";
}

function utf8Length(text, limit) {
  // A UTF-16 unit is at most 3 UTF-8 bytes: count exactly only near the limit.
  return text.length * 3 <= limit ? text.length : new TextEncoder().encode(text).length;
}

/** The runtime's words for a failed fetch, with its `cause` where it has one (Node's ECONNRESET). */
function describe(e) {
  try {
    let out = typeof e?.message == "string" ? e.message : typeof e == "string" ? e : "fetch failed";
    const cause = e?.cause;
    const why = typeof cause?.code == "string" ? cause.code : cause?.message;
    if (typeof why == "string") out += ` (${why})`;
    return out;
  } catch {
    return "fetch failed";
  }
}
