export { expectOk, factories } from "./factories";
export { migrationsWith, removeTempDirs, tempDir } from "./temp";
