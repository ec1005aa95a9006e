// The console's flow: list the key's clusters, confirm a drop by name in the dialog, drop with
// the name as its guard, then wait until the cluster is gone; suspend and resume beside it, each
// waited for too. Clusters matching the Protected names are never dropped: the package refuses
// them (its protect option), and the list shows a lock instead of Drop.
// The views only show; this decides. A client is made from the fields for each action and
// freed after it, so the key is read at the moment of the call and kept nowhere else.
import { ZillizCloud, ZillizError, keptInRecycleBin } from "zilliz-cloud-wasm";
import { KINDS, OUTCOME_UNKNOWN, changeSubmitted, clock, dropFate } from "./copy.js";
import { $, announce, detail } from "./dom.js";
import { clearFieldErrors, clientOptions, endpointLabel, protectedPatterns, showFieldError } from "./fields.js";

/** waitUntilDropped's own limit when none is given: 15 minutes. */
const DEFAULT_MAX_WAIT_MS = 900_000;

/** Statuses a drop never leaves behind: seen after an unknown outcome, the drop did not happen. */
const NOT_DROPPED = new Set(["RUNNING", "SUSPENDED", "SUSPENDING", "RESUMING"]);

/** Each lifecycle action: its verb, and the wait that follows it. */
const ACTIONS = {
  suspend: { verb: "Suspending", goal: "suspended", call: (zc, id, o) => zc.suspendCluster(id, o), wait: (zc, id, o) => zc.waitUntilSuspended(id, o) },
  resume: { verb: "Resuming", goal: "running", call: (zc, id, o) => zc.resumeCluster(id, o), wait: (zc, id, o) => zc.waitUntilRunning(id, o) },
};

/** The server's own prompt, quoted as the server's (none when it sent none). */
function serverSaid(value) {
  return value.data.prompt ? detail("result-prompt", "The control plane said", value.data.prompt) : [];
}

/**
 * Which Protected names pattern protects a cluster: one client per pattern (the package decides
 * what a pattern matches), made from the fields and freed by `free()`. `by(cluster)` gives the
 * first pattern, in the field's order, that protects it, or null.
 */
function protection() {
  const matchers = protectedPatterns().map((p) => [p, new ZillizCloud({ ...clientOptions(), protect: [p] })]);
  return {
    by: (cluster) => matchers.find(([, zc]) => zc.isProtected(cluster))?.[0] ?? null,
    free: () => matchers.forEach(([, zc]) => zc.free()),
  };
}

export class Console {
  #views;
  #scenarios = null;
  #call = null; // the running call's AbortController
  #wait = null; // the running wait's AbortController
  #listed = false;

