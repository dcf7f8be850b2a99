import { describe, expect, it } from "vitest";
import { variantKey, variantSrcSet } from "./urls";

const base = "https://cdn.example";
const key = `img/listing/l1/${"a".repeat(32)}`;

describe("variantSrcSet", () => {
  it("lists every variant by its width", () => {
    expect(variantSrcSet(base, key, [320, 640, 1280], 4032)).toBe(
      [320, 640, 1280].map((w) => `${base}/${key}/${w}.webp ${w}w`).join(", "),
    );
    expect(variantKey(key, 640)).toBe(`${key}/640.webp`);
  });

  it("lists a narrow photo's un-enlarged variants once, with their real width", () => {
    expect(variantSrcSet(base, key, [320, 640, 1280], 500)).toBe(
      `${base}/${key}/320.webp 320w, ${base}/${key}/640.webp 500w`,
    );
  });
});
