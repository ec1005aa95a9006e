// Preloaded into `next start` (NODE_OPTIONS=--require) by next-app.mjs: every Edge Runtime sandbox
// the server makes refuses to compile wasm from bytes, as Vercel's Edge does. Next.js's production
// server leaves the sandbox's codeGeneration to edge-runtime's default, which allows it; this patch
// sets `wasm: false` on the vm context, so V8 itself refuses ("Wasm code generation disallowed by
// embedder"). A WebAssembly.Module that Next compiled at start-up (a `?module` import) still works.
const vm = require("node:vm");
const createContext = vm.createContext;
vm.createContext = function (sandbox, options) {
  if (options && options.name === "Edge Runtime") {
    options = { ...options, codeGeneration: { ...options.codeGeneration, wasm: false } };
  }
  return createContext.call(this, sandbox, options);
};
