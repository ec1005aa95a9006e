// One cold start, run by bench.mjs in a fresh `node` process: import an implementation by its
// entry URL, make its first call against a stub fetch that answers at once, and let the process
// exit by itself (a timer or listener left behind would show as a slow or hung exit).
// Kept free of other imports so that the process does only this.
const [entry, mode] = process.argv.slice(2);
if (mode !== "bare") {
  const { ZillizCloud } = await import(entry);
  const body = '{"code":0,"data":{"clusterId":"in01-6183d6bac30f801","prompt":"Successfully Submitted."}}';
  const fetch = () => Promise.resolve(new Response(body, { status: 200, headers: { "content-type": "application/json" } }));
  const res = await new ZillizCloud({ apiKey: "sk-zcw-bench-key-0123456789", fetch }).dropCluster("in01-6183d6bac30f801");
  if (res.code !== 0) process.exitCode = 1;
}
