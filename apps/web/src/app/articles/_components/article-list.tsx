import type { PublicUser } from "@burrow/db";
import { bareList, cardList, pill } from "@burrow/ui/classes";
import Link from "next/link";
import type { ArticleView } from "@/server/mongo/articles";
import { markdownExcerpt } from "@/server/mongo/markdown";

export const formatDate = (date: Date) => new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(date);

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className={`${bareList} mt-2 flex flex-wrap gap-1.5`} aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          <Link className={`${pill} border-border bg-surface`} href={`/articles?tag=${encodeURIComponent(tag)}`}>
            #{tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function Byline({ author, date }: { author: PublicUser | undefined; date: Date | null }) {
  return (
    <p className="text-muted">
      {author?.screenname ? <Link href={`/u/${author.screenname}`}>{author.screenname}</Link> : "A Burrow member"}
      {date && <> · {formatDate(date)}</>}
    </p>
  );
}

export function ArticleList({ articles, authors }: { articles: ArticleView[]; authors: Map<string, PublicUser> }) {
  return (
    <ul className={cardList}>
      {articles.map((article) => (
        <li key={article.id} className="card">
          <h2>
            <Link href={`/articles/${article.slug}`}>{article.title}</Link>
          </h2>
          <Byline author={authors.get(article.authorId)} date={article.publishedAt} />
          <p>{markdownExcerpt(article.body)}</p>
          <TagList tags={article.tags} />
        </li>
      ))}
    </ul>
  );
}

export function MyArticles({ articles }: { articles: ArticleView[] }) {
  return (
    <section aria-labelledby="mine-heading">
      <h2 id="mine-heading">Your articles</h2>
      <ul className={cardList}>
        {articles.map((article) => (
          <li key={article.id}>
            <Link href={`/articles/${article.slug}`}>{article.title}</Link>{" "}
            <span className={`${pill} border-border`}>{article.status === "PUBLISHED" ? "Published" : "Draft"}</span>{" "}
            <Link href={`/articles/${article.slug}/edit`} aria-label={`Edit ${article.title}`}>
              Edit
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
