// Runs examples/console-proxy, as wrangler built it into <outdir> (its console files in
// <project>/public), in workerd through miniflare, in front of a mock of its own, with Access
// keys and tokens made here (an RS256 key pair generated for this run, its JWKS served on
// 127.0.0.1). Each refusal is sent as the request it must stop; the mock's log shows what got
// through. Then Chromium uses the console through it. Prints one "@@RESULT {json}" line.
//   node console-proxy.mjs <outdir> <project> <apiKey>
import { readFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { join } from "node:path";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { Miniflare } from "miniflare";
import { freePort, startMock } from "../support/mock.mjs";
import { assert, checks, equal, jsonLines } from "./checks.mjs";

const [outdir, project, apiKey] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const toml = readFileSync(join(project, "wrangler.toml"), "utf8");
const compatibilityDate = /^compatibility_date = "([^"]+)"/m.exec(toml)[1];
const vars = Object.fromEntries([...toml.split("[vars]")[1].matchAll(/^(\w+) = "([^"]*)"/gm)].map((m) => [m[1], m[2]]));
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";
const USER = "alice@example.com";

const PROD = "in01-6183d6bac30f801"; // prod-search: protected by wrangler.toml's PROTECT (prod-*)
const PREVIEW = "in01-0123456789abcde"; // preview-pr-7, Standard
const SPARE = "in02-fedcba987654321";
const PROD_BY_ID = "prod-000000000000001"; // an ID that prod-* matches
const FLEET = [
  { clusterId: PROD, clusterName: "prod-search", plan: "Enterprise", status: "RUNNING" },
  { clusterId: PREVIEW, clusterName: "preview-pr-7", plan: "Standard", status: "RUNNING" },
  { clusterId: SPARE, clusterName: "spare", plan: "Standard", status: "RUNNING" },
  { clusterId: PROD_BY_ID, clusterName: "by-id", plan: "Standard", status: "RUNNING" },
];

// --- Access: the team's keys, served as Cloudflare serves them, and tokens signed with them ----
const KID = "test-key-1";
const { publicKey, privateKey } = await generateKeyPair("RS256");
const stranger = await generateKeyPair("RS256");
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: "RS256", use: "sig" }] };
let certsFetches = 0;
const certs = createServer((req, res) => {
  certsFetches++;
  if (req.url !== "/cdn-cgi/access/certs") return res.writeHead(404).end();
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...jwks, public_certs: [] }));
});
const certsPort = await freePort();
await new Promise((resolve) => certs.listen(certsPort, "127.0.0.1", resolve));
const ISSUER = `http://127.0.0.1:${certsPort}`;

/** An Access token: `claims` over the good ones, signed by `key` (the team's by default). */
async function token({ claims = {}, key = privateKey, expires = "10m", audience = AUD, issuer = ISSUER } = {}) {
  return new SignJWT({ email: USER, type: "app", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: KID })
    .setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime(expires).setSubject("7335d417-61da-459d")
    .sign(key);
}

// --- the mock and the Worker ---------------------------------------------------------------
const mock = await startMock({ apiKey, clusters: [] });
let output = "";
const workers = [];
/** The Worker in workerd with wrangler.toml's vars, `env` over them; its base URL. */
async function startWorker(env = {}) {
  const port = await freePort();
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(outdir, "index.js"),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate,
    host: "127.0.0.1",
    port,
    assets: { directory: join(project, "public"), binding: "ASSETS", routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true } },
    bindings: { ...vars, ZILLIZ_API_KEY: apiKey, ZILLIZ_BASE_URL: mock.url, ACCESS_AUD: AUD, ACCESS_CERTS_URL: `${ISSUER}/cdn-cgi/access/certs`, ...env },
    handleRuntimeStdio(stdout, stderr) {
      stdout.on("data", (d) => (output += d));
      stderr.on("data", (d) => (output += d));
    },
  });
  workers.push(mf);
  return (await mf.ready).origin;
}

