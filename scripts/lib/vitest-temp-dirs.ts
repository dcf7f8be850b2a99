// Each test file's temp folders (made with tempDir from @burrow/testing) go when it ends.
import { removeTempDirs } from "@burrow/testing";
import { afterAll } from "vitest";

afterAll(removeTempDirs);
