// Used by services.int.test.ts: starts embedded services, prints their URLs, waits for a signal.
import { ensureServices } from "@burrow/testing/services";

const { databaseUrl, mongoUri, s3 } = await ensureServices();
console.log(JSON.stringify({ databaseUrl, mongoUri, s3Endpoint: s3.S3_ENDPOINT, pid: process.pid }));
setInterval(() => {}, 1 << 30);
