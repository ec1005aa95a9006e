# bun build for Bun itself with zilliz-cloud-wasm/inline: the bundle runs anywhere, with no .wasm.
bun build app.js --target=bun --outdir=dist
