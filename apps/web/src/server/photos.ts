// Web's object storage (@burrow/storage, its S3_* variables validated on first use) and what pages
// need to show a processed image: where its variants are, its size, alt text and placeholder.
import { type PhotoKind, type PhotoStorage, photoStorage, VARIANT_WIDTHS } from "@burrow/storage";

let storage: PhotoStorage | undefined;

export function photos(): PhotoStorage {
  storage ??= photoStorage();
  return storage;
}

/** A processed image as ResponsiveImage takes it: it builds the variants' URLs from `base` and `key`. */
export interface ImageRef {
  /** The public URL variants are read from (`S3_PUBLIC_URL`, else the endpoint and bucket). */
  base: string;
  key: string;
  width: number;
  height: number;
  alt: string;
  /** `data:image/webp;base64,…`, painted behind the image while it loads. */
  placeholder: string;
  /** The variants' widths (@burrow/storage's VARIANT_WIDTHS for its kind). */
  widths: readonly number[];
}

export function imageRef(
  kind: PhotoKind,
  image: { key: string; width: number; height: number; placeholder: string },
  alt: string,
): ImageRef {
  const { key, width, height, placeholder } = image;
  return { base: photos().publicUrl, key, width, height, alt, placeholder, widths: VARIANT_WIDTHS[kind] };
}
