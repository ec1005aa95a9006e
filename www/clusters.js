// The list of the key's clusters: loading, empty and error states, one row per cluster with
// what can be done to it. It only shows; the controller decides (bindDrop, bindSuspend,
// bindResume). A wait after a drop, a suspend or a resume shows in its cluster's row: the row's
// status follows what the checks see, and the wait's own section sits just under the row.
import { keptInRecycleBin } from "zilliz-cloud-wasm";
import { createdDate } from "./copy.js";
import { $, el } from "./dom.js";

/** Statuses in which a drop was already made: the cluster cannot be dropped again. */
export const GOING = new Set(["DELETING", "DELETED"]);

const LOCK = "M5 7V5a3 3 0 0 1 6 0v2h1v7H4V7h1zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2z";

export class ClusterList {
  #handlers = { drop: () => {}, suspend: () => {}, resume: () => {} };
  #byId = new Map();
  /** The cluster whose row holds the wait section, if any. */
  #waitFor = null;
  /** Where the wait section lives when no row holds it. */
  #waitHome = document.createComment("wait");

  constructor() {
    $("cluster-rows").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      const cluster = button && this.#byId.get(button.dataset.id);
      if (cluster) this.#handlers[button.dataset.action](cluster);
    });
    $("wait").before(this.#waitHome);
  }

  bindDrop(handler) { this.#handlers.drop = handler; }
  bindSuspend(handler) { this.#handlers.suspend = handler; }
  bindResume(handler) { this.#handlers.resume = handler; }

  #state(state, text) {
    const line = $("clusters-state");
    line.dataset.state = state;
    line.className = state === "error" ? "notice error" : "notice";
    line.replaceChildren(...(Array.isArray(text) ? text : [text]));
    line.hidden = false;
  }

  loading() {
    this.#state("loading", "Loading the clusters…");
    $("clusters").setAttribute("aria-busy", "true");
  }

  /** A failed list: what happened and what to do, in the list's place. */
  failed(title, advice) {
    $("clusters").setAttribute("aria-busy", "false");
    $("cluster-table").hidden = true;
    this.#state("error", [el("strong", { text: title }), ` ${advice}`]);
  }

  /** `protectedBy(cluster)`: the pattern that protects it, or null. */
  render(clusters, protectedBy = () => null) {
    $("clusters").setAttribute("aria-busy", "false");
    $("refresh").hidden = false;
    this.#byId = new Map(clusters.map((c) => [c.clusterId, c]));
    // Moving the wait section would drop the focus inside it (its title, after a wait): kept.
    const focused = $("wait").contains(document.activeElement) ? document.activeElement : null;
    this.#waitHome.after($("wait"));
    $("cluster-rows").replaceChildren(...clusters.map((c) => row(c, protectedBy(c))));
    if (this.#waitFor) this.holdWait(this.#waitFor);
    focused?.focus({ preventScroll: true });
    $("cluster-table").hidden = clusters.length === 0;
    if (clusters.length === 0) this.#state("empty", "This key's project has no clusters.");
    else this.#state("ready", `${clusters.length} cluster${clusters.length === 1 ? "" : "s"}.`);
  }

  /** The Drop button of a listed cluster, to give focus back to after a dialog. */
  dropButton(clusterId) {
    return $("cluster-rows").querySelector(`button[data-action="drop"][data-id="${CSS.escape(clusterId)}"]`);
  }

  #row(clusterId) {
    return $("cluster-rows").querySelector(`tr[data-id="${CSS.escape(clusterId)}"]`);
  }

  /** Puts the wait section under this cluster's row (and keeps it there when the list is shown
   *  again); where the cluster is not listed, the section stays under the list. */
  holdWait(clusterId) {
    this.#waitFor = clusterId;
    this.#waitHome.after($("wait"));
    $("cluster-rows").querySelector(".wait-row")?.remove();
    const row = this.#row(clusterId);
    if (!row) return;
    const cell = el("td", { attrs: { colspan: "6" } }, [$("wait")]);
    row.after(el("tr", { className: "wait-row", attrs: { "data-wait-for": clusterId } }, [cell]));
  }

  /** What a check saw, in the cluster's row: its status badge follows the wait. */
  showStatus(clusterId, status) {
    const row = this.#row(clusterId);
    if (!row) return;
    row.dataset.status = status;
    const badge = row.querySelector(".badge");
    badge.textContent = status;
    badge.className = `badge badge-${status.toLowerCase().replace(/[^a-z]/g, "")}`;
  }

  /** The cluster is gone: its row says so, with nothing left to do to it. */
  showGone(clusterId, when) {
    this.showStatus(clusterId, "GONE");
    const row = this.#row(clusterId);
    row?.querySelector(".row-actions").replaceChildren(el("span", { text: `Gone at ${when}`, className: "muted" }));
  }
}

function row(cluster, pattern) {
  const { clusterId, clusterName, plan, status, regionId, createTime } = cluster;
  const name = el("td", { attrs: { "data-label": "Name" } }, [
    el("strong", { text: clusterName || "(no name)" }), el("br"), el("code", { text: clusterId, className: "muted" }),
  ]);
  const kept = keptInRecycleBin(cluster);
  const planCell = el("td", { attrs: { "data-label": "Plan" } }, [
    plan, el("span", { text: kept ? "" : " · no recycle bin", className: "muted" }),
  ]);
  const actions = el("td", { className: "row-actions", attrs: { "data-label": "Actions" } });
  if (GOING.has(status)) {
    actions.append(el("span", { text: status === "DELETING" ? "Being dropped" : "Dropped", className: "muted" }));
  } else {
    if (status === "SUSPENDED") actions.append(action("resume", cluster));
    // A protected cluster has no Drop, and so no dialog: its Suspend is here.
    if (pattern && kept && status === "RUNNING") actions.append(action("suspend", cluster));
    actions.append(pattern ? lock(cluster, pattern) : action("drop", cluster));
  }
  return el("tr", { attrs: { "data-id": clusterId, "data-status": status, ...(pattern ? { "data-protected": pattern } : {}) } }, [
    name,
    planCell,
    el("td", { attrs: { "data-label": "Status" } }, [el("span", { text: status, className: `badge badge-${status.toLowerCase()}` })]),
    el("td", { text: regionId, attrs: { "data-label": "Region" } }),
    el("td", { text: createdDate(createTime), attrs: { "data-label": "Created" } }),
    actions,
  ]);
}

/** A row's button: "Drop…" opens the confirmation, "Suspend" and "Resume" act at once. */
function action(kind, cluster) {
  const name = cluster.clusterName || cluster.clusterId;
  const [text, label, className] = {
    drop: ["Drop…", `Drop ${name}…`, "danger-outline small"],
    suspend: ["Suspend", `Suspend ${name}`, "secondary small"],
    resume: ["Resume", `Resume ${name}`, "secondary small"],
  }[kind];
  return el("button", { text, className, attrs: { type: "button", "data-action": kind, "data-id": cluster.clusterId, "aria-label": label } });
}

/** Instead of Drop: a lock and the pattern that protects the cluster. */
function lock(cluster, pattern) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", LOCK);
  svg.append(path);
  const name = cluster.clusterName || cluster.clusterId;
  return el("span", { className: "lock", attrs: { title: `Protected by the pattern ${pattern}: it cannot be dropped from this page`, "aria-label": `${name} is protected by ${pattern}`, role: "img" } }, [
    svg, el("span", { text: `Protected (${pattern})` }),
  ]);
}
