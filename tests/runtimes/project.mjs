// Fresh projects for the tool rows (TypeScript, Parcel, edge-runtime, deno serve, Astro): a
// folder under target/runtimes that installs the packed tarball by name, as a user's does.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { basename, extname, join, normalize } from "node:path";
import { endGroup, spawnGroup, waitForHttp } from "./harness.mjs";

/** `npm install` of the packed package into `dir` (which has its package.json already), saved
 *  with a lock file as in a user's project: Parcel takes the folder with the lock file for the
 *  project's root, whose package.json holds its settings. */
export function installTarball(dir, tarball) {
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball],
    { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
}

/** A fresh project at `dir` (whatever was there is removed): a package.json, `manifest` over a
 *  private ES module package named after the folder, then the packed package installed. */
export function freshProject(dir, tarball, manifest = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const json = { name: `zcw-${basename(dir)}`, private: true, type: "module", ...manifest };
  writeFileSync(join(dir, "package.json"), JSON.stringify(json, null, 2) + "\n");
  installTarball(dir, tarball);
  return dir;
}

/** A static file server for `dir` on 127.0.0.1:port (a built site, served from its root). */
export function serveDir(dir, port) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".map": "application/json" };
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(dir, path.endsWith("/") ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() })));
}

/** Starts a server (its process group ended by stop()), POSTs { clusterId } to `url` and returns
 *  the JSON answer and everything the server printed. */
/** Starts a server, POSTs { clusterId } to it twice, stops it: { body, status } of the first
 *  answer, `again` the second's, and what the server printed. */
export async function postToServer({ cmd, args, cwd, env, url, clusterId }) {
  const child = spawnGroup(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    await Promise.race([waitForHttp(url), exited.then((code) => { throw new Error(`the server exited with ${code}`); })]);
    // The cluster twice: the second drop finds it gone (a not found, whose status the handler chooses).
    const answers = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ clusterId }) });
      answers.push({ status: res.status, body: await res.json().catch(() => null) });
    }
    return { body: answers[0].body, status: answers[0].status, again: answers[1], output };
  } catch (err) {
    return { body: null, output: `${output}\n${err.message}` };
  } finally {
    endGroup(child.pid);
    await exited;
  }
}
