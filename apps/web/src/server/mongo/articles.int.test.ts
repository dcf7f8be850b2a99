import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Article, articleRepository } from "./articles";
import { disconnectMongo } from "./connection";

const articles = articleRepository();
const author = { id: "user-author", isAdmin: false };
const other = { id: "user-other", isAdmin: false };
const admin = { id: "user-admin", isAdmin: true };
const draft = { title: "Walking Rex in Zürich!", body: "# Hi\n\nA **walk**.", tags: "Dogs, walks, dogs" };

async function created(input = draft, by = author) {
  const result = await articles.create(by.id, input);
  if (!result.ok) throw new Error(result.message);
  return result.article;
}

beforeAll(async () => {
  await articles.create("setup", { title: "Setup", body: "x" }); // connects and builds the indexes
});
beforeEach(async () => {
  await Article.deleteMany({});
});
afterAll(() => disconnectMongo());

describe("articleRepository: create and edit", () => {
  it("creates a draft with a slug from the title and normalized tags", async () => {
    const article = await created();
    expect(article).toMatchObject({
      slug: "walking-rex-in-zurich",
      title: "Walking Rex in Zürich!",
      body: "# Hi\n\nA **walk**.",
      tags: ["dogs", "walks"],
      authorId: author.id,
      status: "DRAFT",
      publishedAt: null,
    });
  });

  it("gives a second article with the same title its own slug, also under concurrent creates", async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => created()));
    const slugs = new Set(all.map((a) => a.slug));
    expect(slugs.size).toBe(5);
    expect(slugs).toContain("walking-rex-in-zurich");
    for (const slug of slugs) expect(slug).toMatch(/^walking-rex-in-zurich(-[0-9a-f]{6})?$/);
  });

  it.each([
    [{ title: "ab", body: "x" }, "title"],
    [{ title: "Fine title", body: "   " }, "body"],
    [{ title: "Fine title", body: "x".repeat(50_001) }, "body"],
    [{ title: "Fine title", body: "x", tags: "not a tag!" }, "tags"],
    [{ title: "Fine title", body: "x", tags: Array.from({ length: 9 }, (_, i) => `t${i}`) }, "tags"],
  ])("refuses %j with a field error on %s", async (input, field) => {
    const result = await articles.create(author.id, input);
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { [field]: expect.any(Array) } });
    expect(await Article.countDocuments()).toBe(0);
  });

  it("lets only the author edit; the slug stays", async () => {
    const article = await created();
    const edit = { title: "A new title", body: "New body", tags: ["cats"] };

    expect(await articles.update(article.slug, other.id, edit)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await articles.update(article.slug, admin.id, edit)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await articles.update("no-such-article", author.id, edit)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await articles.find(article.slug, author))?.title).toBe(draft.title);

    const result = await articles.update(article.slug, author.id, edit);
    expect(result).toMatchObject({ ok: true, article: { slug: article.slug, title: "A new title", tags: ["cats"] } });
  });
});

describe("articleRepository: publishing and visibility", () => {
  it("shows a draft only to its author and admins", async () => {
    const article = await created();
    expect(await articles.find(article.slug, null)).toBeNull();
    expect(await articles.find(article.slug, other)).toBeNull();
    expect(await articles.find(article.slug, author)).toMatchObject({ slug: article.slug });
    expect(await articles.find(article.slug, admin)).toMatchObject({ slug: article.slug });
    expect(await articles.find("../../etc", author)).toBeNull();
  });

  it("lets the author publish and unpublish; others cannot publish, admins can unpublish any", async () => {
    const article = await created();
    const now = new Date("2026-11-01T10:00:00Z");

    expect(await articles.publish(article.slug, other, now)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await articles.publish(article.slug, admin, now)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await articles.publish(article.slug, author, now)).toMatchObject({
      ok: true,
      article: { status: "PUBLISHED", publishedAt: now },
    });
    expect(await articles.find(article.slug, null)).toMatchObject({ status: "PUBLISHED" });

    expect(await articles.unpublish(article.slug, other)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await articles.unpublish(article.slug, admin)).toMatchObject({ ok: true, article: { status: "DRAFT" } });
    expect(await articles.find(article.slug, null)).toBeNull();

    await articles.publish(article.slug, author, now);
    expect(await articles.unpublish(article.slug, author)).toMatchObject({ ok: true, article: { status: "DRAFT" } });
    expect(await articles.unpublish("no-such-article", admin)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("lists published articles only, newest first, by tag, one page at a time", async () => {
    for (let i = 1; i <= 7; i++) {
      const a = await created({ title: `Article number ${i}`, body: "x", tags: i % 2 ? "dogs" : "cats" });
      if (i !== 7) await articles.publish(a.slug, author, new Date(Date.UTC(2026, 0, i)));
    }
    await created({ title: "Someone else's draft", body: "x", tags: "dogs" }, other);

    const first = await articles.listPublished({ perPage: 4 });
    expect(first).toMatchObject({ total: 6, page: 1, pageCount: 2 });
    expect(first.items.map((a) => a.title)).toEqual([
      "Article number 6",
      "Article number 5",
      "Article number 4",
      "Article number 3",
    ]);
    const second = await articles.listPublished({ page: 2, perPage: 4 });
    expect(second.items.map((a) => a.title)).toEqual(["Article number 2", "Article number 1"]);

    const dogs = await articles.listPublished({ tag: "dogs" });
    expect(dogs.items.map((a) => a.title)).toEqual(["Article number 5", "Article number 3", "Article number 1"]);
    expect((await articles.listPublished({ tag: "birds" })).items).toEqual([]);

    const mine = await articles.listByAuthor(author.id);
    expect(mine).toHaveLength(7);
    expect(mine.filter((a) => a.status === "DRAFT").map((a) => a.title)).toEqual(["Article number 7"]);
  });

  it("has a unique index on slug", async () => {
    const indexes = await Article.collection.listIndexes().toArray();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { slug: 1 }, unique: true }));
  });
});
