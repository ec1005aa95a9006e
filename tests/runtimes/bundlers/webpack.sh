# webpack 5 with no config file and the default entry: webpack emits the .wasm as an asset itself.
npx webpack ./app.js --target web --mode production
