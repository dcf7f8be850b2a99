import { userRepository } from "@burrow/db";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { currentUser } from "@/auth";
import { articleRepository } from "@/server/mongo/articles";
import { renderMarkdown } from "@/server/mongo/markdown";
import { Byline, TagList } from "../_components/article-list";
import styles from "../_components/articles.module.css";
import { publishArticle, unpublishArticle } from "../actions";

type Props = { params: Promise<{ slug: string }> };

// generateMetadata and the page share one lookup per request.
const load = cache(async (slug: string) => {
  const viewer = await currentUser();
  return { viewer, article: await articleRepository().find(slug, viewer) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { article } = await load((await params).slug);
  return { title: article?.title ?? "Article not found" };
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const { viewer, article } = await load(slug);
  if (!article) notFound();
  const author = (await userRepository().findPublicByIds([article.authorId])).get(article.authorId);
  const isAuthor = viewer?.id === article.authorId;
  const published = article.status === "PUBLISHED";

  return (
    <article aria-labelledby="article-title">
      <h1 id="article-title">{article.title}</h1>
      <Byline author={author} date={article.publishedAt} />
      {!published && (
        <p className="notice" data-testid="article-status">
          Draft: only {isAuthor ? "you" : "its author"} and administrators can see this article.
        </p>
      )}
      {(isAuthor || (viewer?.isAdmin && published)) && (
        <div className={styles.actions}>
          {isAuthor && <Link href={`/articles/${article.slug}/edit`}>Edit</Link>}
          {isAuthor && !published && (
            <form action={publishArticle.bind(null, article.slug)}>
              <button type="submit" className="button">
                Publish
              </button>
            </form>
          )}
          {published && (
            <form action={unpublishArticle.bind(null, article.slug)}>
              <button type="submit" className="button button--secondary">
                Unpublish
              </button>
            </form>
          )}
        </div>
      )}
      <div
        className={styles.body}
        // renderMarkdown sanitizes with an allowlist (markdown.ts); nothing else reaches the page.
        dangerouslySetInnerHTML={{ __html: renderMarkdown(article.body) }}
      />
      <TagList tags={article.tags} />
    </article>
  );
}
