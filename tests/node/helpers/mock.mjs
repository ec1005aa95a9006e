// Starts the real mock control plane (a Rust HTTP server on 127.0.0.1) for one test file.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const MOCK_BIN = process.env.MOCK_BIN ?? `${ROOT}target/debug/zilliz-mock`;
export const API_KEY = "sk-zcw-test-SECRET-7f3a9c2e41";
export const SEEDED = ["in01-6183d6bac30f801", "in01-0123456789abcde", "in02-fedcba987654321"];

export async function startMock({ rate = 1000, clusters = SEEDED, apiKey = API_KEY } = {}) {
  const child = spawn(MOCK_BIN, ["--port", "0", "--api-key", apiKey, "--rate", String(rate), "--clusters", clusters.join(",")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve(line.trim()));
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
    apiKey,
    reset: () => control("POST", "reset"),
    fault: (f) => control("POST", "faults", f),
    seed: (ids) => control("POST", "clusters", { ids }),
    setRate: (rate) => control("POST", "config", { rate }),
    /** API requests received (never the key: only matched / mismatched / missing). */
    requests: async () => (await control("GET", "requests")).filter((r) => r.method !== "OPTIONS"),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}
