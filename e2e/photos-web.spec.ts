// Photos on web: the demo seed's pictures (drawn with sharp, processed into WebP variants in the
// object storage the run started) on the search card and in the listing's gallery, the gallery at
// 360 px, and what a photo costs the search page's HTML per card.
import { writeFile } from "node:fs/promises";
import { png, renamedExecutable } from "@burrow/storage/fixtures";
import { signIn } from "./auth";
import { expect, test } from "./fixtures";
import { web } from "./urls";

// The seed's third listing: the only "Big backyard" stay in New York, with three photos.
const SEEDED = {
  id: "cseedlisting0000000000003",
  search: "/listings?city=New+York&q=Big+backyard",
  alts: [1, 2, 3].map((n) => `(${n} of 3)`),
};

test("a tenant sees the seeded cover on the search card and every photo in the gallery", async ({ page, tenant }) => {
  await signIn(page, tenant.email);
  await page.goto(`${web.url}${SEEDED.search}`);
  const card = page.getByRole("list", { name: "Stays" }).getByRole("listitem");
  await expect(card).toHaveCount(1);
  const cover = card.getByRole("img");
  await expect(cover).toHaveAttribute("alt", /a sunny garden.*\(1 of 3\)/);
  // Eager in the first row, with its box reserved and the blurred placeholder behind it.
  await expect(cover).toHaveAttribute("loading", "eager");
  await expect(cover).toHaveAttribute("width", /^\d+$/);
  await expect(cover).toHaveAttribute("style", /background-image:url\("?data:image\/webp;base64,/);
  const srcset = (await cover.getAttribute("srcset")) ?? "";
  const candidates = srcset.split(", ").map((c) => c.split(" ")[0] as string);
  expect(candidates).toHaveLength(3);
  expect(srcset).toMatch(/\/320\.webp 320w, .*\/640\.webp 640w, .*\/1280\.webp 1280w$/);
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  for (const url of candidates) {
    const variant = await page.request.get(url);
    expect(variant.status(), url).toBe(200);
    expect(variant.headers()["content-type"]).toBe("image/webp");
    expect(variant.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  }

  await card.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/listings/${SEEDED.id}`));
  const gallery = page.getByRole("list", { name: "Photos" }).getByRole("img");
  await expect(gallery).toHaveCount(3);
  for (const [i, alt] of SEEDED.alts.entries()) await expect(gallery.nth(i)).toHaveAttribute("alt", new RegExp(alt));
  // The cover loads at once; the others lazily, but every one of them loads.
  await expect(gallery.first()).toHaveAttribute("loading", "eager");
  for (const i of [0, 1, 2]) {
    await gallery.nth(i).scrollIntoViewIfNeeded();
    await expect
      .poll(() => gallery.nth(i).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
  }
});

test("the gallery fits a 360 px wide screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${web.url}/listings/${SEEDED.id}`);
  const gallery = page.getByRole("list", { name: "Photos" });
  await expect(gallery.getByRole("img")).toHaveCount(3);
  await page.screenshot({ path: "test-results/narrow-photos-gallery.png", fullPage: true });
  const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
  expect(width, "the listing page scrolls sideways").toBeLessThanOrEqual(360);
  const box = await gallery.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
  // The cover spans the column; the others sit two to a row, none wider than the screen.
  const boxes = await gallery.getByRole("img").evaluateAll((imgs) => imgs.map((img) => img.getBoundingClientRect()));
  expect(boxes[0]?.width).toBeGreaterThan(300);
  for (const b of boxes) expect(b.right).toBeLessThanOrEqual(360);
  expect(boxes[1]?.top).toBe(boxes[2]?.top);
  await context.close();
});

test("a cover photo adds at most 2 KB per card to the search page's HTML", async ({ request, data, pool }) => {
  const CARDS = 12;
  const sitter = await data.user("SITTER");
  const first = await data.listing(sitter.id);
  const listings = [first];
  // One city for all, so one search shows them all.
  for (let i = 1; i < CARDS; i++) listings.push(await data.listing(sitter.id, { city: first.city }));
  const page = async () => {
    const res = await request.get(`${web.url}/listings?city=${encodeURIComponent(first.city)}`);
    expect(res.status()).toBe(200);
    return Buffer.from(await res.body());
  };
  const without = await page();
  expect(without.toString().match(/<li class="card">/g)).toHaveLength(CARDS);

  // The seed's largest placeholder and a realistic alt text: the cost of a real cover.
  const { rows } = await pool.query<{ placeholder: string }>(
    "SELECT placeholder FROM pets.listing_photos ORDER BY length(placeholder) DESC LIMIT 1",
  );
  const placeholder = rows[0]?.placeholder as string;
  expect(placeholder).toMatch(/^data:image\/webp;base64,/);
  for (const [i, listing] of listings.entries()) {
    await pool.query(
      `INSERT INTO pets.listing_photos (id, listing_id, key, alt, position, width, height, placeholder)
       VALUES ($1, $2, $3, $4, 0, 4032, 3024, $5)`,
      [
        `${listing.id}p`,
        listing.id,
        `img/listing/${listing.id}/${String(i).padStart(32, "k")}`,
        `The sunny living room with a sofa by the window and a dog bed, ${i}`,
        placeholder,
      ],
    );
  }
  const withCovers = await page();
  // Kept for reading what a card costs.
  await writeFile("test-results/search-page-without-covers.html", without);
  await writeFile("test-results/search-page-with-covers.html", withCovers);
  expect(withCovers.toString().match(/<img [^>]*srcset="/gi)).toHaveLength(CARDS);
  const perCard = (withCovers.length - without.length) / CARDS;
  console.log(
    `search page HTML: ${without.length} B without covers, ${withCovers.length} B with; ${perCard} B per card`,
  );
  expect(perCard).toBeGreaterThan(0);
  expect(perCard).toBeLessThanOrEqual(2048);
});

test("a user uploads an avatar on their profile page and their public profile shows it", async ({ page, tenant }) => {
  await signIn(page, tenant.email);
  await page.goto(`${web.url}/account/profile`);
  const input = page.getByLabel("Upload an avatar");
  await input.setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await png(500, 400) });
  await expect(page.getByText("Avatar saved.")).toBeVisible();
  // Square variants straight from storage, replacing the empty circle.
  const avatar = page.locator('img[srcset*="/img/avatar/"]').first();
  await expect(avatar).toHaveAttribute("srcset", /\/96\.webp 96w, .*\/192\.webp 192w, .*\/384\.webp 384w$/);
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByLabel("Replace your avatar")).toBeVisible();

  // A file that is not an image is refused by its bytes, with the server's message.
  await page
    .getByLabel("Replace your avatar")
    .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: renamedExecutable });
  await expect(page.locator("#avatar-status").getByRole("alert")).toContainText(
    "Only JPEG, PNG, WebP, HEIC and AVIF photos are accepted.",
  );

  await page.goto(`${web.url}/u/${tenant.screenname}`);
  await expect(page.locator('img[srcset*="/img/avatar/"]')).toHaveCount(1);
});