/** Every answer the Worker gave, for the last check: none may hold the key. */
const answers = [];
/** One request with exactly this raw path and these headers (node:http sends the path as given). */
function send(base, method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => {
        const answer = { status: res.statusCode, headers: res.headers, text };
        answers.push(answer);
        resolve(answer);
      });
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const { check, finish } = checks({
  before: async () => {
    await mock.reset();
    await mock.clear();
    await mock.put(FLEET);
  },
});
const forwarded = async () => (await mock.requests()).map((r) => `${r.method} ${r.path}${r.query ? `?${r.query}` : ""}`);
/** The JSON lines the Worker logged since `mark` (an offset into its output). */
function linesSince(mark) {
  return jsonLines(output.slice(mark));
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 150)); // the last lines through the pipe
/** A refusal in the API's error shape, with no CORS header and nothing of the key. */
function refused(res, status, what, code = status) {
  equal(res.status, status, `${what}: status`);
  const body = JSON.parse(res.text);
  equal([Object.keys(body), body.code], [["code", "message"], code], `${what}: body ${res.text}`);
  assert(!Object.keys(res.headers).some((h) => h.startsWith("access-control-")), `${what}: a CORS header`);
  return body.message;
}

const worker = await startWorker();
const good = await token();
const signedIn = { "cf-access-jwt-assertion": good };
const own = new URL(worker).origin;
const change = { ...signedIn, origin: own, "sec-fetch-site": "same-origin" };

await check("the console's config says proxy mode, the server's patterns and who is signed in", async () => {
  const res = await send(worker, "GET", "/console-config.json", signedIn);
  equal([res.status, JSON.parse(res.text)], [200, { proxy: true, protect: ["prod-*"], user: USER, access: "verified" }], "config");
  const page = await send(worker, "GET", "/", signedIn);
  assert(page.status === 200 && page.text.includes("zilliz-cloud-wasm demo console"), `the console: ${page.status}`);
  equal([page.headers["x-frame-options"], page.headers["content-security-policy"]], ["DENY", "frame-ancestors 'none'"], "never framed");
  const pkg = await send(worker, "GET", "/pkg/browser.js", signedIn);
  equal(pkg.status, 200, "the package's browser entry");
});

await check("a list goes through with the server's key and only Accept; the answer keeps status, requestid and body", async () => {
  const res = await send(worker, "GET", "/v2/clusters?pageSize=2&currentPage=1", {
    ...signedIn, accept: "application/json", authorization: "Bearer sk-browser-own-key-0000", cookie: "CF_Authorization=abc; session=1",
    "x-forwarded-for": "10.0.0.1", "x-custom": "1", origin: own,
  });
  equal(res.status, 200, "status");
  equal(JSON.parse(res.text).data.clusters.length, 2, "clusters");
  assert(/^[\x21-\x7e]+$/.test(res.headers.requestid ?? ""), `requestid: ${res.headers.requestid}`);
  const [entry, ...more] = await mock.requests();
  equal([more.length, entry.method, entry.path, entry.query, entry.auth, entry.accept, entry.origin], [0, "GET", "/v2/clusters", "pageSize=2&currentPage=1", "matched", "application/json", null], "what the mock got");
  const passed = entry.headers.filter((h) => !["host", "user-agent", "accept-encoding", "content-length", "connection"].includes(h) && !h.startsWith("cf-"));
  equal(passed, ["accept", "authorization"], `headers forwarded (all: ${entry.headers.join(" ")})`);
  assert(!entry.headers.includes("cf-access-jwt-assertion"), "the token was forwarded");
});

await check("Access: no token, a stranger's signature, an expired token, a wrong audience or issuer, garbage: 401 and nothing forwarded", async () => {
  const mark = output.length;
  const tokens = {
    "no token": null,
    "a stranger's signature": await token({ key: stranger.privateKey }),
    "an expired token": await token({ expires: Math.floor(Date.now() / 1000) - 120 }),
    "a wrong audience": await token({ audience: "another-application" }),
    "a wrong issuer": await token({ issuer: "https://evil.cloudflareaccess.com" }),
    "garbage": "not.a.jwt",
    "alg none": `${Buffer.from('{"alg":"none","kid":"test-key-1"}').toString("base64url")}.${Buffer.from(JSON.stringify({ email: USER, aud: AUD, iss: ISSUER, exp: 9999999999 })).toString("base64url")}.`,
  };
  for (const [what, jwt] of Object.entries(tokens)) {
    const headers = jwt ? { "cf-access-jwt-assertion": jwt, origin: own } : { origin: own };
    for (const [method, path] of [["GET", "/v2/clusters"], ["DELETE", `/v2/clusters/${PREVIEW}/drop`], ["GET", "/"], ["GET", "/console-config.json"]]) {
      refused(await send(worker, method, path, headers), 401, `${what}: ${method} ${path}`);
    }
  }
  equal(await forwarded(), [], "forwarded");
  await settle();
  const lines = linesSince(mark);
  equal(lines.length, Object.keys(tokens).length * 4, "one log line per refusal");
  equal([...new Set(lines.map((l) => `${l.outcome} ${l.status} ${l.user}`))], ["refused 401 null"], "lines");
  equal(lines.filter((l) => l.method === "DELETE").map((l) => l.reason.replace(/^the Access token was refused: /, "")),
    ["no Cf-Access-Jwt-Assertion header: sign in through Cloudflare Access", "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "ERR_JWT_EXPIRED",
      "ERR_JWT_CLAIM_VALIDATION_FAILED (aud)", "ERR_JWT_CLAIM_VALIDATION_FAILED (iss)", "ERR_JWS_INVALID", "ERR_JOSE_ALG_NOT_ALLOWED"], "why");
  for (const jwt of Object.values(tokens)) if (jwt) assert(!output.includes(jwt), "a token was logged");
  equal(certsFetches, 1, "the team's keys were fetched once and cached");
});

