import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

const zc = new ZillizCloud({ apiKey: process.env.ZILLIZ_API_KEY, baseUrl: process.env.ZILLIZ_BASE_URL });
try {
  const res = await zc.dropCluster(process.argv[2]);
  console.log(res.data.prompt);
} catch (err) {
  if (!(err instanceof ZillizError)) throw err;
  console.error(err.kind, err.message);
  process.exitCode = 1;
}
