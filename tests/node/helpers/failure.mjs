import assert from "node:assert/strict";
import { ZillizError } from "zilliz-cloud-wasm";

/** Awaits a call that must fail, checks that it rejected with a ZillizError, and returns it. */
export async function failure(promise) {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ZillizError, `not a ZillizError: ${err}`);
    assert.ok(err instanceof Error);
    assert.equal(err.name, "ZillizError");
    return err;
  }
  assert.fail("the call succeeded");
}
