# webpack 5 with no config file and zilliz-cloud-wasm/inline.
npx webpack ./app.js --target web --mode production
