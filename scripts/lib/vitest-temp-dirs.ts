// Each test file's temp folders (made with tempDir from @burrow/db/testing) go when it ends.
import { removeTempDirs } from "@burrow/db/testing";
import { afterAll } from "vitest";

afterAll(removeTempDirs);
