import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

const zc = new ZillizCloud({ apiKey: Deno.env.get("ZILLIZ_API_KEY"), baseUrl: Deno.env.get("ZILLIZ_BASE_URL") });
try {
  const res = await zc.dropCluster(Deno.args[0]);
  console.log(res.data.prompt);
} catch (err) {
  if (!(err instanceof ZillizError)) throw err;
  console.error(err.kind, err.message);
  Deno.exitCode = 1;
}
