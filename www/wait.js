// After a drop: the checks of waitUntilDropped as they happen (the status seen, the checks made,
// the next one's countdown), Stop waiting, and what was seen in the end, and when.
import { clock, duration } from "./copy.js";
import { $, announce, bringIntoView } from "./dom.js";

export class WaitView {
  #ticker = 0;
  #name = "";

  bindStop(handler) {
    $("stop-wait").addEventListener("click", handler);
  }

  start(cluster) {
    this.#name = cluster.clusterName || cluster.clusterId;
    clearInterval(this.#ticker);
    $("wait").dataset.state = "waiting";
    $("wait-title").textContent = `Waiting until ${this.#name} is gone`;
    $("wait-status").textContent = "—";
    $("wait-polls").textContent = "0";
    $("wait-next").textContent = "now";
    $("wait-outcome").hidden = true;
    $("stop-wait").hidden = false;
    $("wait").hidden = false;
    announce(`Checking whether ${this.#name} is gone.`);
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

  /** The wait reached its limit (maxWaitMs): the last status is still what it was. */
  timedOut(status, limitMs) {
    this.#end("timeout", `${this.#name} is still ${status || "there"}: the wait's limit of ${duration(limitMs)} was reached at ${clock()}. Whether it will go is unknown; look again later.`);
  }

  /** A check after an unknown outcome shows a status no drop leaves: it was not dropped. */
  notDropped(status) {
    this.#end("not-dropped", `${this.#name} is still ${status}: the drop did not happen. You can try again.`);
  }

  stopped(status) {
    this.#end("stopped", `You stopped waiting at ${clock()}; ${this.#name} was last seen ${status || "not yet checked"}. Whether it is gone is unknown.`);
  }

  /** A check itself failed (a wrong key, a permission, the network after its retries). */
  failed(err) {
    this.#end("failed", `The checks stopped (${err.kind}: ${err.message}): whether ${this.#name} is gone is unknown.`);
  }

  hide() {
    clearInterval(this.#ticker);
    $("wait").hidden = true;
  }
}
