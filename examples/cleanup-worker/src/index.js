// The Worker: its cron trigger runs one cleanup (src/cleanup.js).
import { cleanup } from "./cleanup.js";

export default {
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(cleanup(env, controller.scheduledTime));
  },
};
