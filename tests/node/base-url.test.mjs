// Property test: base URLs against the runtime's URL. What the client sends must be what
// `new URL` makes of it, and the path prefix must survive; what `new URL` refuses (or would
// resolve a dot segment in) the client refuses. Generated inputs are mostly valid and near
// the edges: hosts in any case, IPv4 and IPv6 in odd spellings, default and padded ports,
// percent-escapes, trailing slashes. ZCW_FUZZ_CASES sets the count (make fuzz: 1,000,000).
import { it } from "node:test";
import assert from "node:assert/strict";
import { ZillizCloud } from "zilliz-cloud-wasm";

const CASES = Number(process.env.ZCW_FUZZ_CASES ?? 3000);
const ID = "in01-6183d6bac30f801";
const KEY = "sk-zcw-base-url-property-key";

/** A seeded generator (mulberry32), so that a failure names a case that can be rerun. */
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (...xs) => xs[int(xs.length)];
  const chars = (set, min, max) => Array.from({ length: min + int(max - min + 1) }, () => set[int(set.length)]).join("");
  const LABEL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
  const HEX = "0123456789abcdefABCDEF";
  const PATH = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@";
  const ipv4 = () => pick(
    () => Array.from({ length: 4 }, () => int(256)).join("."),
    () => Array.from({ length: 4 }, () => pick(String(int(256)), "0" + int(100), String(int(400)))).join("."),
    () => pick("127.1", "10.1.2", "0x7f.0.0.1", "0x7F000001", "2130706433", "1.2.3.4.", "0177.0.0.1"),
  )();
  const ipv6 = () => {
    const groups = Array.from({ length: 8 }, () => pick("0", "0", chars(HEX, 1, 4), "00" + chars(HEX, 1, 2)));
    const text = pick(
      () => groups.join(":"),
      () => { const at = int(7); return [...groups.slice(0, at), "", ...groups.slice(at + 2)].join(":").replace(/:{3,}/, "::"); },
      () => "::" + groups.slice(0, int(4)).join(":"),
      () => pick("::", "::1", "1::", "0:0:0:0:0:0:0:1", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8:9", "1::2::3"),
    )();
    return `[${text}]`;
  };
  const domain = () => {
    const labels = Array.from({ length: 1 + int(3) }, () => chars(LABEL, 1, 8));
    return labels.join(".") + (random() < 0.1 ? "." : "");
  };
  const host = () => (random() < 0.05 ? pick("xn--nxasmq6b.example", "a..b", ".a", "h\\x", "hé.example") : pick(domain, domain, domain, () => "localhost", ipv4, ipv6)());
  const port = (scheme) => pick(
    "", "", "",
    () => `:${int(65536)}`,
    () => `:${scheme.toLowerCase() === "https" ? 443 : 80}`,
    () => `:0${int(10000)}`,
    () => `:${65536 + int(100000)}`,
    () => ":",
  );
  const segment = () => pick(
    () => chars(PATH, 1, 10),
    () => chars(PATH, 0, 4) + "%" + chars(HEX, 2, 2) + chars(PATH, 0, 4),
    () => (random() < 0.3 ? pick(".", "..", "%2e", "%2E%2e", ".%2e", "%2e.") : pick("...", "a.b", ".x", "x.")),
    () => "",
  )();
  const path = () => {
    const n = pick(0, 0, 1, 2, 3);
    let p = Array.from({ length: n }, () => "/" + segment()).join("");
    if (random() < 0.3) p += "/".repeat(1 + int(2));
    return p;
  };
  const extra = () => (random() < 0.1 ? pick("?q=1", "#f", "user:pw@", " ") : "");
  return () => {
    const scheme = pick("http", "https", "HTTP", "Https");
    const e = extra();
    const p = port(scheme);
    const authority = (e === "user:pw@" ? e : "") + host() + (typeof p == "function" ? p() : p);
    return `${scheme}://${authority}${path()}${e !== "user:pw@" ? e : ""}`;
  };
}

function hasDotSegment(url) {
  const path = url.replace(/^[a-z]+:\/\/[^/]*/i, "");
  return path.split(/[/?#]/).some((s) => /^(\.|%2e){1,2}$/i.test(s));
}

it(`base URLs agree with the runtime's URL (${CASES} generated cases)`, async () => {
  const next = generator(rng(0x5eed));
  let accepted = 0;
  for (let i = 0; i < CASES; i++) {
    const base = next();
    let sent = null;
    let client = null;
    try {
      client = new ZillizCloud({ apiKey: KEY, baseUrl: base, maxRetries: 0, fetch: async (url) => ((sent = url), new Response("{}", { status: 500 })) });
    } catch (err) {
      assert.equal(err.kind, "invalid_input", `${i}: ${base}: ${err}`);
      continue;
    }
    accepted++;
    let reference;
    try {
      reference = new URL(base);
    } catch {
      assert.fail(`case ${i}: ${JSON.stringify(base)} is accepted but new URL refuses it`);
    }
    assert.ok(!hasDotSegment(base), `case ${i}: ${JSON.stringify(base)} has a dot segment`);
    assert.equal(reference.search + reference.hash + reference.username + reference.password, "", `case ${i}: ${base}`);
    await client.dropCluster(ID).catch(() => {});
    assert.equal(sent, new URL(sent).href, `case ${i}: ${JSON.stringify(base)}: what is sent is what new URL makes of it`);
    const prefix = reference.href.replace(/\/+$/, "");
    assert.equal(sent, `${prefix}/v2/clusters/${ID}/drop`, `case ${i}: ${JSON.stringify(base)}: the path prefix survives`);
  }
  assert.ok(accepted > CASES * 0.4, `mostly valid inputs: ${accepted} of ${CASES} accepted`);
});
