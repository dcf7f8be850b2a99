import type { Picture } from "@/server/photos";

/**
 * A processed image over its WebP variants: the browser picks by `sizes`; width and height reserve
 * its box (no layout shift) and the blurred placeholder fills it until the image paints over it.
 */
export function ResponsiveImage({
  picture,
  sizes,
  className,
  eager = false,
}: {
  picture: Picture;
  sizes: string;
  className: string;
  /** Above the fold: load at once instead of when scrolled near. */
  eager?: boolean;
}) {
  return (
    <img
      className={`${className} bg-cover bg-center`}
      src={picture.src}
      srcSet={picture.srcSet}
      sizes={sizes}
      width={picture.width}
      height={picture.height}
      alt={picture.alt}
      loading={eager ? "eager" : "lazy"}
      // Unquoted: a base64 data URL needs no quotes, which React would write as &quot; twice per image.
      style={{ backgroundImage: `url(${picture.placeholder})` }}
    />
  );
}