// Each must be answered 404 with nothing forwarded: other methods, other paths, encoded
// characters, a query the endpoint does not take.
const LONG = "x".repeat(129);
const UNLISTED = [
  ["GET", `/v2/clusters/${PREVIEW}/drop`], ["POST", `/v2/clusters/${PREVIEW}/drop`], ["PUT", `/v2/clusters/${PREVIEW}`],
  ["DELETE", `/v2/clusters/${PREVIEW}`], ["PATCH", "/v2/clusters"], ["POST", "/v2/clusters"], ["POST", "/v2/clusters/create"],
  ["GET", `/v2/clusters/${PREVIEW}/suspend`], ["DELETE", `/v2/clusters/${PREVIEW}/resume`], ["GET", `/v2/clusters/${PREVIEW}/extra`],
  ["GET", "/v2/clusters/"], ["DELETE", `/v2/clusters/${PREVIEW}/drop/`], ["GET", "/v1/clusters"], ["GET", "/V2/clusters"], ["GET", "/v2/Clusters"],
  ["GET", "/v2/projects"], ["GET", `/v2/clusters/${LONG}`], ["GET", "/v2/clusters/in01%2Fx"], ["DELETE", `/v2/clusters/${PREVIEW}%2Fdrop`],
  ["DELETE", "/v2/clusters/in01%2F..%2Fx/drop"], ["GET", "/v2/clusters/in01%2Ex"], ["GET", "/v2/clusters/in01%2ex"], ["GET", "/v2/clusters/%69n01-x"],
  ["GET", "/v2/clusters/in01-x%00"], ["GET", "/v2/clusters/in01-x;drop"], ["GET", "/v2%2Fclusters"], ["GET", "/v2/clusters%3FpageSize=1"],
  ["GET", "/v2/clusters?pageSize=10&pageSize=20"], ["GET", "/v2/clusters?currentPage=1&currentPage=1"], ["GET", "/v2/clusters?pageSize=abc"],
  ["GET", "/v2/clusters?pageSize=-1"], ["GET", "/v2/clusters?pageSize=1e3"], ["GET", "/v2/clusters?pageSize=010"], ["GET", "/v2/clusters?PageSize=10"],
  ["GET", "/v2/clusters?pageSize=10&projectId=p"], ["GET", "/v2/clusters?pageSize"], ["GET", "/v2/clusters?pageSize=%31"], ["GET", "/v2/clusters?"],
  ["GET", `/v2/clusters/${PREVIEW}?pageSize=1`], ["DELETE", `/v2/clusters/${PREVIEW}/drop?force=true`], ["OPTIONS", "/v2/clusters"],
  ["GET", "/__mock/requests"], ["POST", "/__mock/reset"], ["GET", "/%2e%2e/etc/passwd"], ["GET", "/pkg/%2e%2e/%2e%2e/wrangler.toml"],
  ["GET", "/no-such-file.js"], ["TRACE", "/"], ["POST", "/"],
];

await check(`${UNLISTED.length} request shapes not on the list: 404 in the API's error shape, and nothing forwarded`, async () => {
  const mark = output.length;
  for (const [method, path] of UNLISTED) refused(await send(worker, method, path, change), 404, `${method} ${path}`);
  equal(await forwarded(), [], "forwarded");
  await settle();
  const lines = linesSince(mark);
  equal(lines.length, UNLISTED.length, "one log line per refusal");
  equal([...new Set(lines.map((l) => `${l.user} ${l.status} ${l.outcome}`))], [`${USER} 404 refused`], "lines");
});

