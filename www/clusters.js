// The list of the key's clusters: loading, empty and error states, one row per cluster with
// what can be done to it. It only shows; the controller decides (bindDrop, bindResume).
import { keptInRecycleBin } from "zilliz-cloud-wasm";
import { createdDate } from "./copy.js";
import { $, el } from "./dom.js";

/** Statuses in which a drop was already made: the cluster cannot be dropped again. */
export const GOING = new Set(["DELETING", "DELETED"]);

export class ClusterList {
  #handlers = { drop: () => {}, resume: () => {} };
  #byId = new Map();

  constructor() {
    $("cluster-rows").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      const cluster = button && this.#byId.get(button.dataset.id);
      if (cluster) this.#handlers[button.dataset.action](cluster);
    });
  }

  bindDrop(handler) { this.#handlers.drop = handler; }
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

  render(clusters) {
    $("clusters").setAttribute("aria-busy", "false");
    $("refresh").hidden = false;
    this.#byId = new Map(clusters.map((c) => [c.clusterId, c]));
    $("cluster-rows").replaceChildren(...clusters.map(row));
    $("cluster-table").hidden = clusters.length === 0;
    if (clusters.length === 0) this.#state("empty", "This key's project has no clusters.");
    else this.#state("ready", `${clusters.length} cluster${clusters.length === 1 ? "" : "s"}.`);
  }

  /** The Drop button of a listed cluster, to give focus back to after a dialog. */
  dropButton(clusterId) {
    return $("cluster-rows").querySelector(`button[data-action="drop"][data-id="${CSS.escape(clusterId)}"]`);
  }
}

function row(cluster) {
  const { clusterId, clusterName, plan, status, regionId, createTime } = cluster;
  const name = el("td", { attrs: { "data-label": "Name" } }, [
    el("strong", { text: clusterName || "(no name)" }), el("br"), el("code", { text: clusterId, className: "muted" }),
  ]);
  const planCell = el("td", { attrs: { "data-label": "Plan" } }, [
    plan, el("span", { text: keptInRecycleBin(cluster) ? "" : " · no recycle bin", className: "muted" }),
  ]);
  const actions = el("td", { className: "row-actions", attrs: { "data-label": "Actions" } });
  if (GOING.has(status)) {
    actions.append(el("span", { text: status === "DELETING" ? "Being dropped" : "Dropped", className: "muted" }));
  } else {
    if (status === "SUSPENDED") actions.append(action("resume", cluster));
    actions.append(action("drop", cluster));
  }
  return el("tr", { attrs: { "data-id": clusterId, "data-status": status } }, [
    name,
    planCell,
    el("td", { attrs: { "data-label": "Status" } }, [el("span", { text: status, className: `badge badge-${status.toLowerCase()}` })]),
    el("td", { text: regionId, attrs: { "data-label": "Region" } }),
    el("td", { text: createdDate(createTime), attrs: { "data-label": "Created" } }),
    actions,
  ]);
}

/** A row's button: "Drop…" opens the confirmation, "Resume" acts at once. */
function action(kind, cluster) {
  const name = cluster.clusterName || cluster.clusterId;
  const [text, label, className] = kind === "drop"
    ? ["Drop…", `Drop ${name}…`, "danger-outline small"]
    : ["Resume", `Resume ${name}`, "secondary small"];
  return el("button", { text, className, attrs: { type: "button", "data-action": kind, "data-id": cluster.clusterId, "aria-label": label } });
}
