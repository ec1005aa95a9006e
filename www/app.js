// The demo page: drops a cluster through the package, the way a web console would.
// The package is imported by name (the import map in index.html points it at /pkg/browser.js);
// importing it is enough, there is no init() call.
// The API key is read from its field at the moment of the call and kept nowhere else:
// not in storage, not in the URL, not in any log.
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

const $ = (id) => document.getElementById(id);
const form = $("drop-form");
const inputs = $("inputs");
const apiKey = $("api-key");
const baseUrl = $("base-url");
const clusterId = $("cluster-id");
const confirmId = $("confirm-id");
const confirmState = $("confirm-state");
const dropButton = $("drop");
const cancelButton = $("cancel");
const progress = $("progress");
const progressText = $("progress-text");
const status = $("status");
const result = $("result");
const resultTitle = $("result-title");
const resultAdvice = $("result-advice");
const resultDetails = $("result-details");

const CLUSTER_ID = /^[A-Za-z0-9_-]{1,128}$/;

// Where each field's error goes. The package's invalid_input messages start with the option's
// name ("clusterId may contain only…"), which is how they are routed to the field they name.
const FIELDS = {
  apiKey: { input: apiKey, error: $("api-key-error"), label: "The API key" },
  clusterId: { input: clusterId, error: $("cluster-id-error"), label: "The cluster ID" },
  baseUrl: { input: baseUrl, error: $("base-url-error"), label: "The base URL" },
  region: { input: document.querySelector('input[name="endpoint"]'), error: $("endpoint-error"), label: "The region" },
};

// Each kind of ZillizError in plain words: what happened, and what to do about it.
const KINDS = {
  invalid_input: ["The input was refused before sending", "Nothing was sent. Fix the field named in the message."],
  auth: ["The API key was refused",
    "Fix the API key: copy it again from the Zilliz Cloud console (API Keys), and check that it belongs to this endpoint (Global or China)."],
  permission: ["This API key may not drop this cluster",
    "Use an API key of a user with rights on the cluster's project."],
  not_found: ["No cluster has this ID",
    "Check the cluster ID, and the endpoint: a Global cluster is not visible from the China endpoint. It may also have been dropped already."],
  rate_limited: ["Too many requests",
    "Wait a few seconds, then try again. The control plane allows about 20 requests per second."],
  server: ["The control plane had an internal error",
    "Try again later. The drop may or may not have happened: check the cluster list in the console first."],
  api: ["The control plane refused the request",
    "Read the code and message below: they come unchanged from the control plane."],
  network: ["The endpoint could not be reached",
    "Check your connection and the endpoint, then try again. A browser also needs the endpoint to allow this page's origin (CORS): the public endpoints may need a proxy."],
  timeout: ["No answer in time",
    "Try again. The drop may have happened anyway: check the cluster list in the console first."],
  aborted: ["Cancelled",
    "You cancelled the call. If the request had already reached the control plane, the drop may still go through: check the cluster list."],
  decode: ["The answer was not the expected JSON",
    "Something between you and the control plane (a proxy or a gateway) answered instead. Report it with the request ID."],
};

let controller = null; // the running call's AbortController
let timer = 0;
let retryTimer = 0;
let attemptsMade = 0;

// ---- scenarios (only when the mock serves the page) -------------------------------------------

