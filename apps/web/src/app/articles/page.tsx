import { userRepository } from "@burrow/db";
import { toolbar } from "@burrow/ui/classes";
import type { Metadata } from "next";
import Link from "next/link";
import { currentUser } from "@/auth";
import { ArticleListQuery } from "@/server/mongo/article-input";
import { articleRepository } from "@/server/mongo/articles";
import { ArticleList, MyArticles } from "./_components/article-list";
import { Pager } from "./_components/pager";

export const metadata: Metadata = { title: "Articles" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ArticlesPage({ searchParams }: Props) {
  const raw = await searchParams;
  const parsed = ArticleListQuery.safeParse({
    tag: typeof raw.tag === "string" && raw.tag !== "" ? raw.tag : undefined,
    page: typeof raw.page === "string" ? raw.page : undefined,
  });
  const query = parsed.success ? parsed.data : { tag: undefined, page: 1 };
  const user = await currentUser();
  const articles = articleRepository();
  const [list, mine] = await Promise.all([
    articles.listPublished(query),
    user ? articles.listByAuthor(user.id) : Promise.resolve([]),
  ]);
  const authors = await userRepository().findPublicByIds(list.items.map((a) => a.authorId));
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
      {list.items.length === 0 ? (
        <p className="notice">
          {query.tag ? `No published articles are tagged #${query.tag} yet.` : "No articles are published yet."} Share
          what you know about pets: <Link href="/articles/new">write the first one</Link>.
        </p>
      ) : (
        <ArticleList articles={list.items} authors={authors} />
      )}
      <Pager page={list.page} pageCount={list.pageCount} href={href} />
      {mine.length > 0 && <MyArticles articles={mine} />}
    </section>
  );
}
