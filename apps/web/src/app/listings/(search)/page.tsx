import { lastWrite } from "@burrow/auth/read-your-writes";
import { SearchParams, searchRepository } from "@burrow/db";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ResultList } from "../_components/result-list";
import { SearchErrors } from "../_components/search-errors";
import { SearchForm } from "../_components/search-form";
import { formValues, type RawSearchParams, searchHref } from "../_lib/search-url";

export const metadata: Metadata = { title: "Find a stay" };

export default async function ListingsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const values = formValues(raw);
  const parsed = SearchParams.safeParse(raw);
  // On a replica unless this browser's last write has not reached one yet.
  const result = parsed.success ? await searchRepository().search(parsed.data, undefined, await lastWrite()) : null;
  const errors = !parsed.success
    ? z.flattenError(parsed.error).fieldErrors
    : result && !result.ok
      ? (result.fieldErrors ?? { cursor: [result.message] })
      : null;

  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading">Find a stay</h1>
      <SearchForm values={values} errors={errors ?? undefined} />
      {errors && <SearchErrors fieldErrors={errors} />}
      {parsed.success && result?.ok && (
        <>
          {result.items.length === 0 ? (
            <p className="notice">
              No stays match {parsed.data.cursor ? "beyond this page" : "this search"}. Try other dates, a wider price
              range or fewer filters.
            </p>
          ) : (
            <ResultList items={result.items} search={parsed.data} />
          )}
          <nav className="mt-6 flex flex-wrap justify-between gap-4" aria-label="Result pages">
            {parsed.data.cursor ? <Link href={searchHref(parsed.data)}>First page</Link> : <span />}
            {result.nextCursor && (
              <Link href={searchHref(parsed.data, result.nextCursor)} rel="next">
                Next page
              </Link>
            )}
          </nav>
        </>
      )}
    </section>
  );
}
