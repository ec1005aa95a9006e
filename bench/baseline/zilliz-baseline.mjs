// A plain-JavaScript implementation of the contract in ../shared/CONTRACT.md ("JavaScript API"),
// written by hand with `fetch` the way a careful person would: the reference that `make bench`
// compares zilliz-cloud-wasm against. It is not a product and is not shipped.
//
// Same API: ZillizCloud, dropCluster, ZillizError (every field, every kind), the same input
// checks before any request, the same response parsing (HTTP 200 with code != 0 included), the
// same code -> kind mapping, the request ID header, a timeout per attempt covering headers and
// body, the caller's signal, a custom fetch called unbound, `redirect: "manual"`, bodies over
// 1 MiB refused, the API key scrubbed from every error.
//
// Left out on purpose: RETRIES. `maxRetries` is validated like the package does, but every call
// makes exactly one attempt, so `attempts` is 1 (0 when refused before sending) and
// `maybeDropped` is always false. With a stub fetch that answers at once, or a mock that never
// faults, no retry would happen anyway, so the figures compare the same work.

const REGIONS = { global: "https://api.cloud.zilliz.com", cn: "https://api.cloud.zilliz.com.cn" };
const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 600_000;
const DEFAULT_MAX_RETRIES = 2;
const MAX_RETRIES = 10;
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_MESSAGE_CHARS = 1000;
const CLUSTER_ID = /^[A-Za-z0-9_-]{1,128}$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

const AUTH_CODES = new Set([80001, 80002, 21119]);
const PERMISSION_CODES = new Set([96012, 96013, 96014, 96015, 96016, 96027, 40022]);
const NOT_FOUND_CODES = new Set([96018, 80020, 40021]);
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const NO_REDIRECTS = "redirects are not followed so that the API key goes only to the configured base URL";

export class ZillizError extends Error {
  constructor(message, { kind, code = null, status = null, requestId = null, retryable = false, attempts = 0, maybeDropped = false }) {
    super(message);
    this.name = "ZillizError";
    this.kind = kind;
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.retryable = retryable;
    this.attempts = attempts;
    this.maybeDropped = maybeDropped;
  }
}

const invalid = (message) => new ZillizError(message, { kind: "invalid_input" });

function typeName(value) {
  if (value == null) return "nothing";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}

const isPlainObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

// ---- input checks (messages name the field, never repeat its value) ----

function checkApiKey(key) {
  if (key == null) throw invalid("apiKey is required");
  if (typeof key !== "string") throw invalid(`apiKey must be a string, got ${typeName(key)}`);
  let problem = null;
  if (key === "") problem = "is empty";
  else if (key.trim() === "") problem = "is only whitespace";
  else if (/[\u0000-\u001f\u007f-\u009f]/.test(key)) problem = "contains a control character";
  else if (/[^\x00-\x7f]/.test(key)) problem = "contains a non-ASCII character";
  else if (key !== key.trim()) problem = "has leading or trailing spaces";
  else if (key.length > 4096) problem = "is longer than 4096 characters";
  if (problem) throw invalid(`apiKey ${problem}`);
  return key;
}

function checkBaseUrl(raw) {
  const notUrl = "baseUrl must be an absolute http(s) URL, like https://api.cloud.zilliz.com";
  if (typeof raw !== "string") throw invalid(`baseUrl must be a string, got ${typeName(raw)}`);
  if (/[^\x21-\x7e]/.test(raw)) throw invalid("baseUrl must not contain spaces, control or non-ASCII characters");
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(notUrl);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid(notUrl);
  if (url.username || url.password) throw invalid("baseUrl must not contain credentials");
  if (raw.includes("?") || raw.includes("#")) throw invalid("baseUrl must not contain a query or fragment");
  if (/\/\.\.?(\/|$)/.test(raw.slice(url.protocol.length + 2))) throw invalid("baseUrl must not contain '.' or '..' path segments");
  return url.origin + url.pathname.replace(/\/+$/, "");
}

function checkTimeout(value) {
  if (value == null) return undefined;
  if (typeof value !== "number") throw invalid(`timeoutMs must be a number, got ${typeName(value)}`);
  if (!Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw invalid(`timeoutMs must be a positive finite number of milliseconds, at most ${MAX_TIMEOUT_MS}`);
  }
  return Math.ceil(value);
}

function checkMaxRetries(value) {
  if (value == null) return undefined;
  if (typeof value !== "number") throw invalid(`maxRetries must be a number, got ${typeName(value)}`);
  if (!Number.isInteger(value) || value < 0 || value > MAX_RETRIES) throw invalid(`maxRetries must be an integer from 0 to ${MAX_RETRIES}`);
  return value;
}

function checkClusterId(id) {
  if (id == null) throw invalid("clusterId is required");
  if (typeof id !== "string") throw invalid(`clusterId must be a string, got ${typeName(id)}`);
  if (id === "") throw invalid("clusterId is empty");
  if (id.length > 128) throw invalid("clusterId is longer than 128 characters");
  if (!CLUSTER_ID.test(id)) throw invalid("clusterId may contain only letters, digits, '-' and '_' (like in01-6183d6bac30f801)");
  return id;
}

