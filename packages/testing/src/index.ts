export { migrationsWith, removeTempDirs, tempDir } from "./temp";
