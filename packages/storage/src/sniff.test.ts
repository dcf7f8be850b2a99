import { describe, expect, it } from "vitest";
import { decompressionBomb, jpegWithGps, png, renamedExecutable, svgWithScript } from "./fixtures";
import { sniffImage } from "./sniff";

describe("sniffImage", () => {
  it("names images by their bytes", async () => {
    expect(await sniffImage(await jpegWithGps())).toBe("image/jpeg");
    expect(await sniffImage(await png())).toBe("image/png");
  });

  it("refuses a renamed executable, an SVG with a script, text and nothing", async () => {
    expect(await sniffImage(renamedExecutable)).toBeNull();
    expect(await sniffImage(svgWithScript)).toBeNull();
    expect(await sniffImage(Buffer.from("just some text, named photo.jpg"))).toBeNull();
    expect(await sniffImage(new Uint8Array())).toBeNull();
  });

  it("goes by the header, so a bomb still sniffs as JPEG (processing refuses it)", async () => {
    expect(await sniffImage(await decompressionBomb())).toBe("image/jpeg");
  });
});
