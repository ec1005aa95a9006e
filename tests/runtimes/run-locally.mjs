// The "Run it locally" steps of an example's README, run as a newcomer runs them: the shell
// blocks after `<!-- step: ... -->` markers, in a fresh folder outside the repository, with
// `wrangler dev` from that folder's own install, against the mock the clone block starts.
// Only three things differ from the text: CLONE is this repository, the ports are free ones,
// and wrangler is told not to fetch Request.cf from the internet (CLOUDFLARE_CF_FETCH_ENABLED).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { freePort } from "../support/mock.mjs";
import { NODE22, ROOT, addResult, endGroup, run, spawnGroup } from "./harness.mjs";

/** The shell block after `<!-- step: name -->` in `readme`, as lines. */
export function step(readme, name) {
  const m = new RegExp(`<!-- step: ${name} -->\\n\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!m) throw new Error(`no "<!-- step: ${name} -->" shell block`);
  return m[1].trimEnd().split("\n");
}

/** Starts `command` with bash in `cwd`; resolves with the child and the first match of `ready`
 *  in its output. */
function startShell(command, { cwd, env, ready, timeoutMs = 240_000 }) {
  const child = spawnGroup("bash", ["-c", command], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const state = { child, output: "" };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms: ${state.output.slice(-3000)}`)), timeoutMs);
    const seen = (d) => {
      state.output += d;
      const m = ready.exec(state.output);
      if (m) {
        clearTimeout(timer);
        resolve({ ...state, match: m, get log() { return state.output; } });
      }
    };
    child.stdout.on("data", seen);
    child.stderr.on("data", seen);
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`exited with ${code}: ${state.output.slice(-3000)}`)); });
  });
}

/**
 * Runs an example's local steps: "in the clone" (pack the package, start the mock), then "in a
 * fresh folder" (copy, install, .dev.vars, wrangler dev), then `exercise({ worker, mock, report,
 * output })`. Returns the report.
 */
export async function runLocally(example, exercise) {
  const report = { passed: 0, failed: 0, results: [] };
  const readme = readFileSync(join(ROOT, "examples", example, "README.md"), "utf8");
  const [mockPort, devPort] = [await freePort(), await freePort()];
  const clone = step(readme, "in the clone");
  const fresh = step(readme, "in a fresh folder");
  const written = /wrangler dev .*--port (\d+)/.exec(fresh.join("\n"))?.[1];
  if (!written) throw new Error("the fresh folder's step starts no wrangler dev --port N");
  const ports = (line) => line.replaceAll("9000", String(mockPort)).replaceAll(written, String(devPort));
  if (clone[0] !== "make build && npm pack ./pkg") throw new Error(`the clone step's first line changed: ${clone[0]}`);
  if (!/^CLONE=\S+$/.test(fresh[0])) throw new Error(`the fresh folder's first line sets CLONE: ${fresh[0]}`);
  // make test built pkg/ already: the pack only.
  const packed = await run("npm", ["pack", "./pkg", "--loglevel=error"], { cwd: ROOT });
  if (packed.code !== 0) throw new Error(`npm pack: ${packed.stderr}`);
  const tarball = join(ROOT, packed.stdout.trim().split("\n").pop());
  const folder = mkdtempSync(join(tmpdir(), `zcw-${example}-`));
  const env = {
    PATH: `${dirname(NODE22)}:${process.env.PATH}`, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false",
    NO_COLOR: "1", npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false",
  };
  let mock;
  let dev;
  try {
    mock = await startShell(clone.slice(1).map(ports).join("\n"), { cwd: ROOT, env, ready: /^(http:\/\/127\.0\.0\.1:\d+)$/m });
    addResult(report, "the clone step starts the mock", mock.match[1] === `http://127.0.0.1:${mockPort}`, mock.match[1]);
    const script = [`CLONE=${ROOT.replace(/\/$/, "")}`, ...fresh.slice(1).map(ports)].join("\n");
    dev = await startShell(script, { cwd: folder, env, ready: /Ready on (http:\/\/\S+)/ });
    addResult(report, "the fresh folder's steps install and start wrangler dev", true);
    await exercise({ worker: dev.match[1].replace("localhost", "127.0.0.1"), devOrigin: dev.match[1], mockUrl: mock.match[1], report, readme, output: () => dev.log, ports });
  } catch (err) {
    addResult(report, `${example}: run locally as the README says`, false, String(err?.stack ?? err).slice(0, 3000));
  } finally {
    if (dev) endGroup(dev.child.pid);
    if (mock) endGroup(mock.child.pid);
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(folder, { recursive: true, force: true });
    rmSync(tarball, { force: true });
  }
  return report;
}
