import "server-only";
import type { PhotoView } from "@burrow/db";
import type { PhotoImage } from "@/app/_components/listing-photo";
import { photos } from "./photos";

/** A photo row as ListingPhoto renders it: URLs of its variants in this deployment's storage. */
export function photoImage(photo: PhotoView): PhotoImage & { id: string } {
  const storage = photos();
  return {
    id: photo.id,
    alt: photo.alt,
    src: storage.url(photo.key, 640),
    srcSet: storage.srcSet("listing", photo),
    placeholder: photo.placeholder,
    width: photo.width,
    height: photo.height,
  };
}
