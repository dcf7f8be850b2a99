import { toolbar } from "@burrow/ui/classes";
import { LoadingCards } from "@burrow/ui/loading";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ArticleListQuery } from "@/server/mongo/article-input";
import { ArticleResults } from "./_components/article-results";

export const metadata: Metadata = { title: "Articles" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ArticlesPage({ searchParams }: Props) {
  const raw = await searchParams;
  const parsed = ArticleListQuery.safeParse({
    tag: typeof raw.tag === "string" && raw.tag !== "" ? raw.tag : undefined,
    page: typeof raw.page === "string" ? raw.page : undefined,
  });
  const query = parsed.success ? parsed.data : { tag: undefined, page: 1 };
  const href = (page: number) => {
    const params = new URLSearchParams({
      ...(query.tag ? { tag: query.tag } : {}),
      ...(page > 1 ? { page: String(page) } : {}),
    });
    return params.size > 0 ? `/articles?${params}` : "/articles";
  };

  return (
    <section aria-labelledby="articles-heading">
      <div className={toolbar}>
        <h1 id="articles-heading">{query.tag ? `Articles tagged #${query.tag}` : "Articles"}</h1>
        <Link className="button" href="/articles/new">
          Write an article
        </Link>
      </div>
      {!parsed.success && (
        <p role="alert" className="notice notice--error">
          That filter is not valid, so all articles are shown.
        </p>
      )}
      {query.tag && (
        <p>
          <Link href="/articles">Show all articles</Link>
        </p>
      )}
      {/* Keyed by the query: moving to another page or tag shows the fallback again. */}
      <Suspense key={href(query.page)} fallback={<LoadingCards label="Loading articles…" />}>
        <ArticleResults query={query} href={href} />
      </Suspense>
    </section>
  );
}
