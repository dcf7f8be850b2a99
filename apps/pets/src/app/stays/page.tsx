import { bookingRepository } from "@burrow/db";
import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { env } from "@/env";
import { Pagination, StatusFilter } from "../_components/status-filter";
import { listQuery } from "../_lib/list-query";
import { StayList } from "./_components/stay-list";

export const metadata: Metadata = { title: "My stays" };

export default async function MyStaysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = listQuery(await searchParams);
  const user = await requireUser({ returnTo: "/stays" });
  const result = await bookingRepository().listStays(user.id, query);
  return (
    <section aria-labelledby="stays-heading">
      <h1 id="stays-heading">My stays</h1>
      <StatusFilter basePath="/stays" current={query.status} />
      {result.ok ? (
        <>
          <StayList stays={result.items} filtered={Boolean(query.status)} webUrl={env("WEB_URL")} />
          <Pagination basePath="/stays" status={query.status} cursor={query.cursor} nextCursor={result.nextCursor} />
        </>
      ) : (
        <p className="notice notice--error" role="alert">
          That page link is malformed. <a href="/stays">Start from the first page</a>.
        </p>
      )}
    </section>
  );
}
