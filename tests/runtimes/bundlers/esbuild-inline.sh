# esbuild with zilliz-cloud-wasm/inline: nothing to copy.
npx esbuild app.js --bundle --format=esm --outdir=dist
