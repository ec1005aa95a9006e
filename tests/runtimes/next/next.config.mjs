// Empty on purpose: zilliz-cloud-wasm needs no Next.js configuration.
export default {};
