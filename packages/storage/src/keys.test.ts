import { describe, expect, it } from "vitest";
import { imageBaseKey, isOwnersImage, newUploadId, ownerPrefix, uploadKey, variantKey } from "./keys";

const listing = { kind: "listing", id: "clx1listing" } as const;

describe("object keys", () => {
  it("binds an upload to its owner", () => {
    const id = newUploadId();
    expect(uploadKey(listing, id)).toBe(`uploads/listing/clx1listing/${id}`);
    expect(uploadKey({ kind: "avatar", id: "u_1" }, id)).toBe(`uploads/avatar/u_1/${id}`);
  });

  it("refuses ids that could escape the prefix", () => {
    expect(() => uploadKey({ kind: "listing", id: "../other" }, newUploadId())).toThrow();
    expect(() => uploadKey(listing, "../../img/x")).toThrow();
    expect(() => ownerPrefix({ kind: "listing", id: "a/b" })).toThrow();
  });

  it("addresses images by content and owner", () => {
    const bytes = Buffer.from("same bytes");
    const key = imageBaseKey(listing, bytes);
    expect(key).toMatch(/^img\/listing\/clx1listing\/[A-Za-z0-9_-]{32}$/);
    expect(imageBaseKey(listing, Buffer.from("same bytes"))).toBe(key);
    expect(imageBaseKey(listing, Buffer.from("other bytes"))).not.toBe(key);
    expect(imageBaseKey({ kind: "listing", id: "other" }, bytes).endsWith(key.slice(-32))).toBe(false);
    expect(variantKey(key, 640)).toBe(`${key}/640.webp`);
  });

  it("recognises only the owner's own image keys", () => {
    const key = imageBaseKey(listing, Buffer.from("x"));
    expect(isOwnersImage(listing, key)).toBe(true);
    expect(isOwnersImage({ kind: "listing", id: "other" }, key)).toBe(false);
    expect(isOwnersImage(listing, `${ownerPrefix(listing)}../../x`)).toBe(false);
  });
});
