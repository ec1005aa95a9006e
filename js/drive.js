/**
 * Runs a call of src/task.rs to its end: resumes it with what each promise
 * it waits on settles to. Resolves or rejects as the call does.
 */
export async function drive(call) {
  try {
    let value;
    let ok = true;
    for (let next; (next = call.resume(value, ok)) !== undefined; ) {
      try {
        value = await next;
        ok = true;
      } catch (e) {
        value = e;
        ok = false;
      }
    }
    return call.output();
  } finally {
    call.free();
  }
}
