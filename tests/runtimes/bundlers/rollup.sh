# Rollup 4 with @rollup/plugin-node-resolve (rollup.config.mjs) and the default entry.
npx rollup -c
cp node_modules/zilliz-cloud-wasm/zilliz_cloud_wasm_bg.wasm dist/
