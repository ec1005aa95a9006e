// One cleanup run: list every cluster of the key, then drop those whose name starts with
// CLEANUP_PREFIX and that are older than CLEANUP_MIN_AGE_HOURS, at most CLEANUP_MAX_DROPS of them,
// each drop guarded by the name the list showed (expectName). A dry run unless CLEANUP_DRY_RUN is
// "false". Clusters matching CLEANUP_PROTECT (comma-separated patterns, `*` for any run of
// characters) are never dropped: the package refuses them (its `protect`), and the run logs them as
// skipped without counting them toward the cap. One JSON line per cluster whose name has the
// prefix; the key is never logged.
import { ZillizCloud, ZillizError, keptInRecycleBin } from "zilliz-cloud-wasm";

const HOUR_MS = 3_600_000;

/** The run's settings from the Worker's environment, or a reason to refuse the run. */
export function settings(env) {
  const prefix = env.CLEANUP_PREFIX ?? "";
  const age = (env.CLEANUP_MIN_AGE_HOURS ?? "").trim();
  const minAgeHours = Number(age);
  const maxDrops = env.CLEANUP_MAX_DROPS === undefined ? 10 : Number(env.CLEANUP_MAX_DROPS);
  // An empty prefix would match every cluster of the key, and a missing age every new one:
  // both are refused rather than guessed.
  if (prefix.trim() === "") return { error: "CLEANUP_PREFIX must be set (an empty prefix would match every cluster)" };
  if (age === "" || !Number.isFinite(minAgeHours) || minAgeHours < 0) return { error: "CLEANUP_MIN_AGE_HOURS must be a number of hours, 0 or more" };
  if (!Number.isInteger(maxDrops) || maxDrops < 0) return { error: "CLEANUP_MAX_DROPS must be a whole number, 0 or more" };
  const protect = (env.CLEANUP_PROTECT ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  return { prefix, minAgeMs: minAgeHours * HOUR_MS, minAgeHours, maxDrops, protect, dryRun: env.CLEANUP_DRY_RUN !== "false" };
}

/** Why `cluster` is not to be dropped in this run, or null. `protectedBy` names the pattern that
 *  protects it; a protected cluster counts toward nothing. */
function skipReason(cluster, s, now, chosen, protectedBy) {
  if (cluster.status === "DELETING" || cluster.status === "DELETED") return `already ${cluster.status}`;
  const pattern = protectedBy(cluster);
  if (pattern) return `protected (${pattern})`;
  const created = Date.parse(cluster.createTime);
  if (Number.isNaN(created)) return "its createTime cannot be read";
  if (now - created < s.minAgeMs) return `younger than ${s.minAgeHours} hours`;
  if (chosen >= s.maxDrops) return `the cap of ${s.maxDrops} drops per run was reached`;
  return null;
}

/** Runs one cleanup; returns the lines it logged. */
export async function cleanup(env, now = Date.now(), log = (line) => console.log(JSON.stringify(line))) {
  const lines = [];
  const say = (line) => {
    lines.push(line);
    log(line);
  };
  const s = settings(env);
  if (s.error) {
    say({ action: "failed", reason: s.error });
    return lines;
  }
  try {
    const connection = { apiKey: env.ZILLIZ_API_KEY, baseUrl: env.ZILLIZ_BASE_URL || undefined };
    // The package decides what a pattern matches: one client per pattern names the one that did.
    const matchers = s.protect.map((pattern) => [pattern, new ZillizCloud({ ...connection, protect: [pattern] })]);
    const protectedBy = (cluster) => matchers.find(([, m]) => m.isProtected(cluster))?.[0] ?? null;
    const zc = new ZillizCloud(s.protect.length ? { ...connection, protect: s.protect } : connection);
    // The whole list first: dropping while paging would shift the pages under the iterator.
    const candidates = [];
    for await (const cluster of zc.clusters({ pageSize: 100 })) {
      if (cluster.clusterName.startsWith(s.prefix)) candidates.push(cluster);
    }
    let chosen = 0;
    for (const cluster of candidates) {
      const { clusterId, clusterName } = cluster;
      const line = { clusterId, clusterName, action: "skipped", reason: "", keptInRecycleBin: keptInRecycleBin(cluster) };
      const skip = skipReason(cluster, s, now, chosen, protectedBy);
      if (skip) {
        say({ ...line, reason: skip });
        continue;
      }
      chosen++;
      if (s.dryRun) {
        say({ ...line, action: "would_drop", reason: "dry run (CLEANUP_DRY_RUN is not \"false\")" });
        continue;
      }
      try {
        await zc.dropCluster(clusterId, { expectName: clusterName });
        say({ ...line, action: "dropped", reason: `older than ${s.minAgeHours} hours` });
      } catch (err) {
        if (!(err instanceof ZillizError)) throw err;
        // Renamed since the list: the guard sent no DELETE.
        if (err.kind === "precondition") say({ ...line, reason: `renamed since the list: ${err.message}` });
        // Renamed since the list into a protected name: the package sent no DELETE.
        else if (err.kind === "protected") say({ ...line, reason: `protected (${/the pattern "(.*)": it was not dropped$/.exec(err.message)?.[1] ?? s.protect.join(",")})` });
        else say({ ...line, action: "failed", reason: `${err.kind}: ${err.message}` });
      }
    }
  } catch (err) {
    say({ action: "failed", reason: err instanceof ZillizError ? `${err.kind}: ${err.message}` : String(err) });
  }
  return lines;
}
