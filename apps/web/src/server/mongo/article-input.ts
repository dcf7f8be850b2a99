// One schema per article operation; the forms and the repository share them.
import { z } from "zod";

export const ARTICLE_LIMITS = { title: 120, body: 50_000, tags: 8, tag: 30, perPage: 10 } as const;

const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(ARTICLE_LIMITS.tag, { error: `Tags are at most ${ARTICLE_LIMITS.tag} characters` })
  .regex(TAG, { error: "Tags use letters, digits and single dashes, like dog-walking" });

/** "dogs, Walks" or ["dogs", "walks"]: lowercase, trimmed, deduplicated. */
const Tags = z
  .union([z.string().transform((text) => text.split(",")), z.array(z.string())])
  .transform((tags) => [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))])
  .pipe(z.array(Tag).max(ARTICLE_LIMITS.tags, { error: `At most ${ARTICLE_LIMITS.tags} tags` }));

/** Create or edit an article (the edit form sends every field). */
export const ArticleInput = z.strictObject({
  title: z
    .string({ error: "Give the article a title" })
    .trim()
    .min(3, { error: "At least 3 characters" })
    .max(ARTICLE_LIMITS.title, { error: `At most ${ARTICLE_LIMITS.title} characters` }),
  body: z
    .string({ error: "Write the article" })
    .trim()
    .min(1, { error: "Write the article" })
    .max(ARTICLE_LIMITS.body, { error: `At most ${ARTICLE_LIMITS.body} characters` }),
  tags: Tags.default([]),
});
export type ArticleInputValues = z.input<typeof ArticleInput>;

/** The /articles query string; bad values fall back to the first page of everything, with a message. */
export const ArticleListQuery = z.object({
  tag: Tag.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** A URL-safe slug from a title: "Walking Rex in Zürich!" → "walking-rex-in-zurich". */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "article";
}

export const Slug = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
