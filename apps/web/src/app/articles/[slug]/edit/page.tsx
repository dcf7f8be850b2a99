import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/auth";
import { ARTICLE_LIMITS } from "@/server/mongo/article-input";
import { articleRepository } from "@/server/mongo/articles";
import { ArticleForm } from "../../_components/article-form";
import { updateArticle } from "../../actions";

export const metadata: Metadata = { title: "Edit article" };

type Props = { params: Promise<{ slug: string }> };

export default async function EditArticlePage({ params }: Props) {
  const { slug } = await params;
  const user = await requireUser({ returnTo: `/articles/${slug}/edit` });
  const article = await articleRepository().find(slug, user);
  if (!article) notFound();
  // Admins may read drafts and unpublish, but only authors edit their words.
  if (article.authorId !== user.id) forbidden();
  return (
    <section aria-labelledby="edit-heading" className="max-w-2xl">
      <h1 id="edit-heading">Edit “{article.title}”</h1>
      <ArticleForm
        action={updateArticle.bind(null, article.slug)}
        initial={{ title: article.title, body: article.body, tags: article.tags.join(", ") }}
        submitLabel="Save changes"
        limits={ARTICLE_LIMITS}
      />
    </section>
  );
}