await check("cross-site changes: another Origin, none, or Sec-Fetch-Site cross-site or same-site: 403 and nothing forwarded", async () => {
  const mark = output.length;
  const shapes = [
    ["DELETE", `/v2/clusters/${PREVIEW}/drop`, { ...signedIn, origin: "https://evil.example" }],
    ["DELETE", `/v2/clusters/${PREVIEW}/drop`, { ...signedIn }],
    ["DELETE", `/v2/clusters/${PREVIEW}/drop`, { ...signedIn, origin: "null" }],
    ["POST", `/v2/clusters/${PREVIEW}/suspend`, { ...signedIn, origin: own, "sec-fetch-site": "cross-site" }],
    ["POST", `/v2/clusters/${PREVIEW}/resume`, { ...signedIn, origin: own, "sec-fetch-site": "same-site" }],
    ["POST", `/v2/clusters/${PREVIEW}/suspend`, { ...signedIn, origin: own.replace("127.0.0.1", "localhost") }],
  ];
  for (const [method, path, headers] of shapes) refused(await send(worker, method, path, headers), 403, `${method} ${path} ${JSON.stringify(headers.origin)}`);
  equal(await forwarded(), [], "forwarded");
  await settle();
  const lines = linesSince(mark);
  equal(lines.map((l) => [l.method, l.route, l.clusterId, l.status, l.outcome, l.user]), shapes.map(([method, path]) => [method, `${method} /v2/clusters/{clusterId}/${path.split("/").pop()}`, PREVIEW, 403, "refused", USER]), "lines");
});

await check("a request body over 1 KB is refused (by its length or as it streams): 413 and nothing forwarded", async () => {
  const big = "x".repeat(1025);
  refused(await send(worker, "POST", `/v2/clusters/${PREVIEW}/suspend`, { ...change, "content-type": "application/json" }, big), 413, "with Content-Length");
  refused(await send(worker, "POST", `/v2/clusters/${PREVIEW}/suspend`, { ...change, "transfer-encoding": "chunked" }, big), 413, "chunked");
  refused(await send(worker, "POST", `/v2/clusters/${PREVIEW}/suspend`, { ...change, "content-type": "text/plain" }, "y".repeat(5000)), 413, "5,000 bytes");
  equal(await forwarded(), [], "forwarded");
  const small = await send(worker, "POST", `/v2/clusters/${PREVIEW}/suspend`, change, "{}");
  equal(small.status, 200, `a small body is not refused: ${small.text}`);
});

await check("PROTECT: a protected name costs one describe and no DELETE; a protected ID sends nothing; others drop", async () => {
  const mark = output.length;
  const byName = refused(await send(worker, "DELETE", `/v2/clusters/${PROD}/drop`, change), 403, "by name");
  equal(byName, `console-proxy: prod-search (${PROD}) matches the server's PROTECT patterns`, "message");
  equal(await forwarded(), [`GET /v2/clusters/${PROD}`], "one describe");
  refused(await send(worker, "DELETE", `/v2/clusters/${PROD_BY_ID}/drop`, change), 403, "by ID");
  equal(await forwarded(), [`GET /v2/clusters/${PROD}`], "nothing more");
  const dropped = await send(worker, "DELETE", `/v2/clusters/${PREVIEW}/drop`, change);
  equal(dropped.status, 200, `an unprotected drop: ${dropped.text}`);
  equal(await forwarded(), [`GET /v2/clusters/${PROD}`, `GET /v2/clusters/${PREVIEW}`, `DELETE /v2/clusters/${PREVIEW}/drop`], "describe, then the drop");
  const again = await send(worker, "DELETE", `/v2/clusters/${PREVIEW}/drop`, change);
  const gone = refused(again, 404, "a drop whose describe fails is not sent", 96018);
  assert(gone.includes("so the drop was not sent (not_found: "), gone);
  equal((await forwarded()).filter((r) => r.startsWith("DELETE")).length, 1, "one DELETE in all");
  await settle();
  const lines = linesSince(mark);
  equal(lines.map((l) => [l.status, l.outcome]), [[403, "refused"], [403, "refused"], [200, "forwarded"], [404, "refused"]], "lines");
  const requestId = (await mock.requests()).find((r) => r.method === "DELETE") && lines[2].requestId;
  assert(typeof requestId === "string" && requestId.length > 0, `the drop's requestId: ${requestId}`);
  equal(Object.keys(lines[2]), ["at", "user", "method", "route", "clusterId", "status", "requestId", "outcome", "access"], "a forwarded change's line");
  equal([lines[2].user, lines[2].method, lines[2].route, lines[2].clusterId, lines[2].access], [USER, "DELETE", "DELETE /v2/clusters/{clusterId}/drop", PREVIEW, "verified"], "its values");
  assert(!Number.isNaN(Date.parse(lines[2].at)), "at is a date");
});

