// The package's API: thin JS classes in front of the wasm exports, so that no input and no
// misuse can make a JS exception unwind through wasm frames (it would leak the wasm shadow
// stack, and a few thousand of them break the module for good).
//
// - Options are read here, once each and only from own properties, into a plain snapshot;
//   a getter or Proxy trap that throws, or a revoked Proxy, is caught and reported to wasm as
//   "could not be read". On a drop, an own option name the package does not know is reported
//   as `unknown`. The wasm side then reads only that snapshot, which cannot throw.
// - A freed client, a second free(), or a method called on something that is not a client
//   rejects with a ZillizError of kind "invalid_input" before anything reaches wasm.
// - Every check of a value (what it is, whether it is valid) and every decision (which page
//   comes next, which plans the recycle bin keeps) is made in Rust: this file only reads values
//   safely and hands them on. Each method is one line over `#run`.
import {
  ZillizCloud as WasmClient,
  dropCluster as wasmDropCluster,
  planKeptInRecycleBin,
} from "./zilliz_cloud_wasm.js";
import { ZillizError } from "./zilliz_error.js";

const CLIENT = ["apiKey", "protect", "region", "baseUrl", "timeoutMs", "maxRetries", "fetch", "onRetry"];
const CALL = ["signal", "timeoutMs", "maxRetries", "onRetry"];
const DROP = [...CALL, "expectName"];
const LIST = [...CALL, "pageSize", "currentPage"];
const WAIT = [...CALL, "maxWaitMs", "onPoll"];
const ONE_SHOT = [...new Set([...CLIENT, ...DROP, "clusterId"])];
const hasOwn = Object.prototype.hasOwnProperty;
/** Each method's number for wasm's `call` (src/bindings.rs, `mod method`). */
const METHOD = {
  dropCluster: 0, describeCluster: 1, listClusters: 2, clusterPage: 3,
  suspendCluster: 4, resumeCluster: 5, waitUntilDropped: 6, waitUntilSuspended: 7, waitUntilRunning: 8,
  isProtected: 9,
};
/** What isProtected reads of a cluster. */
const CLUSTER = ["clusterName", "clusterId"];
/** More patterns than `protect` takes: a longer array is copied this far, and wasm refuses it. */
const MAX_PATTERNS_READ = 101;

