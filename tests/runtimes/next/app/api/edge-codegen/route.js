// Test only: tells whether this Edge sandbox refuses to compile wasm from bytes, as Vercel's Edge
// does. tests/runtimes/next-app.mjs checks it does before it trusts the /api/edge results.
export const runtime = "edge";

// The smallest module: "\0asm", version 1.
const EMPTY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

export async function GET() {
  const refused = {};
  try {
    new WebAssembly.Module(EMPTY_MODULE);
    refused.sync = false;
  } catch (err) {
    refused.sync = String(err);
  }
  try {
    await WebAssembly.compile(EMPTY_MODULE);
    refused.async = false;
  } catch (err) {
    refused.async = String(err);
  }
  return Response.json(refused);
}