function readClientOptions(options) {
  if (!isPlainObject(options)) throw invalid("options must be an object");
  let apiKey, region, baseUrl, timeoutMs, maxRetries, fetch;
  try {
    ({ apiKey, region, baseUrl, timeoutMs, maxRetries, fetch } = options);
  } catch {
    throw invalid("options could not be read");
  }
  apiKey = checkApiKey(apiKey);
  if (region != null && region !== "global" && region !== "cn") throw invalid('region must be "global" or "cn"');
  if (fetch != null && typeof fetch !== "function") throw invalid("fetch must be a function");
  return {
    apiKey,
    baseUrl: baseUrl == null ? REGIONS[region ?? "global"] : checkBaseUrl(baseUrl),
    timeoutMs: checkTimeout(timeoutMs) ?? DEFAULT_TIMEOUT_MS,
    maxRetries: checkMaxRetries(maxRetries) ?? DEFAULT_MAX_RETRIES,
    fetch: fetch ?? null,
  };
}

function readCallOptions(options, config) {
  if (options == null) return { timeoutMs: config.timeoutMs, signal: null };
  if (!isPlainObject(options)) throw invalid("options must be an object");
  let timeoutMs, maxRetries, signal;
  try {
    ({ timeoutMs, maxRetries, signal } = options);
  } catch {
    throw invalid("options could not be read");
  }
  if (signal != null && (typeof signal !== "object" || typeof signal.addEventListener !== "function")) {
    throw invalid("signal must be an AbortSignal");
  }
  checkMaxRetries(maxRetries); // accepted, but this baseline never retries
  return { timeoutMs: checkTimeout(timeoutMs) ?? config.timeoutMs, signal: signal ?? null };
}

// ---- the response ----

/** A header value safe to show: no control characters, trimmed, at most `max` characters. */
function cleanHeader(value, max) {
  if (typeof value !== "string") return null;
  const cleaned = value.replace(CONTROL, "").trim().slice(0, max);
  return cleaned === "" ? null : cleaned;
}

function header(response, name) {
  try {
    return cleanHeader(response.headers.get(name), 256);
  } catch {
    return null;
  }
}

function kindForCode(code) {
  if (AUTH_CODES.has(code)) return "auth";
  if (PERMISSION_CODES.has(code)) return "permission";
  if (NOT_FOUND_CODES.has(code)) return "not_found";
  return null;
}

function kindForStatus(status) {
  if (status === 401) return "auth";
  if (status === 403) return "permission";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500 && status <= 599) return "server";
  return "api";
}

