"use client";

// A client component so the page's React payload carries an image's key, size, alt text and
// placeholder once, rather than every variant's URL and the attributes a second time after the HTML
// (the search page's HTML may grow by at most 2 KB per card).
import { variantKey, variantSrcSet } from "@burrow/storage/urls";
import type { ImageRef } from "@/server/photos";
import { photo } from "./photo-classes";

const round = "rounded-full bg-border object-cover";

/** Where each kind of image shows: the width it takes (for the browser's pick) and its classes. */
const LAYOUTS = {
  // Cards in the 72rem page column, at least 16rem wide: 4, 3, 2 or 1 to a row.
  card: {
    sizes: "(min-width:1104px) 270px,(min-width:832px) 33vw,(min-width:560px) 50vw,100vw",
    className: `${photo} mb-3`,
  },
  // The listing page's main column: 2/3 of the page from 56rem, the whole width below.
  cover: { sizes: "(min-width:1152px) 730px,(min-width:896px) 64vw,100vw", className: photo },
  // Under the cover, two or three to a row.
  thumb: { sizes: "(min-width:1152px) 240px,(min-width:896px) 21vw,(min-width:640px) 33vw,50vw", className: photo },
  avatar: { sizes: "96px", className: `size-24 ${round}` },
  "small-avatar": { sizes: "64px", className: `size-16 flex-none ${round}` },
} as const;

/**
 * A processed image over its WebP variants: the browser picks by `sizes`; width and height reserve
 * its box (no layout shift) and the blurred placeholder fills it until the image paints over it.
 */
export function ResponsiveImage({
  image,
  layout,
  eager = false,
}: {
  image: ImageRef;
  layout: keyof typeof LAYOUTS;
  /** Above the fold: load at once instead of when scrolled near. */
  eager?: boolean;
}) {
  const { sizes, className } = LAYOUTS[layout];
  // For browsers without srcset: the middle variant (640 wide, avatars 192).
  const fallback = image.widths[Math.min(1, image.widths.length - 1)] as number;
  return (
    <img
      className={`${className} bg-cover bg-center`}
      src={`${image.base}/${variantKey(image.key, fallback)}`}
      srcSet={variantSrcSet(image.base, image.key, image.widths, image.width)}
      sizes={sizes}
      width={image.width}
      height={image.height}
      alt={image.alt}
      loading={eager ? "eager" : "lazy"}
      // Unquoted: a base64 data URL needs no quotes, which React would write as &quot; twice.
      style={{ backgroundImage: `url(${image.placeholder})` }}
    />
  );
}
