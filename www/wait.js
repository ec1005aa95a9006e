// A wait after a drop, a suspend or a resume: the checks as they happen (the status seen, the
// checks made, the next one's countdown), Stop waiting, and what was seen in the end, and when.
// The goal ("gone", "suspended", "running") is a value: one view for the three waits.
import { clock, duration } from "./copy.js";
import { $, announce, bringIntoView } from "./dom.js";

export class WaitView {
  #ticker = 0;
  #name = "";
  #goal = "gone";

  bindStop(handler) {
    $("stop-wait").addEventListener("click", handler);
  }

  /** `goal`: what the wait is for, as the page says it ("gone", "suspended", "running"). */
  start(cluster, goal = "gone") {
    this.#name = cluster.clusterName || cluster.clusterId;
    this.#goal = goal;
    clearInterval(this.#ticker);
    $("wait").dataset.state = "waiting";
    $("wait").dataset.goal = goal;
    $("wait-title").textContent = `Waiting until ${this.#name} is ${goal}`;
    $("wait-status").textContent = "—";
    $("wait-polls").textContent = "0";
    $("wait-next").textContent = "now";
    $("wait-outcome").hidden = true;
    $("stop-wait").hidden = false;
    $("wait").hidden = false;
    announce(`Checking whether ${this.#name} is ${goal}.`);
  }

  /** The package's onPoll: a check that did not end the wait. */
  poll = (event) => {
    $("wait-status").textContent = event.status;
    $("wait-polls").textContent = String(event.polls);
    clearInterval(this.#ticker);
    const until = Date.now() + event.nextPollMs;
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      $("wait-next").textContent = left > 0 ? `in ${left} s` : "now";
    };
    tick();
    this.#ticker = setInterval(tick, 250);
  };

  #end(state, text, polls) {
    clearInterval(this.#ticker);
    $("wait").dataset.state = state;
    if (polls !== undefined) $("wait-polls").textContent = String(polls);
    $("wait-next").textContent = "—";
    $("wait-outcome").textContent = text;
    $("wait-outcome").hidden = false;
    // Focus follows unless the person has moved it elsewhere since the call ended.
    const follow = [$("stop-wait"), $("result-title"), document.body].includes(document.activeElement);
    $("stop-wait").hidden = true;
    announce(text);
    if (follow) bringIntoView($("wait"), $("wait-title"));
  }

  /** waitUntilDropped resolved: not found, or DELETED. */
  gone(dropped) {
    $("wait-status").textContent = dropped.seen === "DELETED" ? "DELETED" : "not found";
    this.#end("gone", `${this.#name} is gone: ${dropped.seen === "DELETED" ? "DELETED" : "not found"} at ${clock()}, after ${dropped.polls} check${dropped.polls === 1 ? "" : "s"}.`, dropped.polls);
  }

  /** waitUntilSuspended or waitUntilRunning resolved: the cluster got there. */
  reached(result) {
    $("wait-status").textContent = result.status;
    this.#end("reached", `${this.#name} is ${this.#goal} at ${clock()} (${result.status}, after ${result.polls} check${result.polls === 1 ? "" : "s"}).`, result.polls);
  }

  /** The wait reached its limit (maxWaitMs): the last status is still what it was. */
  timedOut(status, limitMs) {
    const unknown = this.#goal === "gone" ? "Whether it will go is unknown" : `Whether it will be ${this.#goal} is unknown`;
    this.#end("timeout", `${this.#name} is still ${status || "there"}: the wait's limit of ${duration(limitMs)} was reached at ${clock()}. ${unknown}; look again later.`);
  }

  /** A check after an unknown outcome shows a status no drop leaves: it was not dropped. */
  notDropped(status) {
    this.#end("not-dropped", `${this.#name} is still ${status}: the drop did not happen. You can try again.`);
  }

  /** A status wait ended at once: the cluster is being dropped (kind "precondition": DELETING or
   *  DELETED), or is no longer found (kind "not_found"). Either way it will never get there. */
  neverThere(kind) {
    const seen = kind === "not_found" ? "no longer exists" : "is being dropped";
    this.#end("never", `${this.#name} ${seen} (seen at ${clock()}): it will not be ${this.#goal}.`);
  }

  stopped(status) {
    this.#end("stopped", `You stopped waiting at ${clock()}; ${this.#name} was last seen ${status || "not yet checked"}. Whether it is ${this.#goal} is unknown.`);
  }

  /** A check itself failed (a wrong key, a permission, the network after its retries). */
  failed(err) {
    this.#end("failed", `The checks stopped (${err.kind}: ${err.message}): whether ${this.#name} is ${this.#goal} is unknown.`);
  }

  hide() {
    clearInterval(this.#ticker);
    $("wait").hidden = true;
  }
}
