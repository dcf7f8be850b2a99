// Each app's `next start` output (stdout and stderr), written by the Playwright config's webServer
// command, so a spec can prove a run logged no unhandled error.
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const LOG_DIR = fileURLToPath(new URL("../.cache/e2e-logs/", import.meta.url));
export const serverLog = (app: "web" | "pets") => `${LOG_DIR}${app}.log`;

/** Where the log ends now; `logSince` reads what was written after. */
export const logOffset = (app: "web" | "pets") => statSync(serverLog(app)).size;

export const logSince = (app: "web" | "pets", offset: number) =>
  readFileSync(serverLog(app)).subarray(offset).toString();
