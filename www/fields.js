// The connection fields (API key, endpoint) and the cluster ID field, and the errors shown at
// them. The page checks nothing itself: the package does, and its invalid_input errors name the
// option they refused (err.option), which is how they reach their field.
import { $ } from "./dom.js";

const FIELDS = {
  apiKey: { input: "api-key", error: "api-key-error", label: "The API key" },
  baseUrl: { input: "base-url", error: "base-url-error", label: "The base URL" },
  region: { input: null, error: "endpoint-error", label: "The region" },
  clusterId: { input: "cluster-id", error: "cluster-id-error", label: "The cluster ID" },
  protect: { input: "protect", error: "protect-error", label: "Protected names" },
};

const endpointChoice = () => document.querySelector('input[name="endpoint"]:checked').value;

/** The Protected names field's patterns: comma-separated, blanks around each left out. */
export function protectedPatterns() {
  return $("protect").value.split(",").map((p) => p.trim()).filter(Boolean);
}

/** The proxy's /console-config.json when a proxy that holds the key serves the page, else null. */
let proxy = null;

/** The client's options, read from the fields at the moment of the call. Through the proxy: its
 *  own origin and no key at all (the proxy adds its own). */
export function clientOptions() {
  let options;
  if (proxy) options = { baseUrl: location.origin };
  else if (endpointChoice() === "custom") options = { apiKey: $("api-key").value, baseUrl: $("base-url").value.trim() };
  else options = { apiKey: $("api-key").value, region: endpointChoice() };
  const protect = protectedPatterns();
  if (protect.length) options.protect = protect;
  return options;
}

/** Where requests go, for the page's own sentences. */
export function endpointLabel() {
  if (proxy) return "this console's server";
  const choice = endpointChoice();
  if (choice === "global") return "api.cloud.zilliz.com";
  if (choice === "cn") return "api.cloud.zilliz.com.cn";
  return $("base-url").value.trim().replace(/^https?:\/\//i, "").replace(/\/+$/, "") || "the custom URL";
}

function fieldInput(field) {
  return field.input ? $(field.input) : document.querySelector('input[name="endpoint"]:checked');
}

export function clearFieldError(name) {
  const field = FIELDS[name];
  $(field.error).textContent = "";
  $(field.error).hidden = true;
  fieldInput(field).removeAttribute("aria-invalid");
}

export function clearFieldErrors() {
  for (const name of Object.keys(FIELDS)) clearFieldError(name);
}

/**
 * Shows an invalid_input at the field its `option` names and focuses that field; false when
 * the error names no field of this page (the caller shows it as a result).
 */
export function showFieldError(err) {
  const field = err?.kind === "invalid_input" ? FIELDS[err.option] : undefined;
  if (!field) return false;
  // The package's messages begin with the option's name: "apiKey is shorter than 8 characters"
  // reads "The API key is shorter than 8 characters." here.
  // "protect[1] is empty" names a pattern by its place: "Protected names: pattern 2 is empty."
  const rest = err.message.startsWith(err.option) ? err.message.slice(err.option.length) : `: ${err.message}`;
  const place = /^\[(\d+)\]/.exec(rest);
  const text = place ? `${field.label}: pattern ${Number(place[1]) + 1}${rest.slice(place[0].length)}` : `${field.label}${rest}`;
  $(field.error).textContent = /[.)]$/.test(text) ? text : `${text}.`;
  $(field.error).hidden = false;
  if (err.option === "baseUrl") $("field-baseUrl").hidden = false;
  const input = fieldInput(field);
  input.setAttribute("aria-invalid", "true");
  input.focus();
  return true;
}

function showEndpoint() {
  $("field-baseUrl").hidden = endpointChoice() !== "custom";
  clearFieldError("baseUrl");
}

/** Field behaviour that needs no controller: the base URL shows with "custom", edits clear errors. */
export function bindFields() {
  for (const radio of document.querySelectorAll('input[name="endpoint"]')) radio.addEventListener("change", showEndpoint);
  $("api-key").addEventListener("input", () => clearFieldError("apiKey"));
  $("base-url").addEventListener("input", () => clearFieldError("baseUrl"));
  $("cluster-id").addEventListener("input", () => clearFieldError("clusterId"));
  $("protect").addEventListener("input", () => clearFieldError("protect"));
  showEndpoint();
}

/** The mock serves this page: point the endpoint at it. */
export function useMockEndpoint(origin) {
  document.querySelector('input[name="endpoint"][value="custom"]').checked = true;
  $("base-url").value = origin;
  const note = $("mock-note");
  note.textContent = `This page is served by the local mock control plane, so the endpoint defaults to it (${origin}). Nothing reaches Zilliz Cloud.`;
  note.hidden = false;
  showEndpoint();
}

/** Served by the mock control plane? It answers /__mock/health on the page's own origin. */
export async function servedByMock() {
  if (!/^https?:$/.test(location.protocol)) return false;
  try {
    const res = await fetch("/__mock/health", { cache: "no-store", signal: AbortSignal.timeout(3000) });
    return res.ok && (await res.json())?.ok === true;
  } catch {
    return false;
  }
}

/** Served by the console proxy (examples/console-proxy)? It answers /console-config.json with
 *  `{ proxy: true, protect, user, access }`; anything else (the mock, a plain file server) is not. */
export async function servedByProxy() {
  if (!/^https?:$/.test(location.protocol)) return null;
  try {
    const res = await fetch("/console-config.json", { cache: "no-store", signal: AbortSignal.timeout(3000) });
    const config = res.ok ? await res.json() : null;
    return config?.proxy === true ? config : null;
  } catch {
    return null;
  }
}

/** The proxy serves this page: no key field and no endpoint choice; its patterns are shown. */
export function useProxy(config) {
  proxy = config;
  $("api-key").value = "";
  $("field-apiKey").hidden = true;
  $("field-endpoint").hidden = true;
  const patterns = Array.isArray(config.protect) ? config.protect.filter((p) => typeof p === "string") : [];
  if (patterns.length) $("protect").value = patterns.join(", ");
  const who = typeof config.user === "string" && config.user ? `Signed in as ${config.user}.` : "Sign-in checks are off on this server (a local run).";
  const refuses = patterns.length ? ` It refuses drops of ${patterns.join(", ")} whatever this page sends.` : "";
  const note = $("proxy-note");
  note.textContent = `${who} This console's server holds the API key, so this page never asks for one.${refuses}`;
  note.hidden = false;
  $("clusters-state").textContent = "Choose Show clusters.";
}
