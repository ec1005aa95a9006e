// Astro 5 rendering on request with the Node adapter; nothing here is about zilliz-cloud-wasm:
// Vite keeps the package external in the server build, so Node loads its node entry.
import { defineConfig } from "astro/config";
import node from "@astrojs/node";

export default defineConfig({ output: "server", adapter: node({ mode: "standalone" }) });
