// A user's file under TypeScript's defaults (no target, no lib, no types): the package's
// declarations must compile wherever its entries resolve, whatever the module mode.
import { ZillizCloud, ZillizError, dropCluster, keptInRecycleBin } from "zilliz-cloud-wasm";
import type { ClusterInfo, StatusResult, WaitOptions } from "zilliz-cloud-wasm";
import * as inline from "zilliz-cloud-wasm/inline";

export const zc: ZillizCloud = new ZillizCloud({ apiKey: "sk-defaults-key", protect: ["prod-*"] });
export const clusters = zc.clusters({ pageSize: 10 });
export const options: WaitOptions = { maxWaitMs: 60000 };
export const waited: Promise<StatusResult> = zc.waitUntilRunning("in01-6183d6bac30f801", options);
export const kept = (c: ClusterInfo): boolean => keptInRecycleBin(c) && !zc.isProtected(c);
export const oneShot = dropCluster;
export const isError = (e: unknown): boolean => e instanceof ZillizError;
export const other: typeof ZillizCloud = inline.ZillizCloud;
