// Vitest global setup for the integration project: real PostgreSQL and a real Mongo-wire server
// (the ones the test command started, or embedded ones started here), migrated before any test.
import { deploy, repoMigrator } from "@burrow/migrations";
import type { S3Settings } from "@burrow/testing/object-storage";
import { ensureServices, stopServices } from "@burrow/testing/services";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    mongoUri: string;
    s3: S3Settings;
  }
}

export default async function setup(project: TestProject) {
  const { databaseUrl, mongoUri, s3 } = await ensureServices();
  await deploy(repoMigrator(databaseUrl));
  project.provide("databaseUrl", databaseUrl);
  project.provide("mongoUri", mongoUri);
  project.provide("s3", s3);
  return () => stopServices();
}
