// Web's object storage (@burrow/storage, its S3_* variables validated on first use) and what pages
// need to show a processed image: its variants' URLs as `src`/`srcset`, its size and placeholder.
import { type PhotoKind, type PhotoStorage, photoStorage } from "@burrow/storage";

let storage: PhotoStorage | undefined;

export function photos(): PhotoStorage {
  storage ??= photoStorage();
  return storage;
}

/** The attributes of one responsive `<img>` over a processed image's WebP variants. */
export interface Picture {
  src: string;
  srcSet: string;
  width: number;
  height: number;
  alt: string;
  /** `data:image/webp;base64,…`, painted behind the image while it loads. */
  placeholder: string;
}

/** The variant old browsers (no srcset) load: one that suits a card or an avatar at 2× density. */
const FALLBACK_WIDTH: Record<PhotoKind, number> = { listing: 640, avatar: 192 };

export function pictureOf(
  kind: PhotoKind,
  image: { key: string; width: number; height: number; placeholder: string },
  alt: string,
): Picture {
  const storage = photos();
  return {
    src: storage.url(image.key, FALLBACK_WIDTH[kind]),
    srcSet: storage.srcSet(kind, image),
    width: image.width,
    height: image.height,
    alt,
    placeholder: image.placeholder,
  };
}
