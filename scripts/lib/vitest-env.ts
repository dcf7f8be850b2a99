// Runs in each integration test worker: app code reads its env like in production.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.MONGODB_URI = inject("mongoUri");
Object.assign(process.env, inject("s3"));
