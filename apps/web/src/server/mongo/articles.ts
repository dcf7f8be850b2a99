// Community articles: the repository pages and actions use (no Mongoose outside this folder).
import { randomBytes } from "node:crypto";
import { failure, invalidInput, type Result } from "@burrow/http/result";
import mongoose, { type InferRawDocTypeFromSchema, Schema } from "mongoose";
import { ARTICLE_LIMITS, ArticleInput, type ArticleInputValues, Slug, slugify } from "./article-input";
import { connectMongo } from "./connection";
import { isDuplicateKey } from "./duplicate-key";

export const ARTICLE_STATUSES = ["DRAFT", "PUBLISHED"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

const articleSchema = new Schema(
  {
    /** Fixed at creation, so links keep working when the title changes. */
    slug: { type: String, required: true, unique: true, maxlength: 100 },
    title: { type: String, required: true, trim: true, maxlength: ARTICLE_LIMITS.title },
    /** Markdown as written; rendered and sanitized on display (markdown.ts). */
    body: { type: String, required: true, maxlength: ARTICLE_LIMITS.body },
    tags: { type: [String], default: [] },
    /** identity.users.id in PostgreSQL. */
    authorId: { type: String, required: true },
    status: { type: String, enum: ARTICLE_STATUSES, required: true, default: "DRAFT" },
    publishedAt: { type: Date, default: null },
  },
  { collection: "articles", timestamps: true },
);
// The public list (newest published first, optionally by tag) and an author's own list.
articleSchema.index({ status: 1, publishedAt: -1 });
articleSchema.index({ tags: 1, status: 1, publishedAt: -1 });
articleSchema.index({ authorId: 1, updatedAt: -1 });

export const Article = mongoose.model("Article", articleSchema, undefined, { overwriteModels: true });

type ArticleDoc = InferRawDocTypeFromSchema<typeof articleSchema> & { _id: unknown };

export interface ArticleView {
  id: string;
  slug: string;
  title: string;
  body: string;
  tags: string[];
  authorId: string;
  status: ArticleStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who is acting: authors edit and publish their own articles; admins may also unpublish any. */
export interface Actor {
  id: string;
  isAdmin: boolean;
}

export interface ArticlePage {
  items: ArticleView[];
  total: number;
  page: number;
  pageCount: number;
}

const NOT_FOUND = "No such article";

function toView(doc: ArticleDoc): ArticleView {
  return {
    id: String(doc._id),
    slug: doc.slug,
    title: doc.title,
    body: doc.body,
    tags: doc.tags ?? [],
    authorId: doc.authorId,
    status: doc.status as ArticleStatus,
    publishedAt: doc.publishedAt ?? null,
    createdAt: doc.createdAt as Date,
    updatedAt: doc.updatedAt as Date,
  };
}

async function ready(): Promise<void> {
  await connectMongo();
  await Article.init();
}

/** Why a write filtered by slug and owner matched nothing: someone else's article, or none. */
async function whyNot(slug: string): Promise<Result<{ article: ArticleView }>> {
  const exists = await Article.exists({ slug });
  return exists ? failure("FORBIDDEN", "Only the author can change this article") : failure("NOT_FOUND", NOT_FOUND);
}

export function articleRepository() {
  /** Sets `set` on the article if `filter` (who may) matches; otherwise says why not. */
  async function updateWhere(
    slug: string,
    filter: Record<string, unknown>,
    set: Record<string, unknown>,
  ): Promise<Result<{ article: ArticleView }>> {
    if (!Slug.safeParse(slug).success) return failure("NOT_FOUND", NOT_FOUND);
    await ready();
    const doc = await Article.findOneAndUpdate(
      { slug, ...filter },
      { $set: set },
      { returnDocument: "after", runValidators: true },
    ).lean();
    return doc ? { ok: true, article: toView(doc) } : whyNot(slug);
  }

  return {
    /** A new draft; its slug comes from the title, with a random suffix when the title's is taken. */
    async create(authorId: string, input: ArticleInputValues): Promise<Result<{ article: ArticleView }>> {
      const parsed = ArticleInput.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      await ready();
      const base = slugify(parsed.data.title);
      for (let attempt = 0; attempt < 5; attempt++) {
        const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString("hex")}`;
        try {
          const doc = await Article.create({ ...parsed.data, slug, authorId, status: "DRAFT" });
          return { ok: true, article: toView(doc.toObject()) };
        } catch (error) {
          // The unique index on slug decides between racing authors of the same title.
          if (!isDuplicateKey(error)) throw error;
        }
      }
      return failure("CONFLICT", "Could not find a free address for this article; change its title");
    },

    /** The author edits title, body and tags; the slug and status stay. */
    async update(slug: string, authorId: string, input: ArticleInputValues): Promise<Result<{ article: ArticleView }>> {
      const parsed = ArticleInput.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      return updateWhere(slug, { authorId }, parsed.data);
    },

    /** Only the author publishes (again); publishing sets the date the list sorts by. */
    publish: (slug: string, actor: Actor, now = new Date()) =>
      updateWhere(slug, { authorId: actor.id }, { status: "PUBLISHED", publishedAt: now }),

    /** The author, or any admin, takes an article back to draft. */
    unpublish: (slug: string, actor: Actor) =>
      updateWhere(slug, actor.isAdmin ? {} : { authorId: actor.id }, { status: "DRAFT" }),

    /** An article as `viewer` may see it: drafts only for their author and admins. */
    async find(slug: string, viewer: Actor | null): Promise<ArticleView | null> {
      if (!Slug.safeParse(slug).success) return null;
      await connectMongo();
      const doc = await Article.findOne({ slug }).lean();
      if (!doc) return null;
      const visible = doc.status === "PUBLISHED" || viewer?.isAdmin || viewer?.id === doc.authorId;
      return visible ? toView(doc) : null;
    },

    /** Published articles, newest first, optionally with one tag. */
    async listPublished({
      tag,
      page = 1,
      perPage = ARTICLE_LIMITS.perPage,
    }: {
      tag?: string;
      page?: number;
      perPage?: number;
    } = {}): Promise<ArticlePage> {
      await connectMongo();
      const filter = { status: "PUBLISHED" as const, ...(tag ? { tags: tag } : {}) };
      const [total, docs] = await Promise.all([
        Article.countDocuments(filter),
        Article.find(filter)
          .sort({ publishedAt: -1, _id: -1 })
          .skip((page - 1) * perPage)
          .limit(perPage)
          .lean(),
      ]);
      return { items: docs.map(toView), total, page, pageCount: Math.max(1, Math.ceil(total / perPage)) };
    },

    /** Everything an author wrote, drafts included, most recently edited first. */
    async listByAuthor(authorId: string, limit = 50): Promise<ArticleView[]> {
      await connectMongo();
      const docs = await Article.find({ authorId }).sort({ updatedAt: -1, _id: -1 }).limit(limit).lean();
      return docs.map(toView);
    },
  };
}
