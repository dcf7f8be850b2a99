// What a user may write to their profile: one schema for PATCH /api/profile and the profile form.
import type { Species } from "@burrow/db";
import type { FieldErrors } from "@burrow/http/result";
import { z } from "zod";

/** The species PostgreSQL's listings know, so a profile's pets match what sitters accept. */
export const PET_SPECIES = [
  "DOG",
  "CAT",
  "BIRD",
  "RABBIT",
  "RODENT",
  "REPTILE",
  "FISH",
  "OTHER",
] as const satisfies readonly Species[];

export const PROFILE_CATEGORIES = ["sitting", "walking", "boarding", "daycare", "grooming", "training"] as const;

export const PROFILE_LIMITS = { bio: 2000, socialLinks: 5, pets: 10, categories: PROFILE_CATEGORIES.length } as const;

const httpsUrl = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `At most ${max} characters` })
    .pipe(z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: "Use an https:// address" }));

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `At most ${max} characters` });

const SocialLink = z.strictObject({
  label: text(40).min(1, { error: "Name the link" }),
  url: httpsUrl(300),
});

const Pet = z.strictObject({
  name: text(60).min(1, { error: "Name your pet" }),
  species: z.enum(PET_SPECIES, { error: "Choose a species" }),
  age: z
    .int({ error: "Age is a whole number of years" })
    .min(0, { error: "Age cannot be negative" })
    .max(60, { error: "Age is at most 60" })
    .optional(),
  notes: text(1000).optional(),
});

/** PATCH semantics: absent fields stay as they are; an empty avatarUrl (or null) removes it. */
export const ProfileUpdate = z.strictObject({
  bio: text(PROFILE_LIMITS.bio).optional(),
  avatarUrl: z
    .union([z.literal("").or(z.null()), httpsUrl(500)])
    .transform((url) => url || null)
    .optional(),
  socialLinks: z
    .array(SocialLink)
    .max(PROFILE_LIMITS.socialLinks, { error: `At most ${PROFILE_LIMITS.socialLinks} links` })
    .optional(),
  pets: z
    .array(Pet)
    .max(PROFILE_LIMITS.pets, { error: `At most ${PROFILE_LIMITS.pets} pets` })
    .optional(),
  categories: z
    .array(z.enum(PROFILE_CATEGORIES, { error: "Unknown category" }))
    .max(PROFILE_LIMITS.categories)
    .transform((categories) => [...new Set(categories)])
    .optional(),
});
export type ProfileUpdateInput = z.input<typeof ProfileUpdate>;
export type ProfileChanges = z.output<typeof ProfileUpdate>;

/** The profile form's row lists; their inputs are named `pets.3.name`, `socialLinks.0.url`, … */
const ROW_FIELDS = { socialLinks: ["label", "url"], pets: ["name", "species", "age", "notes"] } as const;
type RowList = keyof typeof ROW_FIELDS;

interface ProfileFormInput {
  /** ProfileUpdate's input. */
  input: Record<string, unknown>;
  /** The form's row number of each row kept in `input`, in order: `input.pets[1]` is form row `rows.pets[1]`. */
  rows: Record<RowList, number[]>;
}

/**
 * The profile form as ProfileUpdate's input. Rows are numbered by the form, not necessarily from 0
 * or without gaps; rows left entirely blank are dropped, and every field is sent, so saving
 * replaces the profile.
 */
export function profileFormToInput(form: FormData): ProfileFormInput {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const rows = (list: RowList) => {
    const numbers = new Set<number>();
    for (const name of form.keys()) {
      const match = new RegExp(`^${list}\\.(\\d{1,4})\\.`).exec(name);
      if (match) numbers.add(Number(match[1]));
    }
    return [...numbers]
      .sort((a, b) => a - b)
      .map((n) => ({
        n,
        row: Object.fromEntries(ROW_FIELDS[list].map((key) => [key, field(`${list}.${n}.${key}`).trim()])),
      }))
      .filter(({ row }) => Object.values(row).some((value) => value !== ""));
  };
  const socialLinks = rows("socialLinks");
  const pets = rows("pets");
  return {
    input: {
      bio: field("bio"),
      avatarUrl: field("avatarUrl"),
      categories: form.getAll("categories").filter((c) => typeof c === "string"),
      socialLinks: socialLinks.map(({ row }) => row),
      pets: pets.map(({ row: { age, notes, ...pet } }) => ({
        ...pet,
        ...(age === "" ? {} : { age: Number(age) }),
        ...(notes === "" ? {} : { notes }),
      })),
    },
    rows: { socialLinks: socialLinks.map(({ n }) => n), pets: pets.map(({ n }) => n) },
  };
}

/** Field errors of the form's input keyed by the form's own input names: `pets.1.name` → `pets.3.name`. */
export function formFieldErrors(fieldErrors: FieldErrors, rows: ProfileFormInput["rows"]): FieldErrors {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([path, messages]) => {
      const [list, index, ...rest] = path.split(".");
      const row = list === "pets" || list === "socialLinks" ? rows[list][Number(index)] : undefined;
      return [row === undefined ? path : [list, row, ...rest].join("."), messages];
    }),
  );
}
