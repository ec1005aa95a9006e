// Starts the real mock control plane (zilliz-mock, a Rust HTTP server on 127.0.0.1,
// port 0) and wraps its /__mock/ control surface. Shared by the Node and browser
// suites and the benchmarks, each of which passes its own defaults.
import { spawn } from "node:child_process";
import { isAbsolute, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEBUG_BIN = join(ROOT, "target/debug/zilliz-mock");

/**
 * @param {{ bin?: string, apiKey: string, clusters?: string[], rate?: number, www?: string, pkg?: string, showLog?: boolean, controlOrigins?: string[] }} options
 * `www` and `pkg` are folders to serve, relative to the repository or absolute.
 */
export async function startMock({ bin = process.env.MOCK_BIN ?? DEBUG_BIN, apiKey, clusters = [], rate = 1000, www, pkg, showLog = false, controlOrigins = [] }) {
  // --exit-with-stdin: if this process dies before stop(), the pipe closes and the mock exits too.
  const args = ["--port", "0", "--api-key", apiKey, "--rate", String(rate), "--exit-with-stdin"];
  if (clusters.length) args.push("--clusters", clusters.join(","));
  if (!showLog) args.push("--quiet");
  // Pages of other origins that may script /__mock/ (the mock answers only its own otherwise).
  for (const origin of controlOrigins) args.push("--control-origin", origin);
  const folder = (dir) => (isAbsolute(dir) ? dir : join(ROOT, dir));
  if (www) args.push("--www", folder(www));
  if (pkg) args.push("--pkg", folder(pkg));
  const child = spawn(bin, args, { stdio: ["pipe", "pipe", "pipe"] });
  // Its stderr (a start-up line, and the request log with showLog) is kept for errors.
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    if (showLog) process.stderr.write(chunk);
  });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) => resolve(line.trim()));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`zilliz-mock exited with ${code}: ${stderr}`)));
  });
  const control = async (method, path, body) => {
    const res = await fetch(`${url}/__mock/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`mock control ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    url,
    /** For a caller that must end the mock synchronously (e.g. from a signal handler). */
    pid: child.pid,
    origin: new URL(url).origin,
    apiKey,
    reset: () => control("POST", "reset"),
    fault: (f) => control("POST", "faults", f),
    seed: (ids) => control("POST", "clusters", { ids }),
    /** Adds or replaces whole cluster records (`{ clusterId, clusterName, plan, status, ... }`). */
    put: (clusters) => control("POST", "clusters", { clusters }),
    /** Adds `n` generated clusters (gen-00001 ...). */
    generate: (n) => control("POST", "clusters", { generate: n }),
    /** Removes every cluster: an empty project. */
    clear: () => control("DELETE", "clusters"),
    /** `{ deletingMs, transitionMs, droppedAs }`: how long a drop, suspend or resume takes to show. */
    timing: (patch) => control("POST", "config", patch),
    setRate: (n) => control("POST", "config", { rate: n }),
    /** Every logged request, CORS preflights included (never the key: only matched / mismatched / missing). */
    log: () => control("GET", "requests"),
    /** API requests only (no preflights). */
    requests: async () => (await control("GET", "requests")).filter((r) => r.method !== "OPTIONS"),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

/** A free TCP port on 127.0.0.1, for a server that must be named before it starts. */
export async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
