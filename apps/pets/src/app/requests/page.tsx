import { bookingRepository } from "@burrow/db";
import type { Metadata } from "next";
import { requireRole } from "@/auth";
import { Pagination, StatusFilter } from "../_components/status-filter";
import { listQuery } from "../_lib/list-query";
import { RequestList } from "./_components/request-list";

export const metadata: Metadata = { title: "Requests" };

export default async function RequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = listQuery(await searchParams);
  const sitter = await requireRole("SITTER", { returnTo: "/requests" });
  const result = await bookingRepository().listRequests(sitter.id, query);
  return (
    <section aria-labelledby="requests-heading">
      <h1 id="requests-heading">Requests</h1>
      <StatusFilter basePath="/requests" current={query.status} />
      {result.ok ? (
        <>
          <RequestList requests={result.items} filtered={Boolean(query.status)} />
          <Pagination basePath="/requests" status={query.status} cursor={query.cursor} nextCursor={result.nextCursor} />
        </>
      ) : (
        <p className="notice notice--error" role="alert">
          That page link is malformed. <a href="/requests">Start from the first page</a>.
        </p>
      )}
    </section>
  );
}
