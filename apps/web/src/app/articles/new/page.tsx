import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { ARTICLE_LIMITS } from "@/server/mongo/article-input";
import { ArticleForm } from "../_components/article-form";
import { createArticle } from "../actions";

export const metadata: Metadata = { title: "Write an article" };

export default async function NewArticlePage() {
  await requireUser({ returnTo: "/articles/new" });
  return (
    <section aria-labelledby="new-heading" className="max-w-2xl">
      <h1 id="new-heading">Write an article</h1>
      <p className="text-muted">It is saved as a draft: only you see it until you publish it.</p>
      <ArticleForm
        action={createArticle}
        initial={{ title: "", body: "", tags: "" }}
        submitLabel="Save draft"
        limits={ARTICLE_LIMITS}
      />
    </section>
  );
}
