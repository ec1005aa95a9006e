import { nodeResolve } from "@rollup/plugin-node-resolve";

export default {
  input: "app.js",
  output: { dir: "dist", format: "es" },
  plugins: [nodeResolve()],
};
