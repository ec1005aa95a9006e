// The Node suite's mock: tests/support/mock.mjs with this suite's key and clusters.
import { startMock as start } from "../../support/mock.mjs";

export const API_KEY = "sk-zcw-test-SECRET-7f3a9c2e41";
export const SEEDED = ["in01-6183d6bac30f801", "in01-0123456789abcde", "in02-fedcba987654321"];

export const startMock = ({ rate = 1000, clusters = SEEDED, apiKey = API_KEY } = {}) =>
  start({ rate, clusters, apiKey, showLog: Boolean(process.env.MOCK_STDERR) });
