// The small runner of the drivers that run in a process of their own (cleanup-worker.mjs,
// console-proxy.mjs): named checks that assert values, and the "@@RESULT" line run.mjs reads.

/** `check(name, fn)` runs `before()` then `fn()` and records the outcome; `finish(runtime)`
 *  prints the result line. */
export function checks({ before = async () => {} } = {}) {
  const results = [];
  return {
    async check(name, fn) {
      const started = Date.now();
      try {
        await before();
        await fn();
        results.push({ name, ok: true, ms: Date.now() - started });
      } catch (err) {
        results.push({ name, ok: false, ms: Date.now() - started, error: String(err?.stack ?? err).slice(0, 2000) });
      }
    },
    finish(runtime) {
      const passed = results.filter((r) => r.ok).length;
      console.log("@@RESULT " + JSON.stringify({ passed, failed: results.length - passed, results, runtime }));
    },
  };
}

/** Equal as JSON, or an error naming `what`. */
export function equal(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** The JSON lines a Worker printed (its log), in order; everything else it printed left out. */
export function jsonLines(output) {
  return output.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}

export function assert(ok, what) {
  if (!ok) throw new Error(what);
}
