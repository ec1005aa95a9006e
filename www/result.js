// The outcome of a call: a title, advice and the details a person can quote to support.
import { KINDS } from "./copy.js";
import { $, announce, bringIntoView, detail, el } from "./dom.js";

export class ResultView {
  clear() {
    const result = $("result");
    result.hidden = true;
    result.removeAttribute("data-outcome");
    result.removeAttribute("data-kind");
  }

  #show(outcome, title, advice, details, spoken) {
    const result = $("result");
    result.dataset.outcome = outcome;
    $("result-title").textContent = title;
    $("result-advice").replaceChildren(...advice);
    $("result-details").replaceChildren(...details.flat());
    result.hidden = false;
    announce(spoken);
    bringIntoView(result, $("result-title"));
  }

  /** A call that succeeded: `title`, what happened in the page's own words, and details (among
   *  them the server's prompt, quoted as the server's). */
  success(title, summary, details, spoken) {
    this.#show("success", title, [el("span", { text: summary, attrs: { id: "result-summary" } })], details, spoken);
  }

  /** A call that failed with `err` (a ZillizError, or anything else thrown). */
  failure(err, what) {
    if (!err || typeof err.kind !== "string") {
      this.#show("error", "Unexpected error", [String(err?.message ?? err)], [], `${what} failed with an unexpected error.`);
      return;
    }
    let [title, advice] = KINDS[err.kind] ?? ["The call failed", "Read the code and message below."];
    const parts = [advice];
    if (err.maybeDropped) {
      // Not a plain "not found": an earlier attempt of this drop most likely dropped the cluster.
      title = "Probably dropped by an earlier attempt";
      parts.splice(0, 1, "An earlier attempt of this drop got no clear answer (a timeout, a network failure or a server error) and most likely dropped the cluster.");
      parts.push(el("span", { className: "maybe-dropped", attrs: { id: "result-maybe-dropped" } }, [
        el("strong", { text: "Probably dropped already. " }), "The page now checks whether it is gone.",
      ]));
    }
    this.#show("error", title, parts, [
      detail("result-kind", "Kind", err.kind, { code: true }),
      detail("result-code", "Code", err.code, { code: true }),
      detail("result-status", "HTTP status", err.status),
      detail("result-message", "Message", err.message),
      detail("result-requestId", "Request ID", err.requestId, { code: true }),
      detail("result-attempts", "Attempts", err.attempts),
    ], `${what}: ${title}.`);
    $("result").dataset.kind = err.kind;
  }
}
