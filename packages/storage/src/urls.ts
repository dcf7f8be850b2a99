// Where browsers load a processed image's variants. Plain string functions with no Node imports, so
// client components can build an `<img srcset>` from a key without the server sending every URL.

export function variantKey(baseKey: string, width: number): string {
  return `${baseKey}/${width}.webp`;
}

/**
 * `srcset` over the variants `widths` of the image under `key` that is `imageWidth` wide, read from
 * `base` (the public URL, no trailing slash). A narrow photo's variants were not enlarged: each
 * actual width is listed once, with that width.
 */
export function variantSrcSet(base: string, key: string, widths: readonly number[], imageWidth: number): string {
  const seen = new Set<number>();
  return widths
    .filter((w) => {
      const actual = Math.min(w, imageWidth);
      return !seen.has(actual) && seen.add(actual);
    })
    .map((w) => `${base}/${variantKey(key, w)} ${Math.min(w, imageWidth)}w`)
    .join(", ");
}
