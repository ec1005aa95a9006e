# esbuild with the default entry: the README's step, run as written in a project whose app.js
# imports zilliz-cloud-wasm (bundlers.mjs runs it there).
npx esbuild app.js --bundle --format=esm --outdir=dist
cp node_modules/zilliz-cloud-wasm/zilliz_cloud_wasm_bg.wasm dist/
