// The mechanics of one HTTP attempt, for src/transport/mod.rs only.
//
// They live in JavaScript because every JS↔wasm crossing costs time and
// glue: done from Rust, an attempt crossed the boundary for each property,
// header, chunk and callback. Here it is one call and one promise. What is
// sent, the limits, and what the outcome means are decided in Rust (the
// request and the facts below are src/core's); this only observes.

/**
 * Resolves (never rejects) to the facts of one attempt, every member set:
 * `status` once the headers arrived; `timedOut`, `aborted` (the caller's
 * signal), `tooLarge`, `error` (what fetch or the body threw); the body as
 * `json`, or `bodyEmpty` / `bodyInvalid`. `controller` aborts the request;
 * when Rust drops the call it aborts it too, and the timers are cleared.
 */
export async function attempt(fetchFn, method, url, accept, authorization, redirect, headerNames, timeoutMs, signal, controller, limit) {
  const out = {
    status: undefined, opaqueRedirect: false, headers: "", timedOut: false, aborted: false,
    tooLarge: false, error: undefined, bodyEmpty: false, bodyInvalid: false, json: undefined,
  };
  if (isAborted(signal)) return { ...out, aborted: true };
  if (!fetchFn && typeof globalThis.fetch != "function") return { ...out, error: "no fetch function in this runtime" };
  const box = timebox(timeoutMs, signal, controller);
  const init = { method, headers: { authorization, accept }, redirect, signal: controller.signal };
  try {
    // The caller's fetch is called unbound; the global one on its global.
    const response = await box.race(fetchFn ? fetchFn(url, init) : globalThis.fetch(url, init));
    const status = response?.status;
    if (typeof status != "number") return out;
    const headers = response.headers;
    out.status = status;
    out.opaqueRedirect = response.type == "opaqueredirect";
    // One per line: one string to cross into wasm.
    out.headers = headerNames.split("\n").map((name) => header(headers, name)?.replace(/[\r\n]/g, " ") ?? "").join("\n");
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

/** Waits `ms`; resolves to false if `signal` or `controller` aborts first. */
export function sleep(ms, signal, controller) {
  return new Promise((resolve) => {
    if (isAborted(signal)) return resolve(false);
    const stop = () => {
      clearTimeout(timer);
      listen(signal, "removeEventListener", stop);
      listen(controller.signal, "removeEventListener", stop);
      resolve(false);
    };
    const timer = setTimeout(() => {
      listen(signal, "removeEventListener", stop);
      listen(controller.signal, "removeEventListener", stop);
      resolve(!isAborted(signal));
    }, ms);
    listen(signal, "addEventListener", stop);
    listen(controller.signal, "addEventListener", stop);
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
 * call. Either firing aborts the request's controller; the controller
 * aborting from Rust (a dropped call) clears the deadline.
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
    listen(controller.signal, "removeEventListener", done);
  };
  listen(signal, "addEventListener", onAbort);
  listen(controller.signal, "addEventListener", done);
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