function serverMessage(body, code, status) {
  const text = typeof body.message === "string" ? body.message.trim().replace(CONTROL, "").slice(0, MAX_MESSAGE_CHARS) : "";
  return `${text || "the server refused the drop"} (code ${code}, HTTP ${status})`;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const describe = (value) => (value === null ? "null" : typeName(value));

/** The parsed body on success; otherwise throws (through `fail`) the error the answer means. */
function parseResponse(head, text, fail) {
  const { status } = head;
  const error = (kind, message, code = null) => fail(message, { kind, code, status: status || null, retryable: RETRYABLE_STATUSES.has(status) });
  if (status === 0) throw error("api", `the server answered with a redirect, which is not followed so that the API key goes only to the configured base URL`);
  if (status >= 300 && status <= 399) {
    throw error("api", `the server answered HTTP ${status} redirecting to ${head.location ?? "(no location)"}; ${NO_REDIRECTS}`);
  }
  const body = parseJson(text);
  if (status >= 200 && status <= 299) {
    const decode = (reason) => error("decode", `unexpected response to the drop request (HTTP ${status}): ${reason}`);
    if (text.trim() === "") throw decode("the body is empty");
    if (body === undefined) throw decode("the body is not valid JSON");
    if (!isPlainObject(body)) throw decode(`the body is ${describe(body)}, expected an object`);
    if (!("code" in body)) throw decode('the body has no "code"');
    if (!Number.isSafeInteger(body.code)) throw decode('"code" is not an integer');
    if (body.code !== 0 && body.code !== 200) {
      throw fail(serverMessage(body, body.code, status), { kind: kindForCode(body.code) ?? "api", code: body.code, status, retryable: false });
    }
    if (body.data == null) throw decode('"data" is missing');
    if (!isPlainObject(body.data)) throw decode('"data" is not an object');
    for (const field of ["clusterId", "prompt"]) {
      const value = body.data[field];
      if (value === undefined) throw decode(`"data.${field}" is missing`);
      if (typeof value !== "string") throw decode(`"data.${field}" is ${describe(value)}, expected a string`);
    }
    return body;
  }
  // 4xx, 5xx (or an odd 1xx): the body may say why.
  const code = isPlainObject(body) && Number.isSafeInteger(body.code) ? body.code : null;
  const kind = status === 429 ? "rate_limited" : status >= 500 && status <= 599 ? "server" : (kindForCode(code) ?? kindForStatus(status));
  if (code !== null) throw error(kind, serverMessage(body, code, status), code);
  const hints = { auth: ": check the API key", permission: ": the API key lacks permission", not_found: ": not found", rate_limited: ": too many requests", server: ": the server or a gateway failed" };
  const what = text.trim() === "" ? "with an empty body" : "with a body that is not the documented JSON";
  throw error(kind, `HTTP ${status} ${what}${hints[kind] ?? ""}`);
}

// ---- one attempt ----

function redact(text, secret) {
  return secret.length >= 4 && text.includes(secret) ? text.split(secret).join("[redacted]") : text;
}

function networkDetail(err) {
  let text = (err && typeof err.message === "string" && err.message) || (typeof err === "string" && err) || "fetch failed";
  const cause = err && err.cause;
  const extra = cause && (typeof cause.code === "string" ? cause.code : typeof cause.message === "string" ? cause.message : null);
  if (extra) text += ` (${extra})`;
  return cleanHeader(text, 300) ?? "fetch failed";
}

async function send(config, clusterId, timeoutMs, signal) {
  const key = config.apiKey;
  let head = null;
  // Every error of an attempt goes through here: the key is scrubbed before the Error (and its stack) exists.
  const fail = (message, fields) =>
    new ZillizError(redact(message, key), {
      attempts: 1,
      status: head?.status || null,
      ...fields,
      requestId: head?.requestId == null ? null : redact(head.requestId, key),
    });
  const aborted = () => fail("the call was aborted by its signal", { kind: "aborted", retryable: false });
  if (signal?.aborted) throw new ZillizError("the call was aborted by its signal", { kind: "aborted" });

  const controller = new AbortController();
  let fired = null; // "timeout" | "aborted"
  let timer;
  let onAbort;
  // Settles (rejects) when the attempt's time is up or the caller aborts: every await below is
  // raced against it, so that a fetch or body that ignores its signal still cannot hang the call.
  const interrupted = new Promise((_, reject) => {
    const stop = (why) => {
      if (fired) return;
      fired = why;
      reject(new Error(why));
      controller.abort();
    };
    timer = setTimeout(stop, timeoutMs, "timeout");
    onAbort = () => stop("aborted");
    signal?.addEventListener("abort", onAbort);
  });
  interrupted.catch(() => {});
  const race = (promise) => Promise.race([promise, interrupted]);
  const failed = (err) => {
    if (fired === "aborted") return aborted();
    if (fired === "timeout") {
      return fail(`the attempt timed out after ${timeoutMs} ms${head ? " while reading the response body" : ""}`, { kind: "timeout", retryable: true });
    }
    return fail(`network error: ${networkDetail(err)}${head ? " (while reading the response body)" : ""}`, { kind: "network", retryable: true });
  };

  try {
    const url = `${config.baseUrl}/v2/clusters/${encodeURIComponent(clusterId)}/drop`;
    const init = {
      method: "DELETE",
      headers: { authorization: `Bearer ${key}`, accept: "application/json" },
      redirect: "manual", // a redirect must never carry the key elsewhere: it becomes an error
      signal: controller.signal,
    };
    let response;
    try {
      // A custom fetch is called unbound (`this` is undefined in a module); the global one on globalThis.
      const customFetch = config.fetch;
      response = await race(customFetch ? customFetch(url, init) : globalThis.fetch(url, init));
    } catch (err) {
      throw failed(err);
    }
    if (!response || typeof response.status !== "number" || typeof response.headers?.get !== "function") {
      throw fail("network error: fetch resolved to something that is not a Response", { kind: "network", retryable: true });
    }
    const status = response.type === "opaqueredirect" || response.status < 0 || response.status > 999 ? 0 : response.status;
    head = { status, requestId: header(response, "requestid") ?? header(response, "x-request-id"), location: header(response, "location") };

    const tooLarge = () => fail("the response body is larger than 1 MiB; a drop answer is a few hundred bytes", { kind: "decode", retryable: false });
    if (Number(header(response, "content-length")) > MAX_BODY_BYTES) {
      controller.abort();
      throw tooLarge();
    }
    let text;
    try {
      text = typeof response.text === "function" ? String(await race(response.text())) : "";
    } catch (err) {
      throw failed(err);
    }
    if (text.length > MAX_BODY_BYTES) throw tooLarge(); // characters, not bytes: close enough here
    return parseResponse(head, text, fail);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

// ---- the API ----

export class ZillizCloud {
  #config;

  constructor(options) {
    this.#config = readClientOptions(options);
  }

  async dropCluster(clusterId, options) {
    const { timeoutMs, signal } = readCallOptions(options, this.#config);
    return send(this.#config, checkClusterId(clusterId), timeoutMs, signal);
  }
}

/** The one-shot form: `dropCluster({ apiKey, clusterId, ...options })`. */
export async function dropCluster(options) {
  const client = new ZillizCloud(options);
  return client.dropCluster(options.clusterId, options);
}
