// Keeps char patterns out of the crate's code (tests aside): `s.strip_prefix('[')` links the
// UTF-8 encoder and char searchers into the wasm, where `s.strip_prefix("[")` means the same for
// an ASCII character and links none of it (166 bytes gzipped, measured by tests/size/size.mjs).
// Prints a SUITE line; exits 1 on a char pattern.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const src = new URL("../../src/", import.meta.url).pathname;
const PATTERN = /\.(strip_prefix|strip_suffix|starts_with|ends_with|split|split_once|rsplit_once|find|rfind|contains|matches|trim_matches|trim_start_matches|trim_end_matches|split_terminator)\('(\\.|[^'\\])'\)/;
const found = [];
for (const file of readdirSync(src, { recursive: true }).filter((f) => f.endsWith(".rs"))) {
  const lines = readFileSync(join(src, file), "utf8").split("\n");
  const testsAt = lines.findIndex((l) => l.trim() === "#[cfg(test)]");
  lines.slice(0, testsAt < 0 ? lines.length : testsAt).forEach((line, i) => {
    if (PATTERN.test(line)) found.push(`src/${file}:${i + 1}: ${line.trim()}`);
  });
}
for (const f of found) console.log(`a char pattern (write it as a one-byte string): ${f}`);
console.log(`SUITE size-patterns ${found.length ? 0 : 1} ${found.length ? 1 : 0}`);
process.exit(found.length ? 1 : 0);
