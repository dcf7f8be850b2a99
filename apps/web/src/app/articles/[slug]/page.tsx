import { userRepository } from "@burrow/db";
import { actions } from "@burrow/ui/classes";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { currentUser } from "@/auth";
import { articleRepository } from "@/server/mongo/articles";
import { renderMarkdown } from "@/server/mongo/markdown";
import { Byline, TagList } from "../_components/article-list";
import { publishArticle, unpublishArticle } from "../actions";

type Props = { params: Promise<{ slug: string }> };

/** Rendered Markdown: wide code blocks, tables and images scroll or shrink inside a 360 px screen. */
const ARTICLE_BODY = [
  "max-w-176 wrap-anywhere",
  "[&_pre]:overflow-x-auto [&_pre]:rounded-card [&_pre]:border [&_pre]:border-border [&_pre]:bg-surface [&_pre]:p-3",
  "[&_img]:h-auto [&_img]:max-w-full",
  "[&_table]:block [&_table]:overflow-x-auto [&_table]:border-collapse",
  "[&_:is(th,td)]:border [&_:is(th,td)]:border-border [&_:is(th,td)]:px-2 [&_:is(th,td)]:py-1",
].join(" ");

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
        <div className={`${actions} my-4`}>
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
        className={ARTICLE_BODY}
        // renderMarkdown sanitizes with an allowlist (markdown.ts); nothing else reaches the page.
        dangerouslySetInnerHTML={{ __html: renderMarkdown(article.body) }}
      />
      <TagList tags={article.tags} />
    </article>
  );
}
