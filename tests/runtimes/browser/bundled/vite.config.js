// `vite build` needs no config for zilliz-cloud-wasm. The dev server needs one line: its
// dependency pre-bundling would move browser.js away from the .wasm it loads by relative URL.
export default {
  optimizeDeps: { exclude: ["zilliz-cloud-wasm"] },
};
