import type { PhotoView } from "@burrow/db";
import { pictureOf } from "@/server/photos";
import { photo } from "../../../_components/listing-card";
import { ResponsiveImage } from "../../../_components/responsive-image";

// The cover spans the main column (2/3 of the page from 56rem, the whole width below); the others
// sit two or three to a row under it.
const COVER_SIZES = "(min-width: 1152px) 730px, (min-width: 896px) 64vw, 100vw";
const THUMB_SIZES = "(min-width: 1152px) 240px, (min-width: 896px) 21vw, (min-width: 640px) 33vw, 50vw";

/** A listing's uploaded photos in order, the cover first and largest, each described by its alt text. */
export function PhotoGallery({ photos }: { photos: PhotoView[] }) {
  return (
    <ul className="m-0 grid list-none grid-cols-2 gap-2 p-0 sm:grid-cols-3" aria-label="Photos">
      {photos.map((p, i) => (
        <li key={p.id} className={i === 0 ? "col-span-full" : undefined}>
          <ResponsiveImage
            className={photo}
            picture={pictureOf("listing", p, p.alt)}
            sizes={i === 0 ? COVER_SIZES : THUMB_SIZES}
            eager={i === 0}
          />
        </li>
      ))}
    </ul>
  );
}
