// The mechanics of one HTTP attempt, for src/transport/mod.rs only.
//
// They live in JavaScript because every JS↔wasm crossing costs time and
// glue: done from Rust, an attempt crossed the boundary for each property,
// header, chunk and callback. Here it is one call and one promise. What is
// sent, the limits, and what the outcome means are decided in Rust (the
// request and the facts below are src/core's); this only observes.

/**
 * A client's request, as src/core's RequestTemplate says, made once per
 * client: `heads` are the response headers to report, `limit` the body's.
 */
export function template(fetchFn, accept, authorization, redirect, responseHeaders, limit) {
  return { fetchFn, headers: { authorization, accept }, redirect, heads: responseHeaders.split("\n"), limit };
}

/**
 * Starts one attempt of `method` on `url`: `{ promise, cancel }`. The promise resolves (never
 * rejects) to the facts of the attempt, every member set: `status` once the
 * headers arrived; `timedOut`, `aborted` (the caller's signal), `tooLarge`,
 * `error` (what fetch or the body threw); the body as `json`, or
 * `bodyEmpty` / `bodyInvalid`. `cancel()` (Rust drops the call) aborts the
 * request and clears the deadline.
 */
export function attempt(request, method, url, timeoutMs, signal) {
  let controller;
  try {
    controller = new AbortController();
  } catch {
    const out = facts();
    out.error = "AbortController is not available in this runtime";
    return settled(out);
  }
  const box = timebox(timeoutMs, signal, controller);
  const cancel = () => {
    box.done();
    controller.abort();
  };
  return { promise: run(request, method, url, signal, controller, box), cancel };
}

/** The outcome's booleans as bits, read by Rust in one crossing (src/transport/body.rs). */
export function flags(out) {
  return out.opaqueRedirect | (out.timedOut << 1) | (out.aborted << 2) | (out.tooLarge << 3) | (out.bodyEmpty << 4) | (out.bodyInvalid << 5);
}

/** Fresh facts of an attempt that has seen nothing yet (a literal: one shape for every outcome). */
function facts() {
  return {
    status: undefined, opaqueRedirect: false, headers: "", timedOut: false, aborted: false,
    tooLarge: false, error: undefined, bodyEmpty: false, bodyInvalid: false, json: undefined,
  };
}

const settled = (out) => ({ promise: Promise.resolve(out), cancel() {} });

async function run(request, method, url, signal, controller, box) {
  const { fetchFn, headers: sent, redirect, heads, limit } = request;
  const out = facts();
  if (isAborted(signal)) {
    box.done();
    out.aborted = true;
    return out;
  }
  if (!fetchFn && typeof globalThis.fetch != "function") {
    box.done();
    out.error = "no fetch function in this runtime";
    return out;
  }
  // A fresh headers object each time: a custom fetch may keep or change what it is given. A
  // client without a key (behind a proxy that adds its own) sends no Authorization at all.
  const headers = sent.authorization ? { authorization: sent.authorization, accept: sent.accept } : { accept: sent.accept };
  const init = { method, headers, redirect, signal: controller.signal };
  try {
    // The caller's fetch is called unbound; the global one on its global.
    const response = await box.race(fetchFn ? fetchFn(url, init) : globalThis.fetch(url, init));
    const status = response?.status;
    if (typeof status != "number") return out;
    const headers = response.headers;
    out.status = status;
    out.opaqueRedirect = response.type == "opaqueredirect";
    // One per line: one string to cross into wasm.
    out.headers = heads.map((name) => header(headers, name)?.replace(/[\r\n]/g, " ") ?? "").join("\n");
    const text = await readBody(response, headers, box, limit);
    if (text === null) {
      out.tooLarge = true;
    } else if (!text.trim()) {
      out.bodyEmpty = true;
    } else {
      try {
        out.json = JSON.parse(text);
      } catch {
        out.bodyInvalid = true;
      }
    }
  } catch (e) {
    const fired = box.fired();
    if (fired == "timeout") out.timedOut = true;
    else if (fired == "abort") out.aborted = true;
    else out.error = describe(e);
  } finally {
    box.done();
  }
  // Drops the connection of a body left unread (too large, stalled, reset).
  if (out.timedOut || out.aborted || out.tooLarge || out.error !== undefined) controller.abort();
  return out;
}

/** Whether the caller's signal has fired; a signal whose getter throws has not. */
function isAborted(signal) {
  try {
    return signal?.aborted === true;
  } catch {
    return false;
  }
}

/**
 * Waits `ms`: `{ promise, cancel }`; the promise resolves to false if
 * `signal` aborts first. `cancel()` (Rust drops the call) clears the timer.
 */
export function sleep(ms, signal) {
  let stop;
  const promise = new Promise((resolve) => {
    if (isAborted(signal)) return resolve(false);
    stop = () => {
      clearTimeout(timer);
      listen(signal, "removeEventListener", stop);
      resolve(false);
    };
    const timer = setTimeout(() => {
      listen(signal, "removeEventListener", stop);
      resolve(!isAborted(signal));
    }, ms);
    listen(signal, "addEventListener", stop);
  });
  return { promise, cancel: () => stop?.() };
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
 * call. Either firing aborts the request's controller.
 */
function timebox(ms, signal, controller) {
  let fired;
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
  const onAbort = trip("abort");
  const timer = setTimeout(trip("timeout"), ms);
  const done = () => {
    clearTimeout(timer);
    listen(signal, "removeEventListener", onAbort);
  };
  listen(signal, "addEventListener", onAbort);
  return { race: (work) => Promise.race([work, tripped]), fired: () => fired, done };
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
 * A UTF-8 byte order mark is dropped; a body that is not UTF-8 becomes a
 * NUL, so that it fails to parse.
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
    return utf8Length(text, limit) > limit ? null : text.replace(/^\uFEFF/, "");
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
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
