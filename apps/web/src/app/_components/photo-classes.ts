/** A listing's photo, cropped to the same shape wherever it shows. */
export const photo = "aspect-3/2 w-full rounded-lg bg-border object-cover";