await check("the control plane's answer: a redirect is not followed, an answer holding the key is withheld, Retry-After passes", async () => {
  await mock.fault({ status: 302, headers: { location: `${mock.url}/v2/clusters/${PROD}/drop` }, body: "" });
  const redirect = refused(await send(worker, "POST", `/v2/clusters/${PREVIEW}/suspend`, change), 502, "redirect");
  assert(redirect.includes("redirect"), redirect);
  equal(await forwarded(), [`POST /v2/clusters/${PREVIEW}/suspend`], "one request, the redirect not followed");
  await mock.fault({ status: 400, json: { code: 80000, message: `bad key ${apiKey}` } });
  const echoed = await send(worker, "GET", "/v2/clusters", signedIn);
  refused(echoed, 502, "an answer with the key");
  await mock.fault({ status: 429, headers: { "retry-after": "7" }, json: { code: 429, message: "Too many requests" } });
  const limited = await send(worker, "GET", "/v2/clusters", signedIn);
  equal([limited.status, limited.headers["retry-after"], JSON.parse(limited.text).code], [429, "7", 429], "rate limited");
  await mock.fault({ status: 502, headers: { "content-type": "text/html" }, body: "<html><script>alert(1)</script></html>" });
  const html = await send(worker, "GET", "/v2/clusters", signedIn);
  equal([html.status, html.headers["content-type"]], [502, "text/plain; charset=utf-8"], "a gateway's HTML page never renders here");
});

await check("ACCESS_REQUIRED = \"false\" (a local run): no token needed, and every log line says so", async () => {
  const local = await startWorker({ ACCESS_REQUIRED: "false", ACCESS_AUD: "", ACCESS_CERTS_URL: "" });
  const mark = output.length;
  const config = JSON.parse((await send(local, "GET", "/console-config.json")).text);
  equal(config, { proxy: true, protect: ["prod-*"], user: null, access: "off" }, "config");
  const localOrigin = new URL(local).origin;
  equal((await send(local, "POST", `/v2/clusters/${PREVIEW}/suspend`, { origin: localOrigin })).status, 200, "a suspend");
  refused(await send(local, "POST", `/v2/clusters/${PREVIEW}/suspend`, { origin: "https://evil.example" }), 403, "still no cross-site change");
  await settle();
  const lines = linesSince(mark);
  equal(lines.map((l) => [l.outcome, l.user, l.access]), [["forwarded", null, "off"], ["refused", null, "off"]], "lines");
  const misconfigured = await startWorker({ ACCESS_AUD: "" });
  refused(await send(misconfigured, "GET", "/v2/clusters", signedIn), 500, "Access required with no audience set");
  equal((await mock.requests()).filter((r) => r.method === "GET").length, 0, "nothing forwarded by the misconfigured Worker");
});

