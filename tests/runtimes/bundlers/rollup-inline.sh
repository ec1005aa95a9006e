# Rollup 4 with @rollup/plugin-node-resolve (rollup.config.mjs) and zilliz-cloud-wasm/inline.
npx rollup -c