/** Whether `value` can be handed to wasm: a revoked Proxy throws on the first look. */
function readable(value) {
  if (value === null || (typeof value != "object" && typeof value != "function")) return true;
  try {
    Array.isArray(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The own properties `names` of `options`, each read once, in a plain object; a value that
 * could not be read is left out and named in `unreadable`. With `strict` (a drop), the first
 * own name not in `names` is named in `unknown`, so that a misspelled guard never goes unseen.
 * What is not an object is returned as it is (wasm says it must be an object); an array as an
 * empty one.
 */
function snapshot(options, names, strict = false) {
  if (options === null || (typeof options != "object" && typeof options != "function")) return options;
  try {
    if (Array.isArray(options)) return [];
  } catch {
    return { unreadable: "options" };
  }
  if (typeof options == "function") return options;
  // No prototype: a polluted Object.prototype.baseUrl must not answer for a missing option.
  const out = Object.create(null);
  for (const name of names) {
    try {
      if (!hasOwn.call(options, name)) continue;
      let value = options[name];
      // An array (protect) is copied into a plain one, each element read once, so that wasm
      // never reads a Proxy's elements; a longer one than wasm takes is cut just past it.
      if (readable(value) && Array.isArray(value)) {
        value = Array.from({ length: Math.min(value.length, MAX_PATTERNS_READ) }, (_, i) => value[i]);
      }
      if (readable(value)) out[name] = value;
      else out.unreadable ??= name;
    } catch {
      out.unreadable ??= name;
    }
  }
  if (strict) {
    try {
      out.unknown = Object.getOwnPropertyNames(options).find((name) => !names.includes(name));
    } catch {
      out.unreadable ??= "options";
    }
  }
  return out;
}

function misuse(message) {
  return new ZillizError(message, "invalid_input", null, null, null, false, 0, false);
}

/** An aborted call says why: `cause` is the signal's `reason`. */
function withCause(promise, options) {
  const signal = options && typeof options == "object" ? options.signal : undefined;
  if (signal === undefined) return promise;
  return promise.catch((err) => {
    if (err instanceof ZillizError && err.kind == "aborted") {
      try {
        err.cause = signal.reason;
      } catch {
        // a reason that cannot be read is left out
      }
    }
    throw err;
  });
}

/** Runs `start`, which calls into wasm; anything it throws becomes a rejection. */
function call(start, options) {
  try {
    return withCause(start(), options);
  } catch (err) {
    return Promise.reject(err instanceof ZillizError ? err : misuse("the call could not start"));
  }
}

/** A client for the Zilliz Cloud control plane. */
export class ZillizCloud {
  #inner;

  /** Throws a ZillizError of kind "invalid_input" for bad options. */
  constructor(options) {
    this.#inner = new WasmClient(snapshot(options, CLIENT));
  }

  /** Drops a cluster; with `expectName`, only if the cluster has exactly that name. */
  dropCluster(clusterId, options) {
    return ZillizCloud.#run(this, "dropCluster", clusterId, options, DROP, true);
  }

  /** Describes a cluster. */
  describeCluster(clusterId, options) {
    return ZillizCloud.#run(this, "describeCluster", clusterId, options, CALL);
  }

  /** One page of the key's clusters. */
  listClusters(options) {
    return ZillizCloud.#run(this, "listClusters", undefined, options, LIST);
  }

  /** Suspends a Dedicated cluster. */
  suspendCluster(clusterId, options) {
    return ZillizCloud.#run(this, "suspendCluster", clusterId, options, CALL);
  }

  /** Resumes a suspended cluster. */
  resumeCluster(clusterId, options) {
    return ZillizCloud.#run(this, "resumeCluster", clusterId, options, CALL);
  }

  /** Waits until a dropped cluster is gone (Describe: not found, or status DELETED). */
  waitUntilDropped(clusterId, options) {
    return ZillizCloud.#run(this, "waitUntilDropped", clusterId, options, WAIT);
  }

  /** Waits until a cluster is suspended (Describe: SUSPENDED or STOPPED). */
  waitUntilSuspended(clusterId, options) {
    return ZillizCloud.#run(this, "waitUntilSuspended", clusterId, options, WAIT);
  }

  /** Waits until a cluster is running (Describe: RUNNING). */
  waitUntilRunning(clusterId, options) {
    return ZillizCloud.#run(this, "waitUntilRunning", clusterId, options, WAIT);
  }

  /**
   * Whether this client's `protect` patterns refuse a drop of `cluster` (its own string
   * properties clusterName and clusterId, read safely; wasm matches them). Never throws.
   */
  isProtected(cluster) {
    try {
      if (cluster === null || typeof cluster != "object") return false;
      const own = snapshot(cluster, CLUSTER);
      // Not a client, or a freed one: `#inner` throws or is null, and the answer is false.
      // Wasm takes only strings of the two (as_string), whatever else they hold.
      return this.#inner.call(METHOD.isProtected, own.clusterId, own.clusterName) === true;
    } catch {
      return false;
    }
  }

  /**
   * Every cluster, page after page from `currentPage`, until the last page (which wasm
   * decides). `break` sends no further request; the signal aborts the page in flight.
   */
  async *clusters(options) {
    // Read once: every page is asked with the same options, only `currentPage` moves on.
    const request = snapshot(options ?? {}, LIST);
    for (;;) {
      const [page, next] = await ZillizCloud.#run(this, "clusterPage", undefined, request);
      yield* page.data.clusters;
      if (next === null) return;
      request.currentPage = next;
    }
  }

  /** Frees the client's wasm memory now instead of at garbage collection; calls in flight finish. */
  free() {
    if (this === null || typeof this != "object" || !(#inner in this)) return;
    const inner = this.#inner;
    this.#inner = null;
    inner?.free();
  }

  /**
   * Runs a method on `client`'s wasm side with a snapshot of its options (`names`); `options`
   * already snapshotted (a plain object without prototype) is passed on as it is.
   */
  static #run(client, method, clusterId, options, names, strict = false) {
    if (client === null || typeof client != "object" || !(#inner in client)) {
      return Promise.reject(misuse(`${method} was called on something that is not a ZillizCloud client`));
    }
    const inner = client.#inner;
    if (inner === null) return Promise.reject(misuse("this ZillizCloud client was freed"));
    let id = clusterId;
    let request = options ?? undefined;
    if (!readable(id)) {
      // Reported through the snapshot, which then always exists.
      id = undefined;
      request = snapshot(options ?? {}, names ?? CALL, strict);
      if (request && typeof request == "object") request.unreadable ??= "clusterId";
    } else if (request !== undefined && names) {
      request = snapshot(request, names, strict);
    }
    return call(() => inner.call(METHOD[method], id, request), request);
  }
}

/** The one-shot form: `dropCluster({ apiKey, clusterId, ...options })`. */
export function dropCluster(options) {
  const request = snapshot(options, ONE_SHOT, true);
  return call(() => wasmDropCluster(request), request);
}

/**
 * Whether a drop of this cluster can be undone from the recycle bin (Dedicated plans only):
 * reads `cluster.plan` (an own property) safely; never throws.
 */
export function keptInRecycleBin(cluster) {
  try {
    if (cluster === null || typeof cluster != "object" || !hasOwn.call(cluster, "plan")) return false;
    const plan = cluster.plan;
    return typeof plan == "string" && planKeptInRecycleBin(plan);
  } catch {
    return false;
  }
}

export { ZillizError };
