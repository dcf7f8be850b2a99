import { userRepository } from "@burrow/db";
import Link from "next/link";
import { currentUser } from "@/auth";
import { articleRepository } from "@/server/mongo/articles";
import { ArticleList, MyArticles } from "./article-list";
import { Pager } from "./pager";

interface Props {
  query: { tag?: string | undefined; page: number };
  href: (page: number) => string;
}

/** The published articles of one page (and the reader's own), streamed in under the page's heading. */
export async function ArticleResults({ query, href }: Props) {
  const user = await currentUser();
  const articles = articleRepository();
  const [list, mine] = await Promise.all([
    articles.listPublished(query),
    user ? articles.listByAuthor(user.id) : Promise.resolve([]),
  ]);
  const authors = await userRepository().findPublicByIds(list.items.map((a) => a.authorId));
  return (
    <>
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
    </>
  );
}