// What the mock does before the next drop, through its /__mock/ control surface (it answers
// only this page's own origin). `call` adds per-call options for the scenario.
const JSON_429 = { code: 429, message: "Too many requests, please try again later." };
const SCENARIOS = [
  { id: "none", label: "Normal", text: "The mock answers as the control plane would.", faults: [] },
  { id: "rate-limited", label: "Rate limited twice, then success",
    text: "Two answers of 429 with Retry-After: 3, then the drop goes through.",
    faults: [{ status: 429, headers: { "retry-after": "3" }, json: JSON_429, count: 2 }] },
  { id: "slow-drop", label: "A slow drop, timed out and retried",
    text: "The first attempt is answered after 1.55 s but this call waits only 1.5 s: the retry finds the cluster gone, most likely dropped by that first attempt.",
    faults: [{ delayMs: 1550 }], call: { timeoutMs: 1500 } },
  { id: "unavailable", label: "Two 503s, then success",
    text: "The control plane fails twice with HTTP 503, then the drop goes through.",
    faults: [{ status: 503, json: { code: 503, message: "Service unavailable" }, count: 2 }] },
  { id: "gateway-html", label: "A gateway's HTML page",
    text: "A gateway answers every attempt with its own HTML error page (HTTP 502).",
    faults: [{ action: "html", count: 3 }] },
  { id: "reset", label: "A reset connection",
    text: "The connection is reset before any answer, on every attempt.",
    faults: [{ action: "reset", count: 6 }] },
  { id: "permission", label: "A permission error",
    text: "The control plane refuses: this key may not drop the cluster (HTTP 403, code 96013).",
    faults: [{ status: 403, json: { code: 96013, message: "No permission to operate on this cluster." } }] },
];