await check("Chromium: the console through the proxy lists, drops with its name as the guard and suspends, with no key in the page", async () => {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"], headless: true });
  try {
    await mock.timing({ deletingMs: 300, transitionMs: 300 });
    // Access at the edge adds the token to every request of the signed-in browser.
    const context = await browser.newContext({ extraHTTPHeaders: signedIn, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const sent = [];
    page.on("request", (r) => sent.push({ url: r.url(), headers: r.headers(), body: r.postData() ?? "" }));
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${worker}/`);
    await page.waitForSelector('body[data-ready="true"]');
    equal(await page.evaluate(() => [document.getElementById("field-apiKey").hidden, document.getElementById("field-endpoint").hidden]), [true, true], "no key field, no endpoint choice");
    const note = await page.textContent("#proxy-note");
    assert(note.startsWith(`Signed in as ${USER}.`) && note.includes("refuses drops of prod-*"), note);
    equal(await page.inputValue("#protect"), "prod-*", "the server's patterns in the field");
    await page.click("#connect");
    await page.waitForSelector('#clusters-state[data-state="ready"]', { timeout: 20_000 });
    const ids = await page.$$eval("#cluster-rows tr", (rows) => rows.map((tr) => tr.dataset.id));
    equal(ids.sort(), FLEET.map((c) => c.clusterId).sort(), "listed");
    // A guarded drop: the dialog, the name typed, the drop and its wait.
    await page.click(`#cluster-rows button[data-action="drop"][data-id="${PREVIEW}"]`);
    await page.waitForSelector("#drop-dialog[open]");
    await page.fill("#confirm-name", "preview-pr-7");
    await page.click("#dialog-drop");
    await page.waitForSelector("#result[data-outcome]", { timeout: 20_000 });
    equal(await page.getAttribute("#result", "data-outcome"), "success", `the drop: ${await page.textContent("#result")}`);
    await page.waitForSelector('#wait[data-state]:not([data-state="waiting"])', { timeout: 20_000 });
    // A suspend from a row, waited for.
    // A suspend from prod-search's row (protected: a lock instead of Drop, Suspend beside it).
    await page.click(`#cluster-rows button[data-action="suspend"][data-id="${PROD}"]`);
    await page.waitForFunction(() => /prod-search is suspended at/.test(document.getElementById("wait-outcome")?.textContent ?? ""), null, { timeout: 20_000 });
    const log = (await mock.requests()).map((r) => `${r.method} ${r.path} ${r.auth}`);
    assert(log.includes(`DELETE /v2/clusters/${PREVIEW}/drop matched`) && log.includes(`POST /v2/clusters/${PROD}/suspend matched`), log.join("\n"));
    assert(log.every((l) => l.endsWith(" matched")), "every forwarded request had the server's key");
    const guard = log.indexOf(`DELETE /v2/clusters/${PREVIEW}/drop matched`);
    equal(log.slice(guard - 2, guard), [`GET /v2/clusters/${PREVIEW} matched`, `GET /v2/clusters/${PREVIEW} matched`], "the page's guard describe, then the proxy's");
    // The key is nowhere in the page: not its requests, storage, cookies or DOM.
    const pageRequests = sent.filter((r) => r.url.startsWith(own));
    assert(pageRequests.length > 10 && sent.every((r) => r.url.startsWith(own)), `every request went to the proxy: ${sent.map((r) => r.url).join(" ")}`);
    const apiCalls = pageRequests.filter((r) => new URL(r.url).pathname.startsWith("/v2/"));
    assert(apiCalls.length >= 5 && apiCalls.every((r) => !("authorization" in r.headers)), "no Authorization header from the page");
    const everything = JSON.stringify(sent) + JSON.stringify(await context.cookies()) + await page.evaluate(() =>
      JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.documentElement.outerHTML + [...document.querySelectorAll("input")].map((i) => i.value).join(" "));
    assert(!everything.includes(apiKey) && !everything.includes(apiKey.slice(-10)), "the key reached the page");
    equal(errors, [], "page errors");
  } finally {
    await browser.close();
  }
  await settle();
});

await check("no answer or log line held the key or a token", async () => {
  assert(answers.length > 100, `answers: ${answers.length}`);
  for (const answer of answers) {
    const text = JSON.stringify(answer);
    assert(!text.includes(apiKey) && !text.includes(apiKey.slice(-10)), `an answer held the key: ${text.slice(0, 300)}`);
  }
  assert(!output.includes(apiKey) && !output.includes(apiKey.slice(-10)), "the key in the Worker's output");
  assert(!output.includes(good), "a token in the Worker's output");
  const lines = jsonLines(output);
  assert(lines.length > 60, `log lines: ${lines.length}`);
  for (const line of lines) {
    for (const key of ["at", "user", "method", "route", "clusterId", "status", "requestId", "outcome", "access"]) assert(key in line, `${key} missing: ${JSON.stringify(line)}`);
  }
});

for (const mf of workers) await mf.dispose();
await mock.stop();
certs.close();
const miniflare = JSON.parse(readFileSync(new URL("../../node_modules/miniflare/package.json", import.meta.url), "utf8")).version;
finish(`workerd via miniflare ${miniflare}; compatibility_date ${compatibilityDate}`);
