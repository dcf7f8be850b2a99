export { CookieJar } from "./cookie-jar";
export { crashableServer } from "./crashable-server";
export { expectOk, factories, listingInput } from "./factories";
export { migrationsWith, removeTempDirs, tempDir } from "./temp";
