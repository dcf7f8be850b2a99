// The contract of pets' internal API, used by web's client and by pets' routes alike: each call's
// path, request body and answer. A change here changes both sides, so they cannot drift apart.
import { z } from "zod";

const UserId = z.string().trim().min(1).max(64);

/** Every refusal carries a message meant for the user (and, for bad input, the field errors). */
export const PetsApiError = z.object({
  error: z.string(),
  fieldErrors: z.record(z.string(), z.array(z.string()).optional()).optional(),
});

export const retireUser = {
  path: (userId: string) => `/api/internal/users/${encodeURIComponent(userId)}/retire`,
  userId: UserId,
  /** 409 while the user has an accepted stay. */
  response: z.object({ archived: z.int().min(0), cancelled: z.int().min(0) }),
};

export const setListingVisibility = {
  path: (listingId: string) => `/api/internal/listings/${encodeURIComponent(listingId)}/visibility`,
  body: z.strictObject({ hidden: z.boolean({ error: "hidden must be true or false" }) }),
  response: z.object({
    listing: z.object({
      id: z.string(),
      hiddenAt: z.iso.datetime({ offset: true }).nullable(),
      hiddenBy: z.string().nullable(),
    }),
    changed: z.boolean(),
  }),
};
