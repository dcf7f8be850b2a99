// One listing photo over its WebP variants: the browser picks a width from `srcSet`, loads it lazily,
// and shows the blurred placeholder (a data: URL kept on the row) as the background until it arrives.
export interface PhotoImage {
  alt: string;
  /** The 640 px variant, for browsers without srcset. */
  src: string;
  srcSet: string;
  placeholder: string;
  width: number;
  height: number;
}

export function ListingPhoto({
  photo,
  sizes,
  className = "",
  eager = false,
}: {
  photo: PhotoImage;
  /** Which width the image is laid out at, e.g. "(min-width: 40rem) 20rem, 100vw". */
  sizes: string;
  className?: string;
  /** Above the fold: load at once. */
  eager?: boolean;
}) {
  return (
    <img
      src={photo.src}
      srcSet={photo.srcSet}
      sizes={sizes}
      alt={photo.alt}
      width={photo.width}
      height={photo.height}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
      className={`block h-auto max-w-full bg-cover bg-center ${className}`}
      style={{ backgroundImage: `url("${photo.placeholder}")` }}
    />
  );
}
