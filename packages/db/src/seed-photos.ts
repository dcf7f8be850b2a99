// Demo photos: each seeded listing gets 1–3 pictures drawn with sharp at seed time (a gradient and a
// few shapes, no network), processed by @burrow/storage into real variants and added as listing
// photos. A listing that already has photos is left alone (a sitter may have changed them), so a
// second run is quick; after db:clean the same drawings give the same content-addressed keys, so the
// objects are rewritten in place rather than piling up.
import type { PhotoStorage } from "@burrow/storage";
import sharp from "sharp";
import type { Db } from "./client";
import { listingPhotoRepository } from "./photos/repository";
import { seedData } from "./seed";

const PALETTES = [
  ["#f4a261", "#e76f51"],
  ["#2a9d8f", "#264653"],
  ["#a8dadc", "#457b9d"],
  ["#ffb4a2", "#b5838d"],
  ["#c9e4ca", "#55828b"],
  ["#ffd166", "#ef476f"],
] as const;
const SCENES = ["a paw print", "a house", "a sunny garden"] as const;
/** Listings processed at once: sharp already uses every core for one image's variants. */
const BATCH = 3;

/** A 1280×853 JPEG (a phone-like 3:2 photo) of `scene` in one of the palettes. */
export function demoPicture(scene: (typeof SCENES)[number], palette: number): Promise<Buffer> {
  const [from, to] = PALETTES[palette % PALETTES.length] as readonly [string, string];
  const shapes = {
    "a paw print": `<ellipse cx="640" cy="520" rx="150" ry="120" fill="#fff" opacity="0.85"/>
      ${[460, 570, 710, 820].map((x, i) => `<ellipse cx="${x}" cy="${i % 3 === 0 ? 380 : 320}" rx="55" ry="70" fill="#fff" opacity="0.85"/>`).join("")}`,
    "a house": `<rect x="440" y="400" width="400" height="300" fill="#fff" opacity="0.85"/>
      <polygon points="400,410 640,220 880,410" fill="#fff" opacity="0.95"/>
      <rect x="600" y="560" width="80" height="140" fill="${to}"/>`,
    "a sunny garden": `<circle cx="1040" cy="200" r="110" fill="#ffe66d"/>
      <rect x="0" y="640" width="1280" height="213" fill="#6a994e"/>
      ${[200, 420, 640, 860].map((x) => `<circle cx="${x}" cy="620" r="70" fill="#386641"/>`).join("")}`,
  }[scene];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="853">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>
    </linearGradient></defs>
    <rect width="1280" height="853" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

/** The pictures of the listing at `index` among the seeded ones: 1, 2 or 3. */
function picturesOf(index: number, title: string) {
  return Array.from({ length: 1 + (index % 3) }, (_, n) => {
    const scene = SCENES[(index + n) % SCENES.length] as (typeof SCENES)[number];
    return { scene, palette: index + n, alt: `Drawing of ${scene} for “${title}” (${n + 1} of ${1 + (index % 3)})` };
  });
}

/** Adds the demo photos of every seeded listing that has none yet; returns how many were added. */
export async function seedPhotos(db: Db, storage: PhotoStorage): Promise<number> {
  const photos = listingPhotoRepository(db);
  const listings = seedData().listings;
  let added = 0;
  for (let i = 0; i < listings.length; i += BATCH) {
    const batch = listings.slice(i, i + BATCH).map(async (listing, j) => {
      if ((await photos.list(listing.id)).length > 0) return;
      for (const picture of picturesOf(i + j, listing.title)) {
        const owner = { kind: "listing", id: listing.id } as const;
        const stored = await storage.storeImage(owner, await demoPicture(picture.scene, picture.palette));
        if (!stored.ok) throw new Error(`demo photo of ${listing.id}: ${stored.message}`);
        const row = await photos.add(listing.sitterId, { listingId: listing.id, alt: picture.alt, ...stored.image });
        if (!row.ok) throw new Error(`demo photo of ${listing.id}: ${row.message}`);
        added++;
      }
    });
    await Promise.all(batch);
  }
  return added;
}
