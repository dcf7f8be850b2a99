// Issue 18, the pets side: a sitter uploads two photos straight to the object storage (generated
// JPEGs), describes them, moves the second to the front with the keyboard and sees them in that
// order in pets, served from storage over the WebP variants; an anonymous visitor on web then sees
// the new cover on the search card and both photos in the gallery. The sitter signs in through the
// real magic link.
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { expect, signedIn, test } from "./fixtures";
import { pets, web } from "./urls";

/** The listing's title and the photos' alt texts, checked again on web. */
const PHOTO_LISTING_TITLE = `E2E photo flat ${Date.now().toString(36)}`;
const COVER_ALT = "The sofa by the window, with the cat's blanket";
const SECOND_ALT = "The garden with the old apple tree";

/** A phone-like JPEG of one colour with noise, `width`×`height`. */
const jpeg = (background: string, width = 1600, height = 1200) =>
  sharp({ create: { width, height, channels: 3, background, noise: { type: "gaussian", mean: 100, sigma: 30 } } })
    .jpeg({ quality: 80 })
    .toBuffer();

const photoList = (page: Page) => page.getByRole("list", { name: "Photos, cover first" });
const status = (page: Page) => page.getByTestId("photo-status");
const altsInOrder = (page: Page) =>
  photoList(page)
    .getByRole("img")
    .evaluateAll((images) => images.map((i) => i.getAttribute("alt")));

test("a sitter uploads two photos, describes them and reorders them with the keyboard", async ({
  page,
  data,
  browser,
}) => {
  const sitter = await data.user("SITTER");
  const listing = await data.listing(sitter.id, { title: PHOTO_LISTING_TITLE });
  const edit = `${pets.url}/listings/${listing.id}/edit`;
  await signedIn(page, sitter, edit);
  await expect(page).toHaveURL(edit);
  await expect(page.getByText("No photos yet.")).toBeVisible();
  // The legacy address field is offered while the listing has no uploads.
  await expect(page.getByLabel("Photo addresses")).toBeVisible();

  await page.getByLabel("Choose photos").setInputFiles([
    { name: "garden.jpg", mimeType: "image/jpeg", buffer: await jpeg("#4a7a3a") },
    { name: "sofa.jpg", mimeType: "image/jpeg", buffer: await jpeg("#8a5a9a", 1200, 1600) },
  ]);
  await expect(status(page)).toHaveText("2 photos chosen: describe each, then upload.");
  // Alt text is required: nothing is uploaded without it.
  await page.getByRole("button", { name: "Upload 2 photos" }).click();
  await expect(page.getByText("Describe the photo for people who cannot see it").first()).toBeVisible();
  await page.getByLabel("Description of garden.jpg").fill(SECOND_ALT);
  await page.getByLabel("Description of sofa.jpg").fill("The sofa");
  await page.getByRole("button", { name: "Upload 2 photos" }).click();
  await expect(status(page)).toHaveText("2 photos added.", { timeout: 60_000 });
  await expect(photoList(page).getByRole("img")).toHaveCount(2);
  expect(await altsInOrder(page)).toEqual([SECOND_ALT, "The sofa"]);
  await expect(page.getByLabel("Photo addresses")).toHaveCount(0);

  // Every photo loads from storage, at a variant's width (never the original), lazily.
  for (const img of await photoList(page).getByRole("img").all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
    expect(await img.evaluate((i: HTMLImageElement) => i.currentSrc)).toMatch(
      /\/img\/listing\/.+\/(320|640|1280)\.webp$/,
    );
    await expect(img).toHaveAttribute("loading", "lazy");
    // Each variant with its real width (a photo narrower than 1280 px was not enlarged).
    await expect(img).toHaveAttribute("srcset", /\/320\.webp 320w, .+\/640\.webp 640w, .+\/1280\.webp 1[0-9]{3}w$/);
  }

  // The second photo becomes the cover, by keyboard alone.
  await page.getByRole("button", { name: "Move photo 2 up" }).focus();
  await page.keyboard.press("Enter");
  await expect(status(page)).toHaveText("Photo moved: it is now the cover.");
  await expect.poll(() => altsInOrder(page)).toEqual(["The sofa", SECOND_ALT]);
  // The keyboard stays with the moved photo: its "Move up" is disabled now, so "Move down" has focus.
  await expect(page.getByRole("button", { name: "Move photo 1 down" })).toBeFocused();

  // A better description for the cover.
  await page.getByLabel("Description of photo 1", { exact: true }).fill(COVER_ALT);
  await page.getByLabel("Description of photo 1", { exact: true }).press("Enter");
  await expect(status(page)).toHaveText("Description saved.");

  // Stored, not just shown: a new visit shows the same order.
  await page.reload();
  await expect.poll(() => altsInOrder(page)).toEqual([COVER_ALT, SECOND_ALT]);
  await expect(photoList(page).getByText("Photo 1 of 2 (cover)")).toBeVisible();

  // ─── Tenant side, on web, anonymous ─────────────────────────────────────────────────────────────
  // The search card shows the new cover, the gallery both photos in the sitter's order, and the
  // gallery fits a 360 px wide screen.
  const tenant = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const visitor = await tenant.newPage();
  await visitor.goto(`${web.url}/listings?city=${encodeURIComponent(listing.city)}`);
  const card = visitor
    .getByRole("list", { name: "Stays" })
    .getByRole("listitem")
    .filter({ hasText: PHOTO_LISTING_TITLE });
  await expect(card).toHaveCount(1);
  const cover = card.getByRole("img");
  await expect(cover).toHaveAttribute("alt", COVER_ALT);
  await expect.poll(() => cover.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);

  await card.getByRole("link").first().click();
  await expect(visitor).toHaveURL(new RegExp(`/listings/${listing.id}`));
  const gallery = visitor.getByRole("list", { name: "Photos" });
  await expect
    .poll(() => gallery.getByRole("img").evaluateAll((images) => images.map((i) => i.getAttribute("alt"))))
    .toEqual([COVER_ALT, SECOND_ALT]);
  for (const img of await gallery.getByRole("img").all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  }
  // Nothing wider than the screen: no sideways scrolling at 360 px.
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await gallery.screenshot({ path: test.info().outputPath("gallery-360.png") });
  await tenant.close();
});
