// Used by services.int.test.ts: starts embedded services, prints their URLs, waits for a signal.
import { ensureServices } from "@burrow/testing/services";

const { databaseUrl, mongoUri } = await ensureServices();
console.log(JSON.stringify({ databaseUrl, mongoUri, pid: process.pid }));
setInterval(() => {}, 1 << 30);
