// The confirmation: a modal <dialog> that shows the cluster, says plainly what a drop loses,
// offers Suspend for a running Dedicated cluster, and enables Drop only when the cluster's name
// is typed exactly (never for a protected cluster, reached through a look-up by ID). open() resolves to "drop", "suspend" or "cancel" ("replaced" when another
// open() came first).
import { keptInRecycleBin } from "zilliz-cloud-wasm";
import { dropFate } from "./copy.js";
import { $, detail } from "./dom.js";
import { GOING } from "./clusters.js";

export class DropDialog {
  #dialog = $("drop-dialog");
  #name = $("confirm-name");
  #cluster = null;
  #protectedBy = null;
  #settle = null;

  constructor() {
    this.#name.addEventListener("input", () => this.#update());
    $("dialog-form").addEventListener("submit", (event) => {
      event.preventDefault();
      if (this.#matches()) this.#close("drop");
    });
    $("dialog-cancel").addEventListener("click", () => this.#close("cancel"));
    $("dialog-suspend-button").addEventListener("click", () => this.#close("suspend"));
    // Escape: the "cancel" event comes at once, the "close" event in a later task, when the
    // dialog may already be open again for the next cluster: that late event must not close it.
    this.#dialog.addEventListener("cancel", () => this.#close("cancel"));
    this.#dialog.addEventListener("close", () => {
      if (!this.#dialog.open) this.#close("cancel");
    });
    // Focus stays in the dialog: Tab from its last control goes to its first, and back.
    this.#dialog.addEventListener("keydown", (event) => {
      if (event.key !== "Tab") return;
      const stops = [...this.#dialog.querySelectorAll("button, input")].filter((e) => !e.disabled && e.offsetParent !== null);
      const [first, last] = [stops[0], stops.at(-1)];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    });
  }

  get isOpen() {
    return this.#dialog.open;
  }

  /** Shows `cluster` and waits for the person's choice; `pattern`: the Protected names pattern
   *  that protects it, if one does (then it cannot be dropped from here). */
  open(cluster, pattern = null) {
    this.#settle?.("replaced");
    this.#cluster = cluster;
    this.#protectedBy = pattern;
    const { clusterId, clusterName, plan, status, regionId } = cluster;
    const kept = keptInRecycleBin(cluster);
    const going = GOING.has(status);
    const locked = going || pattern !== null;
    $("dialog-title").textContent = `Drop ${clusterName || clusterId}?`;
    $("dialog-details").replaceChildren(
      ...detail("dialog-cluster-name", "Name", clusterName),
      ...detail("dialog-cluster-id", "Cluster ID", clusterId, { code: true }),
      ...detail("dialog-plan", "Plan", plan),
      ...detail("dialog-status", "Status", status),
      ...detail("dialog-region", "Region", regionId),
    );
    const warning = $("dialog-warning");
    warning.dataset.kept = String(kept);
    warning.textContent = going ? `This cluster is already ${status}: it cannot be dropped again.`
      : pattern !== null ? `This cluster is protected by the pattern ${pattern} (Protected names): it cannot be dropped from this page.`
        : dropFate(kept, plan);
    $("dialog-suspend").hidden = !(kept && status === "RUNNING");
    $("dialog-name").textContent = clusterName;
    $("field-confirm").hidden = locked;
    this.#name.value = "";
    this.#update();
    this.#dialog.showModal();
    (locked ? $("dialog-cancel") : this.#name).focus();
    return new Promise((resolve) => (this.#settle = resolve));
  }

  #matches() {
    const name = this.#cluster?.clusterName;
    return Boolean(name) && !GOING.has(this.#cluster.status) && this.#protectedBy === null && this.#name.value === name;
  }

  #update() {
    const ok = this.#matches();
    $("dialog-drop").disabled = !ok;
    const state = $("confirm-state");
    let text = "Drop stays disabled until the name matches exactly.";
    if (ok) text = "The name matches: Drop is enabled.";
    else if (this.#name.value !== "") text = "The name does not match yet.";
    if (state.textContent !== text) state.textContent = text;
    state.classList.toggle("ok", ok);
  }

  #close(choice) {
    if (!this.#settle) return;
    const settle = this.#settle;
    this.#settle = null;
    if (this.#dialog.open) this.#dialog.close();
    settle(choice);
  }
}
