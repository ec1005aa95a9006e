// The mock's scenario panel, loaded with import() only when the mock serves the page: each
// scenario scripts the mock's control surface (it answers this page's own origin only) before
// the next drop, so that every outcome the package handles can be seen from the page.
import { $, el } from "./dom.js";

const JSON_429 = { code: 429, message: "Too many requests, please try again later." };
// A guarded drop describes the cluster first: this lets that describe through, so that the
// faults after it meet the DELETE.
const DESCRIBE = { delayMs: 0 };

const SCENARIOS = [
  { id: "none", label: "Normal", text: "The mock answers as the control plane would.", faults: [] },
  { id: "renamed", label: "Renamed before the drop",
    text: "The cluster is renamed after you confirmed it and before the drop: the guard sees another name and sends no DELETE.",
    rename: true, faults: [] },
  { id: "rate-limited", label: "Rate limited twice, then success",
    text: "Two answers of 429 with Retry-After: 3, then the drop goes through.",
    faults: [DESCRIBE, { status: 429, headers: { "retry-after": "3" }, json: JSON_429, count: 2 }] },
  { id: "slow-drop", label: "A slow drop, timed out and retried",
    text: "The first DELETE is answered after 1.55 s but this call waits only 1.5 s: the retry finds the cluster gone, most likely dropped by that first attempt.",
    faults: [DESCRIBE, { delayMs: 1550 }], call: { timeoutMs: 1500 } },
  { id: "unavailable", label: "Two 503s, then success",
    text: "The control plane fails twice with HTTP 503, then the drop goes through.",
    faults: [DESCRIBE, { status: 503, json: { code: 503, message: "Service unavailable" }, count: 2 }] },
  { id: "gateway-html", label: "A gateway's HTML page",
    text: "A gateway answers every DELETE with its own HTML error page (HTTP 502): the outcome is unknown until the page looks.",
    faults: [DESCRIBE, { action: "html", count: 3 }] },
  { id: "reset", label: "A reset connection",
    text: "The connection is reset in the middle of every DELETE's answer: the outcome is unknown until the page looks.",
    faults: [DESCRIBE, { action: "reset_mid_body", count: 3 }] },
  { id: "slow-deletion", label: "A deletion that takes long",
    text: "The mock keeps the dropped cluster DELETING for 10 minutes, and the page waits at most 6 s for it to go.",
    config: { deletingMs: 600_000 }, wait: { maxWaitMs: 6000 }, faults: [] },
  { id: "long-resume", label: "A resume that takes long", on: "resume",
    text: "The mock keeps the resumed cluster RESUMING for 10 minutes, and the page waits at most 6 s for it to run.",
    config: { transitionMs: 600_000 }, wait: { maxWaitMs: 6000 }, faults: [] },
  { id: "dropped-while-resuming", label: "Dropped while you wait for it to resume", on: "resume",
    text: "The cluster stays RESUMING; 1.5 s after the resume someone else drops it: the wait ends at once, it will not run.",
    config: { transitionMs: 600_000, deletingMs: 600_000 }, dropAfterMs: 1500, faults: [] },
  { id: "permission", label: "A permission error",
    text: "The control plane refuses: this key may not drop the cluster (HTTP 403, code 96013).",
    faults: [DESCRIBE, { status: 403, json: { code: 96013, message: "No permission to operate on this cluster." } }] },
];

/** The fields of a cluster the mock keeps as its record. */
const RECORD = ["clusterId", "clusterName", "plan", "status", "regionId", "createTime", "cuType", "cuSize", "description"];

async function control(method, path, body) {
  const res = await fetch(`/__mock/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`the mock refused ${path}: HTTP ${res.status}`);
  return res.json();
}

/** The scenario panel, once the mock's own settings are known. */
export async function scenarioPanel() {
  return new Scenarios(await control("GET", "config"));
}

export class Scenarios {
  #timing;
  #configChanged = false;

  /** `config` is the mock's own (GET /__mock/config), restored before each scenario. */
  constructor(config) {
    this.#timing = { deletingMs: config.deletingMs, transitionMs: config.transitionMs };
    const box = el("div", { className: "choices", attrs: { id: "scenario-choices" } }, SCENARIOS.map((s) => {
      const input = el("input", { attrs: { type: "radio", name: "scenario", value: s.id, id: `scenario-${s.id}` } });
      input.checked = s.id === "none";
      return el("label", { className: "choice" }, [
        input,
        el("span", {}, [el("strong", { text: s.label }), " ", el("span", { text: s.text, className: "muted scenario-text" })]),
      ]);
    }));
    $("scenarios").replaceChildren(
      el("legend", {}, ["Scenario for the next drop or resume ", el("span", { text: "(mock only)", className: "muted" })]),
      el("p", { text: "The mock misbehaves as chosen, for the next drop (or, where it says so, the next resume) only.", className: "hint", attrs: { id: "scenarios-intro" } }),
      box,
    );
    $("scenarios").hidden = false;
  }

  /**
   * Scripts the mock for the chosen scenario, when it is one for this `action` ("drop" unless it
   * says otherwise), then resets the choice. Gives the call's extra options (`call`), the wait's
   * (`wait`), and what happens meanwhile (`during(cluster)`, after the call succeeded).
   */
  async before(cluster, action = "drop") {
    const id = document.querySelector('input[name="scenario"]:checked')?.value ?? "none";
    let scenario = SCENARIOS.find((s) => s.id === id) ?? SCENARIOS[0];
    // A scenario for another action waits for it, chosen; this call runs as Normal.
    if ((scenario.on ?? "drop") !== action && scenario.id !== "none") scenario = SCENARIOS[0];
    else $("scenario-none").checked = true;
    // "Normal" leaves the mock as it is, but for what an earlier scenario changed.
    if (this.#configChanged) await control("POST", "config", this.#timing);
    this.#configChanged = Boolean(scenario.config);
    if (scenario.id === "none") return { call: {}, wait: {} };
    await control("DELETE", "faults");
    if (scenario.config) await control("POST", "config", scenario.config);
    if (scenario.rename) {
      const record = Object.fromEntries(RECORD.filter((k) => cluster[k] !== undefined).map((k) => [k, cluster[k]]));
      await control("POST", "clusters", { clusters: [{ ...record, clusterName: `${cluster.clusterName}-renamed` }] });
    }
    if (scenario.faults.length) await control("POST", "faults", scenario.faults);
    const during = scenario.dropAfterMs === undefined ? undefined
      : (c) => setTimeout(() => control("POST", "drop", { ids: [c.clusterId] }).catch(() => {}), scenario.dropAfterMs);
    return { call: scenario.call ?? {}, wait: scenario.wait ?? {}, during };
  }
}
