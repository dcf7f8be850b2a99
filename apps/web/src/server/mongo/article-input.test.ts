import { describe, expect, it } from "vitest";
import { ArticleInput, ArticleListQuery, slugify } from "./article-input";

describe("slugify", () => {
  it.each([
    ["Walking Rex in Zürich!", "walking-rex-in-zurich"],
    ["  --Cats & dogs--  ", "cats-dogs"],
    ["日本語だけ", "article"],
    ["a".repeat(90), "a".repeat(80)],
    [`${"word ".repeat(16)}end`, "word-".repeat(16).slice(0, 79)],
  ])("%s → %s", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

describe("ArticleInput", () => {
  it("normalizes tags from a comma list", () => {
    expect(ArticleInput.parse({ title: "Title", body: "Body", tags: " Dogs, cats,,dogs " }).tags).toEqual([
      "dogs",
      "cats",
    ]);
    expect(ArticleInput.parse({ title: "Title", body: "Body" }).tags).toEqual([]);
  });

  it.each(["dogs!", "two words", "-dash", "x".repeat(31)])("refuses the tag %s", (tag) => {
    expect(ArticleInput.safeParse({ title: "Title", body: "Body", tags: tag }).success).toBe(false);
  });
});

describe("ArticleListQuery", () => {
  it("parses a tag and a page, and refuses garbage", () => {
    expect(ArticleListQuery.parse({ tag: "dogs", page: "3" })).toEqual({ tag: "dogs", page: 3 });
    expect(ArticleListQuery.parse({})).toEqual({ page: 1 });
    for (const query of [{ page: "-1" }, { page: "1e9" }, { page: "abc" }, { tag: "<script>" }, { tag: "a%" }]) {
      expect(ArticleListQuery.safeParse(query).success).toBe(false);
    }
  });
});
