import { LoadingCards } from "@burrow/ui/loading";
import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/auth";
import { StatusFilter } from "../_components/status-filter";
import { listQuery } from "../_lib/list-query";
import { StayResults } from "./_components/stay-list";

export const metadata: Metadata = { title: "My stays" };

export default async function MyStaysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = listQuery(await searchParams);
  // Signed out is a redirect, decided before anything streams.
  const user = await requireUser({ returnTo: "/stays" });
  return (
    <section aria-labelledby="stays-heading">
      <h1 id="stays-heading">My stays</h1>
      <StatusFilter basePath="/stays" current={query.status} />
      <Suspense key={JSON.stringify(query)} fallback={<LoadingCards label="Loading your stays…" />}>
        <StayResults userId={user.id} query={query} />
      </Suspense>
    </section>
  );
}
