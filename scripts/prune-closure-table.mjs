// Drops from the function table the closure shims that nothing can call, so that wasm-opt can
// remove them: 145 bytes gzipped less for the shims, 111 more for the JSPI wakers (measured with
// tests/size/size.mjs; docs/size-and-speed.md, "The size budget"). wasm-opt had already merged
// most of the shims, alike as they are, which is why it is not more.
//
// Why they are there: every js-sys import that takes a closure (TypedArray.forEach, Set.forEach,
// Array.find, ...) has a describe function, exported by the compiler from every crate, which
// takes the address of that closure type's invoke shim; so the linker puts each shim into the
// function table, used or not. wasm-bindgen runs the describe functions and deletes them, and
// since 0.2.105 hands every closure the package really makes to JS as an *export* of its shim
// (wasm-bindgen PR #4681), never as a table index. The table still keeps the rest alive: Rust's
// own indirect calls (trait objects) go through it, so no tool may drop its entries.
//
// What this removes is therefore exactly: a table entry whose function is a closure invoke shim
// (`wasm_bindgen::convert::closures::..::invoke::<..>`) and is not exported. Rust code never
// calls such a shim (only JS does, through the export), so no indirect call can reach those
// entries.
//
// The same holds of js-sys's JSPI task machinery (`js_sys::futures::jspi::..`: a spawned task's
// waker) in a module with no JSPI export: wasm-bindgen then makes `__wbindgen_jspi_in_context` a
// constant false, so no JSPI task is ever made, as js-sys documents ("no JSPI machinery is
// emitted"); only its waker's vtable, in the table, keeps it. This is checked, not assumed: the
// entries stay unless that intrinsic is exactly `i32.const 0`.
//
// Each entry taken out is replaced by one function that traps, and the table keeps its layout.
// Every runtime suite of `make test` runs the result.
//
//   node scripts/prune-closure-table.mjs <in.wasm> <out.wasm>   (prints what it removed)
import { readFileSync, writeFileSync } from "node:fs";
import binaryen from "binaryen";

const [input, output] = process.argv.slice(2);
const module = binaryen.readBinary(readFileSync(input));
// The features scripts/build.sh gives wasm-opt, no more.
const F = binaryen.Features;
module.setFeatures(F.MVP | F.BulkMemory | (F.BulkMemoryOpt ?? 0) | (F.CallIndirectOverlong ?? 0) | F.NontrappingFPToInt | F.SignExt | F.MutableGlobals | F.ReferenceTypes | F.Multivalue);

const exported = new Set();
for (let i = 0; i < module.getNumExports(); i++) {
  const info = binaryen.getExportInfo(module.getExportByIndex(i));
  if (info.kind === binaryen.ExternalFunction) exported.add(info.value);
}
/** Whether JSPI is off in this module: its in-context intrinsic answers a constant false. */
function jspiOff() {
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const f = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (!/__wbindgen_jspi_in_context/.test(f.name) || !f.body) continue;
    const body = binaryen.getExpressionInfo(f.body);
    return body.id === binaryen.ConstId && body.value === 0;
  }
  return false;
}
const noJspi = jspiOff();
const isDeadShim = (name) =>
  !exported.has(name) && (/::convert::closures::.*invoke::</.test(name) || (noJspi && /^[^<]*js_sys\[[0-9a-f]+\]::futures::jspi::/.test(name)));

const TRAP = "__zcw_pruned_closure_shim";
let removed = 0;
const segments = [];
for (let i = 0; i < module.getNumElementSegments(); i++) segments.push(binaryen.getElementSegmentInfo(module.getElementSegmentByIndex(i)));
for (const segment of segments) {
  const data = segment.data.map((name) => (isDeadShim(name) ? (removed++, TRAP) : name));
  if (data.every((name, i) => name === segment.data[i])) continue;
  if (!module.getFunction(TRAP)) module.addFunction(TRAP, binaryen.none, binaryen.none, [], module.unreachable());
  const offset = binaryen.getExpressionInfo(segment.offset);
  if (offset.id !== binaryen.ConstId) throw new Error(`prune-closure-table: segment ${segment.name} has no constant offset`);
  module.removeElementSegment(segment.name);
  module.addActiveElementSegment(segment.table, segment.name, data, module.i32.const(offset.value));
}
if (!module.validate()) throw new Error("prune-closure-table: the result does not validate");
writeFileSync(output, module.emitBinary());
console.log(`prune-closure-table: ${removed} closure shims${noJspi ? " and JSPI wakers" : ""} no code can call taken out of the function table`);
