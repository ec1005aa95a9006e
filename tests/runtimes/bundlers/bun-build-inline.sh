# bun build for browsers with zilliz-cloud-wasm/inline: nothing to copy.
bun build app.js --target=browser --outdir=dist
