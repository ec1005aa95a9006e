// The size budget of what a browser downloads: the .wasm plus the JS glue of the
// browser entry (the glue with its snippets, and the entry), each gzipped at level 9.
// Prints the figures and a SUITE line; exits 1 over budget.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** Issue 10's budget (the Rust API on wasm-bindgen-futures, a well-kept allocator) of 24,576,
 *  plus 2,560 for issue 11's hardening (the JS classes that keep every exception out of wasm,
 *  strict HTTP dates, the key cleaned of every 8-byte run, base URLs through the runtime's URL;
 *  2,479 bytes measured). The test fails above exactly this figure. */
export const BUDGET_BYTES = 27_136;

// The package folder: pkg/ of this checkout, or the first argument.
const pkg = process.argv[2] ?? new URL("../../pkg/", import.meta.url).pathname;
const files = [
  ["wasm", join(pkg, "zilliz_cloud_wasm_bg.wasm")],
  ["glue", join(pkg, "zilliz_cloud_wasm.js")],
  ["browser entry", join(pkg, "browser.js")],
];
// Earlier layouts (bench/size-steps.sh rebuilds them) shipped the glue's snippets as files of their own.
const snippets = join(pkg, "snippets");
if (existsSync(snippets)) {
  for (const e of readdirSync(snippets, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) files.push([e.name, join(e.parentPath ?? e.path, e.name)]);
  }
}
let total = 0;
for (const [name, path] of files) {
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${name.padEnd(14)} ${String(raw.length).padStart(7)} raw ${String(gz).padStart(7)} gzipped`);
}
const ok = total <= BUDGET_BYTES;
console.log(`total gzipped: ${total} bytes; budget ${BUDGET_BYTES} (${ok ? `${BUDGET_BYTES - total} to spare` : `OVER by ${total - BUDGET_BYTES}`})`);
console.log(`SUITE size ${ok ? 1 : 0} ${ok ? 0 : 1}`);
process.exit(ok ? 0 : 1);
