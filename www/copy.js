// What the page says, in plain words: each error kind, each retry, each plan's fate on a drop.

/** Each kind of ZillizError: what happened, and what to do about it. */
export const KINDS = {
  invalid_input: ["The input was refused before sending", "Nothing was sent. Fix the field named in the message."],
  auth: ["The API key was refused",
    "Fix the API key: copy it again from the Zilliz Cloud console (API Keys), and check that it belongs to this endpoint (Global or China)."],
  permission: ["This API key may not do this",
    "Use an API key of a user with rights on the cluster's project."],
  not_found: ["No cluster has this ID",
    "Check the cluster ID, and the endpoint: a Global cluster is not visible from the China endpoint. It may also have been dropped already."],
  rate_limited: ["Too many requests",
    "Wait a few seconds, then try again. The control plane allows about 20 requests per second."],
  server: ["The control plane had an internal error",
    "Try again later. The call may or may not have been carried out."],
  api: ["The control plane refused the request",
    "Read the code and message below: they come unchanged from the control plane."],
  network: ["The endpoint could not be reached",
    "Check your connection and the endpoint, then try again. A browser also needs the endpoint to allow this page's origin (CORS): the public endpoints may need a proxy."],
  timeout: ["No answer in time",
    "Try again. The call may have been carried out anyway."],
  aborted: ["Cancelled", "You cancelled the call."],
  decode: ["The answer was not the expected JSON",
    "Something between you and the control plane (a proxy or a gateway) answered instead. Report it with the request ID."],
  precondition: ["Not dropped: the cluster has another name now",
    "It was renamed after you looked it up, so nothing was dropped. Look at the list again before deciding."],
  protected: ["Not dropped: the cluster is protected",
    "Its name or ID matches a pattern under Protected names, so nothing was dropped. Remove the pattern first if you really mean to drop it."],
};

/** The kinds after which a drop may or may not have happened. */
export const OUTCOME_UNKNOWN = new Set(["server", "network", "timeout"]);

/** Why an attempt failed, in a few words. */
export function retryReason(err) {
  switch (err.kind) {
    case "rate_limited": return "Rate limited by the control plane";
    case "server": return `The control plane failed${err.status ? ` (HTTP ${err.status})` : ""}`;
    case "timeout": return "No answer in time";
    case "network": return "The connection failed";
    default: return err.status === 408 ? "The control plane timed the request out" : "The attempt failed";
  }
}

/** What a drop of this cluster costs, in one sentence (keptInRecycleBin decides). */
export function dropFate(kept, plan) {
  return kept
    ? `${/^[AEIOU]/.test(plan) ? "An" : "A"} ${plan} cluster goes to the recycle bin, where it can be restored for 30 days.`
    : `This cluster cannot be restored: the recycle bin keeps Dedicated clusters (Standard, Enterprise) only, and this one's plan is ${plan || "unknown"}. Its data is gone for good.`;
}

/** What a suspend or a resume that the control plane accepted means, in the page's words. */
export function changeSubmitted(action, name) {
  return action === "suspend"
    ? `The suspend of ${name} was submitted: it keeps its data, and its compute bill stops once it is SUSPENDED.`
    : `The resume of ${name} was submitted: it runs again once it is RUNNING.`;
}

/** "2026-11-28" from the API's createTime, or the text as given. */
export function createdDate(createTime) {
  const ms = Date.parse(createTime);
  return Number.isNaN(ms) ? createTime || "—" : new Date(ms).toISOString().slice(0, 10);
}

/** "14:02:31", local time. */
export function clock(date = new Date()) {
  return date.toLocaleTimeString("en-GB", { hour12: false });
}

/** "15 minutes", "40 s". */
export function duration(ms) {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  return `${Math.round(s / 60)} minutes`;
}
