// Compiled by tsc in each module mode of typescript.mjs (strict), then run by Node against the
// mock: a drop with the right key through the default entry, one with a wrong key through
// zilliz-cloud-wasm/inline. No top-level await: it is also compiled to CommonJS.
import { ZillizCloud, ZillizError, type ClusterActionResponse, type Region } from "zilliz-cloud-wasm";
import * as inline from "zilliz-cloud-wasm/inline";

declare const process: { argv: string[]; exitCode?: number };

async function main(baseUrl: string, apiKey: string, clusterId: string): Promise<void> {
  const region: Region = "global";
  const dropped: ClusterActionResponse = await new ZillizCloud({ apiKey, region, baseUrl }).dropCluster(clusterId);
  let kind = "none";
  try {
    await new inline.ZillizCloud({ apiKey: "sk-zcw-typescript-WRONG-5e1b", baseUrl }).dropCluster(clusterId);
  } catch (err) {
    if (err instanceof ZillizError) kind = err.kind;
  }
  console.log(JSON.stringify({ dropped, kind, sameClass: inline.ZillizError === ZillizError }));
}

// @ts-expect-error: "us-west" is not a Region, so types that were `any` would fail here.
const wrong: Region = "us-west";
void wrong;

const [baseUrl, apiKey, clusterId] = process.argv.slice(2);
main(baseUrl, apiKey, clusterId).catch((err: unknown) => {
  console.log(String(err));
  process.exitCode = 1;
});
