// Vitest global setup for the integration project: real PostgreSQL and a real Mongo-wire server
// (the ones the test command started, or embedded ones started here), migrated before any test.
import { deploy, repoMigrator } from "@burrow/migrations";
import type { TestProject } from "vitest/node";
import { ensureServices, stopServices } from "./services";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    mongoUri: string;
  }
}

export default async function setup(project: TestProject) {
  const { databaseUrl, mongoUri } = await ensureServices();
  await deploy(repoMigrator(databaseUrl));
  project.provide("databaseUrl", databaseUrl);
  project.provide("mongoUri", mongoUri);
  return () => stopServices();
}