  constructor(views) {
    this.#views = views;
    const { list, dialog, progress, wait } = views;
    $("connect-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.showClusters();
    });
    $("refresh").addEventListener("click", () => this.showClusters());
    $("lookup-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.lookUp();
    });
    list.bindDrop((cluster) => this.confirmDrop(cluster, list.dropButton(cluster.clusterId)));
    list.bindSuspend((cluster) => this.change(cluster, "suspend"));
    list.bindResume((cluster) => this.change(cluster, "resume"));
    progress.bindCancel(() => this.cancel());
    wait.bindStop(() => this.#wait?.abort());
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || dialog.isOpen) return;
      if (this.#call) this.cancel();
      else this.#wait?.abort();
    });
  }

  /** The mock's scenario panel (scenarios.js), when the mock serves the page. */
  useScenarios(scenarios) {
    this.#scenarios = scenarios;
  }

  /** A client from the fields, or null after showing why it could not be made. */
  #client(what) {
    try {
      return new ZillizCloud(clientOptions());
    } catch (err) {
      if (!showFieldError(err)) this.#views.result.failure(err, what);
      return null;
    }
  }

  /**
   * Runs `call(client, options)` as the page's one call, with progress, retries and Cancel.
   * Gives { value } or { error } with the client (the caller frees it), { refused } when the
   * fields could not make a client, and null while another call runs. A refresh keeps the
   * result of the call before it on the page.
   */
  async #run(what, text, call, { refresh = false } = {}) {
    if (this.#call || this.#wait) return null;
    if (!refresh) {
      clearFieldErrors();
      this.#views.result.clear();
    }
    const client = this.#client(what);
    if (!client) return { refused: true };
    this.#call = new AbortController();
    // The button that started the call is disabled while it runs: focus goes back to it after.
    const focused = document.activeElement;
    this.#busy(true);
    this.#views.progress.start(text, { quiet: refresh });
    try {
      return { value: await call(client, { signal: this.#call.signal, onRetry: this.#views.progress.onRetry }), client };
    } catch (error) {
      return { error, client };
    } finally {
      this.#call = null;
      this.#views.progress.stop();
      this.#busy(false);
      if (document.activeElement === document.body && focused?.isConnected) focused.focus();
    }
  }

  #busy(running) {
    for (const button of document.querySelectorAll("#connect, #lookup, #refresh, #cluster-rows button:not(#stop-wait)")) button.disabled = running;
    $("scenarios").disabled = running;
  }

  cancel() {
    if (!this.#call) return;
    this.#views.progress.cancelling();
    this.#call.abort();
  }

  async showClusters({ refresh = false } = {}) {
    const { list, result } = this.#views;
    const ran = await this.#run("The list", `Listing the clusters at ${endpointLabel()}…`, async (zc, options) => {
      list.loading();
      const clusters = [];
      for await (const cluster of zc.clusters({ pageSize: 100, ...options })) clusters.push(cluster);
      return clusters;
    }, { refresh });
    if (!ran) return;
    const { value, error, client, refused } = ran;
    client?.free();
    if (refused) return list.failed("Nothing was listed.", "Fix the highlighted field.");
    if (error) {
      if (showFieldError(error)) return list.failed("Nothing was listed.", "Fix the highlighted field.");
      const [title, advice] = KINDS[error.kind] ?? ["The list failed.", ""];
      list.failed(`${title}.`, advice);
      return result.failure(error, "The list");
    }
    this.#listed = true;
    // The client of the list was made from these fields: the patterns are good.
    const protect = protection();
    list.render(value, protect.by);
    protect.free();
    if (!refresh) announce(`${value.length} cluster${value.length === 1 ? "" : "s"} listed.`);
  }

  /** A cluster given by its ID: described first, then confirmed as a listed one. */
  async lookUp() {
    const id = $("cluster-id").value;
    const { value, error, client } = (await this.#run("The look-up", `Looking up ${id}…`, (zc, options) => zc.describeCluster(id, options))) ?? {};
    client?.free();
    if (error && !showFieldError(error)) this.#views.result.failure(error, "The look-up");
    if (!value) return;
    const protect = protection();
    const pattern = protect.by(value.data);
    protect.free();
    await this.confirmDrop(value.data, $("cluster-id"), pattern);
  }

  /** `pattern`: the Protected names pattern that protects the cluster, if one does. */
  async confirmDrop(cluster, returnFocus, pattern = null) {
    const choice = await this.#views.dialog.open(cluster, pattern);
    if (choice === "drop") await this.drop(cluster);
    else if (choice === "suspend") await this.change(cluster, "suspend");
    else if (choice === "cancel") returnFocus?.focus();
  }

  /** The guarded drop: the name the person confirmed is the drop's expectName. */
  async drop(cluster) {
    const { clusterId, clusterName } = cluster;
    const scenario = (await this.#scenarios?.before(cluster)) ?? { call: {}, wait: {} };
    const { value, error, client } = (await this.#run("The drop", `Dropping ${clusterName} (${clusterId}) at ${endpointLabel()}…`,
      (zc, options) => zc.dropCluster(clusterId, { ...options, expectName: clusterName, ...scenario.call }))) ?? {};
    const { result, progress } = this.#views;
    if (value) {
      const attempts = progress.attempts;
      // The page's own words: the drop's prompt reads the same for every plan, so only
      // keptInRecycleBin can say whether this cluster can come back.
      result.success("Cluster dropped", `The drop of ${clusterName} was accepted. ${dropFate(keptInRecycleBin(cluster), cluster.plan)}`, [
        detail("result-clusterId", "Cluster ID", value.data.clusterId, { code: true }),
        detail("result-endpoint", "Endpoint", endpointLabel()),
        detail("result-attempts", "Attempts", attempts === 1 ? "1" : `${attempts} (the first ${attempts - 1} failed and were retried)`),
        serverSaid(value),
      ], `Dropped ${clusterName}${attempts > 1 ? ` after ${attempts} attempts` : ""}.`);
    } else if (error) {
      result.failure(error, "The drop");
    }
    const unknown = error instanceof ZillizError && OUTCOME_UNKNOWN.has(error.kind);
    let gone = false;
    if (value || error?.maybeDropped || unknown) gone = await this.#waitUntilGone(client, cluster, unknown, scenario.wait);
    client?.free();
    // A cluster seen gone keeps its row, which says so, until the next refresh.
    if (this.#listed && !gone) await this.showClusters({ refresh: true });
  }

  /** Waits until the cluster is gone, in its row; resolves whether it was seen gone. */
  async #waitUntilGone(client, cluster, outcomeUnknown, options) {
    const { wait, list } = this.#views;
    let notDropped = "";
    return this.#waitIn(cluster, "gone", options, async (onPoll, signal) => {
      try {
        const dropped = await client.waitUntilDropped(cluster.clusterId, {
          ...options,
          signal,
          onPoll: (event) => {
            onPoll(event);
            if (outcomeUnknown && NOT_DROPPED.has(event.status)) {
              notDropped = event.status;
              this.#wait.abort();
            }
          },
        });
        wait.gone(dropped);
        list.showGone(cluster.clusterId, clock());
        return true;
      } catch (err) {
        if (!notDropped) throw err;
        wait.notDropped(notDropped);
        return false;
      }
    });
  }

  /**
   * Runs one wait (`run(onPoll, signal)`) shown in the cluster's row: the row's status follows
   * each check, Stop waiting aborts it, and its end is said in words. Resolves what `run` does,
   * or false when the wait ended otherwise.
   */
  async #waitIn(cluster, goal, options, run) {
    const { wait, list } = this.#views;
    this.#wait = new AbortController();
    let last = "";
    wait.start(cluster, goal);
    list.holdWait(cluster.clusterId);
    this.#busy(true);
    try {
      return await run((event) => {
        last = event.status;
        wait.poll(event);
        list.showStatus(cluster.clusterId, event.status);
      }, this.#wait.signal);
    } catch (err) {
      if (err?.kind === "aborted") wait.stopped(last);
      else if (err?.kind === "timeout") wait.timedOut(last, options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
      else if (goal !== "gone" && (err?.kind === "precondition" || err?.kind === "not_found")) wait.neverThere(err.kind);
      else wait.failed(err);
      return false;
    } finally {
      this.#wait = null;
      this.#busy(false);
    }
  }

  /** Suspend or resume: no confirmation, since neither loses data; then the wait until the
   *  cluster is there, in its row. */
  async change(cluster, action) {
    const { clusterId, clusterName } = cluster;
    const { verb, goal, call, wait } = ACTIONS[action];
    const scenario = (await this.#scenarios?.before(cluster, action)) ?? { call: {}, wait: {} };
    const { value, error, client } = (await this.#run(`The ${action}`, `${verb} ${clusterName} (${clusterId})…`,
      (zc, options) => call(zc, clusterId, options))) ?? {};
    if (value) {
      this.#views.result.success(`${verb} ${clusterName}`, changeSubmitted(action, clusterName), [
        detail("result-clusterId", "Cluster ID", value.data.clusterId, { code: true }),
        serverSaid(value),
      ], `${verb} ${clusterName}.`);
    } else if (error) {
      this.#views.result.failure(error, `The ${action}`);
    }
    if (value) {
      // The row shows where the cluster is now (SUSPENDING, RESUMING), then follows the wait.
      if (this.#listed) await this.showClusters({ refresh: true });
      scenario.during?.(cluster);
      await this.#waitIn(cluster, goal, scenario.wait, async (onPoll, signal) => {
        const reached = await wait(client, clusterId, { ...scenario.wait, signal, onPoll });
        this.#views.wait.reached(reached);
        this.#views.list.showStatus(clusterId, reached.status);
        return true;
      });
    }
    client?.free();
    if (this.#listed) await this.showClusters({ refresh: true });
  }
}
