// Shared by the browser tests: a real mock control plane per test file (port 0) and
// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const MOCK_BIN = process.env.MOCK_BIN ?? join(ROOT, "target/debug/zilliz-mock");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const SCREENSHOTS = join(ROOT, "target/screenshots");
export const API_KEY = "sk-zcw-browser-SECRET-5d1e8b7a90";
export const SEEDED = ["in01-6183d6bac30f801", "in01-0123456789abcde", "in02-fedcba987654321"];

/** Starts zilliz-mock on a free port; `www` and `pkg` are folders to serve (relative to the repo). */
export async function startMock({ www, pkg, apiKey = API_KEY, clusters = SEEDED, rate = 1000 } = {}) {
  const args = ["--port", "0", "--quiet", "--api-key", apiKey, "--rate", String(rate), "--clusters", clusters.join(",")];
  if (www) args.push("--www", join(ROOT, www));
  if (pkg) args.push("--pkg", join(ROOT, pkg));
  const child = spawn(MOCK_BIN, args, { stdio: ["ignore", "pipe", process.env.MOCK_STDERR ? "inherit" : "ignore"] });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) => resolve(line.trim()));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`zilliz-mock exited with ${code}`)));
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
    origin: new URL(url).origin,
    apiKey,
    reset: () => control("POST", "reset"),
    fault: (f) => control("POST", "faults", f),
    /** Every logged request, preflight OPTIONS included. */
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

const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** Launches Chromium (playwright gives it a fresh temporary user-data-dir and removes it on close). */
export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}
