// The Worker that run.mjs bundles with wrangler (`wrangler deploy --dry-run --outdir`) and runs
// in workerd through miniflare. GET /__contract-suite runs the shared suite against the mock
// at env.ZILLIZ_BASE_URL; every other request goes to the README's quick-start Worker.
import * as api from "zilliz-cloud-wasm";
import { runContractSuite } from "../../../shared/contract-suite.mjs";
import quickStart from "./quick-start.js";

export default {
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname === "/__contract-suite") {
      const report = await runContractSuite({ api, mockUrl: env.ZILLIZ_BASE_URL, apiKey: env.ZILLIZ_API_KEY });
      return Response.json({ ...report, runtime: navigator.userAgent });
    }
    return quickStart.fetch(request, env, ctx);
  },
};
