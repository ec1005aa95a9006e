// The Edge route's handler (the README's quick start), on the Node.js runtime.
export { POST } from "../edge/route.js";

export const runtime = "nodejs";
