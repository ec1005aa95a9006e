const { ZillizCloud, ZillizError } = require("zilliz-cloud-wasm");

const zc = new ZillizCloud({ apiKey: process.env.ZILLIZ_API_KEY, baseUrl: process.env.ZILLIZ_BASE_URL });
zc.dropCluster(process.argv[2]).then(
  (res) => console.log(res.data.prompt),
  (err) => {
    if (!(err instanceof ZillizError)) throw err;
    console.error(err.kind, err.message);
    process.exitCode = 1;
  },
);
