import type { PhotoView } from "@burrow/db";
import { imageRef } from "@/server/photos";
import { ResponsiveImage } from "../../../_components/responsive-image";

/** A listing's uploaded photos in order, the cover first and across the column, each described by its alt text. */
export function PhotoGallery({ photos }: { photos: PhotoView[] }) {
  return (
    <ul className="m-0 grid list-none grid-cols-2 gap-2 p-0 sm:grid-cols-3" aria-label="Photos">
      {photos.map((p, i) => (
        <li key={p.id} className={i === 0 ? "col-span-full" : undefined}>
          <ResponsiveImage image={imageRef("listing", p, p.alt)} layout={i === 0 ? "cover" : "thumb"} eager={i === 0} />
        </li>
      ))}
    </ul>
  );
}