async function mockControl(path, body) {
  const res = await fetch(`/__mock/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`the mock refused ${path}: HTTP ${res.status}`);
}

function scenarioChoice() {
  const id = document.querySelector('input[name="scenario"]:checked')?.value ?? "none";
  return SCENARIOS.find((s) => s.id === id) ?? SCENARIOS[0];
}

/** Queues the chosen scenario's faults (and puts the cluster back) before the drop. */
async function prepareScenario(scenario, id) {
  if (scenario.id === "none") return;
  await mockControl("faults", []); // nothing left over from an earlier scenario
  await mockControl("clusters", { ids: [id] });
  await mockControl("faults", scenario.faults);
}

function showScenarios() {
  const box = $("scenario-choices");
  for (const s of SCENARIOS) {
    const label = document.createElement("label");
    label.className = "choice";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = "scenario";
    input.value = s.id;
    input.checked = s.id === "none";
    input.id = `scenario-${s.id}`;
    const text = document.createElement("span");
    const strong = document.createElement("strong");
    strong.textContent = s.label;
    const line = document.createElement("span");
    line.className = "muted scenario-text";
    line.textContent = s.text;
    text.append(strong, " ", line);
    label.append(input, text);
    box.append(label);
  }
  $("scenarios").hidden = false;
}

// ---- retries, as the page tells them ----------------------------------------------------------

/** Why an attempt failed, in a few words. */
function retryReason(err) {
  switch (err.kind) {
    case "rate_limited": return "Rate limited by the control plane";
    case "server": return `The control plane failed${err.status ? ` (HTTP ${err.status})` : ""}`;
    case "timeout": return "No answer in time";
    case "network": return "The connection failed";
    default: return err.status === 408 ? "The control plane timed the request out" : "The attempt failed";
  }
}

/** Called by the package before each wait between attempts: says why, and counts down. */
function onRetry(event) {
  attemptsMade = event.attempt;
  clearInterval(timer);
  clearInterval(retryTimer);
  const reason = retryReason(event.error);
  const next = event.attempt + 1;
  const until = Date.now() + event.delayMs;
  const note = $("retry-note");
  const tick = () => {
    const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
    progressText.textContent = `${reason}: trying again in ${left} s, attempt ${next} of ${event.maxAttempts}`;
    if (left === 0) {
      clearInterval(retryTimer);
      progressText.textContent = `Dropping again: attempt ${next} of ${event.maxAttempts}…`;
    }
  };
  tick();
  retryTimer = setInterval(tick, 250);
  note.textContent = `Attempt ${event.attempt} of ${event.maxAttempts} failed: ${event.error.message}`;
  note.hidden = false;
  // Once per wait for screen readers: the countdown itself is only shown.
  status.textContent = `${reason}: trying again in ${Math.ceil(event.delayMs / 1000)} seconds, attempt ${next} of ${event.maxAttempts}.`;
}

// ---- endpoint -------------------------------------------------------------------------------

function endpointChoice() {
  return document.querySelector('input[name="endpoint"]:checked').value;
}

function showEndpoint() {
  $("field-baseUrl").hidden = endpointChoice() !== "custom";
  clearError("baseUrl");
}

function endpointLabel() {
  const choice = endpointChoice();
  if (choice === "global") return "api.cloud.zilliz.com";
  if (choice === "cn") return "api.cloud.zilliz.com.cn";
  return baseUrl.value.trim().replace(/^https?:\/\//i, "").replace(/\/+$/, "") || "the custom URL";
}

/** Served by the mock control plane? It answers /__mock/health on the page's own origin. */
async function servedByMock() {
  if (!/^https?:$/.test(location.protocol)) return false;
  try {
    const res = await fetch("/__mock/health", { cache: "no-store", signal: AbortSignal.timeout(3000) });
    return res.ok && (await res.json())?.ok === true;
  } catch {
    return false;
  }
}

// ---- field errors ---------------------------------------------------------------------------

function showError(field, message) {
  const f = FIELDS[field];
  f.error.textContent = message;
  f.error.hidden = false;
  f.input.setAttribute("aria-invalid", "true");
}

function clearError(field) {
  const f = FIELDS[field];
  f.error.textContent = "";
  f.error.hidden = true;
  f.input.removeAttribute("aria-invalid");
}

function clearErrors() {
  for (const field of Object.keys(FIELDS)) clearError(field);
}

/** Describes the characters a cluster ID may not contain (the value itself stays in the field). */
function badCharacters(id) {
  const bad = [...new Set([...id].filter((c) => !/[A-Za-z0-9_-]/.test(c)))];
  const named = bad.slice(0, 3).map((c) => (c === " " ? "a space" : /\s/.test(c) ? "a line break or tab" : `“${c}”`));
  return named.join(", ") + (bad.length > 3 ? "…" : "");
}

function clusterIdProblem(id) {
  if (id === "") return "Enter the cluster ID, like in01-6183d6bac30f801.";
  const length = [...id].length;
  if (length > 128) return `A cluster ID has at most 128 characters; this one has ${length}.`;
  if (!CLUSTER_ID.test(id)) {
    return `A cluster ID has only letters, digits, “-” and “_” (like in01-6183d6bac30f801); this one has ${badCharacters(id)}.`;
  }
  return null;
}

/** The page's own checks, made before the package is even asked. Returns the fields in error. */
function validate() {
  const bad = [];
  if (apiKey.value.trim() === "") {
    showError("apiKey", "Enter the API key.");
    bad.push("apiKey");
  }
  if (endpointChoice() === "custom" && baseUrl.value.trim() === "") {
    showError("baseUrl", "Enter the base URL, like https://console.example.com/api/zilliz.");
    bad.push("baseUrl");
  }
  const problem = clusterIdProblem(clusterId.value);
  if (problem) {
    showError("clusterId", problem);
    bad.push("clusterId");
  }
  return bad;
}

// ---- confirmation ---------------------------------------------------------------------------

function confirmed() {
  return clusterId.value !== "" && confirmId.value === clusterId.value;
}

function updateConfirm() {
  const ok = confirmed();
  dropButton.disabled = !ok || controller !== null;
  let text;
  if (ok) text = "The IDs match: Drop is enabled.";
  else if (confirmId.value === "") text = "Drop stays disabled until both IDs match exactly.";
  else text = "The two IDs do not match yet.";
  if (confirmState.textContent !== text) confirmState.textContent = text;
  confirmState.classList.toggle("ok", ok);
}

// ---- running --------------------------------------------------------------------------------

function setRunning(running, id) {
  form.setAttribute("aria-busy", String(running));
  inputs.disabled = running;
  $("scenarios").disabled = running;
  cancelButton.hidden = !running;
  progress.hidden = !running;
  clearInterval(timer);
  clearInterval(retryTimer);
  if (!running) $("retry-note").hidden = true;
  if (running) {
    const started = Date.now();
    const where = endpointLabel();
    const tick = () => {
      const s = Math.floor((Date.now() - started) / 1000);
      progressText.textContent = `Dropping ${id} at ${where}…${s > 0 ? ` ${s} s` : ""}`;
    };
    tick();
    timer = setInterval(tick, 1000);
    status.textContent = `Dropping ${id}…`;
  }
  updateConfirm();
}

function clientOptions() {
  const options = { apiKey: apiKey.value };
  const choice = endpointChoice();
  if (choice === "custom") options.baseUrl = baseUrl.value.trim();
  else options.region = choice;
  return options;
}

async function drop(event) {
  event.preventDefault();
  if (controller !== null || !confirmed()) return;
  clearErrors();
  hideResult();

  const bad = validate();
  if (bad.length > 0) {
    status.textContent = "Nothing was sent: fix the highlighted field.";
    FIELDS[bad[0]].input.focus();
    return;
  }

  const id = clusterId.value;
  let client;
  try {
    client = new ZillizCloud(clientOptions());
  } catch (err) {
    showFailure(err);
    return;
  }
  controller = new AbortController();
  attemptsMade = 0;
  const scenario = scenarioChoice();
  setRunning(true, id);
  cancelButton.focus();
  try {
    await prepareScenario(scenario, id);
    const res = await client.dropCluster(id, { signal: controller.signal, onRetry, ...scenario.call });
    showSuccess(res, attemptsMade + 1);
  } catch (err) {
    showFailure(err);
  } finally {
    // A scenario applies to one drop.
    const normal = document.getElementById("scenario-none");
    if (normal) normal.checked = true;
    controller = null;
    setRunning(false);
    if (!result.hidden) showResultInView();
  }
}

/** Moves focus to the result, and scrolls so that as much of it as fits is visible. */
function showResultInView() {
  resultTitle.focus({ preventScroll: true });
  const fits = result.getBoundingClientRect().height <= window.innerHeight - 32;
  result.scrollIntoView({ block: fits ? "nearest" : "start" });
}

function cancel() {
  if (controller === null) return;
  progressText.textContent = "Cancelling…";
  controller.abort();
}

// ---- results --------------------------------------------------------------------------------

function hideResult() {
  result.hidden = true;
  result.removeAttribute("data-outcome");
  result.removeAttribute("data-kind");
}

function addDetail(key, label, value, { code = false } = {}) {
  const dt = document.createElement("dt");
  dt.textContent = label;
  const dd = document.createElement("dd");
  dd.id = `result-${key}`;
  if (value === null || value === undefined || value === "") {
    dd.textContent = "—";
    dd.classList.add("muted");
  } else if (code) {
    const c = document.createElement("code");
    c.textContent = String(value);
    dd.append(c);
  } else {
    dd.textContent = String(value);
  }
  resultDetails.append(dt, dd);
}

function showResult(outcome, title, advice) {
  result.dataset.outcome = outcome;
  resultTitle.textContent = title;
  resultAdvice.replaceChildren(...advice);
  resultDetails.replaceChildren();
  result.hidden = false;
}

function showSuccess(res, attempts) {
  const data = res?.data ?? {};
  const prompt = document.createElement("span");
  prompt.id = "result-prompt";
  prompt.textContent = data.prompt || "The control plane accepted the drop.";
  showResult("success", "Cluster dropped", [prompt]);
  addDetail("clusterId", "Cluster ID", data.clusterId, { code: true });
  addDetail("endpoint", "Endpoint", endpointLabel());
  addDetail("attempts", "Attempts", attempts === 1 ? "1" : `${attempts} (the first ${attempts - 1} failed and were retried)`);
  addDetail("restore", "Restore", "From the console's recycle bin, within 30 days");
  status.textContent = `Dropped ${data.clusterId}${attempts > 1 ? ` after ${attempts} attempts` : ""}.`;
  // A second drop needs a second deliberate confirmation.
  confirmId.value = "";
  updateConfirm();
}

function showFailure(err) {
  if (!(err instanceof ZillizError)) {
    showResult("error", "Unexpected error", [document.createTextNode(String(err?.message ?? err))]);
    status.textContent = "The call failed with an unexpected error.";
    return;
  }
  if (err.kind === "invalid_input") {
    const field = Object.keys(FIELDS).find((name) => err.message.startsWith(`${name} `));
    if (field) {
      // "apiKey has leading or trailing spaces" → "The API key has leading or trailing spaces."
      const text = `${FIELDS[field].label}${err.message.slice(field.length)}`;
      showError(field, /[.)]$/.test(text) ? text : `${text}.`);
      if (field === "baseUrl") $("field-baseUrl").hidden = false;
      status.textContent = "Nothing was sent: fix the highlighted field.";
      FIELDS[field].input.focus();
      return;
    }
  }
  let [title, advice] = KINDS[err.kind] ?? ["The call failed", "Read the code and message below."];
  if (err.maybeDropped) {
    // Not a plain "not found": the call itself most likely dropped the cluster.
    title = "Probably dropped by an earlier attempt";
    advice = "Check the recycle bin: the cluster is most likely there.";
  }
  const parts = [document.createTextNode(advice)];
  if (err.maybeDropped) {
    const note = document.createElement("span");
    note.id = "result-maybe-dropped";
    note.className = "maybe-dropped";
    const lead = document.createElement("strong");
    lead.textContent = "Probably dropped already. ";
    note.append(
      lead,
      "An earlier attempt of this call got no clear answer (a timeout, a network failure or a server error), " +
        "and it most likely dropped the cluster: look for it in the recycle bin before trying again.",
    );
    parts.push(note);
  }
  showResult("error", title, parts);
  result.dataset.kind = err.kind;
  addDetail("kind", "Kind", err.kind, { code: true });
  addDetail("code", "Code", err.code, { code: true });
  addDetail("status", "HTTP status", err.status);
  addDetail("message", "Message", err.message);
  addDetail("requestId", "Request ID", err.requestId, { code: true });
  addDetail("attempts", "Attempts", err.attempts);
  if (err.kind !== "aborted") addDetail("retryable", "Retryable", err.retryable ? "Yes, later" : "No, not as is");
  status.textContent = `Not dropped: ${title}.`;
}

// ---- wiring ---------------------------------------------------------------------------------

form.addEventListener("submit", drop);
cancelButton.addEventListener("click", cancel);
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && controller !== null) cancel();
});
for (const radio of document.querySelectorAll('input[name="endpoint"]')) {
  radio.addEventListener("change", showEndpoint);
}
clusterId.addEventListener("input", () => {
  // Clear a stale error as soon as the ID is valid; new errors wait for blur or Drop.
  if (!clusterIdProblem(clusterId.value)) clearError("clusterId");
  updateConfirm();
});
clusterId.addEventListener("blur", () => {
  const problem = clusterId.value === "" ? null : clusterIdProblem(clusterId.value);
  if (problem) showError("clusterId", problem);
});
confirmId.addEventListener("input", updateConfirm);
apiKey.addEventListener("input", () => clearError("apiKey"));
baseUrl.addEventListener("input", () => clearError("baseUrl"));

if (await servedByMock()) {
  document.querySelector('input[name="endpoint"][value="custom"]').checked = true;
  baseUrl.value = location.origin;
  const note = $("mock-note");
  note.textContent = `This page is served by the local mock control plane, so the endpoint defaults to it (${location.origin}). Nothing reaches Zilliz Cloud.`;
  note.hidden = false;
  showScenarios();
}
showEndpoint();
updateConfirm();
$("load-state").hidden = true;
document.body.dataset.ready = "true";
