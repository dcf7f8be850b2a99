import { LoadingCards } from "@burrow/ui/loading";
import type { Metadata } from "next";
import { Suspense } from "react";
import { requireRole } from "@/auth";
import { StatusFilter } from "../_components/status-filter";
import { listQuery } from "../_lib/list-query";
import { RequestResults } from "./_components/request-list";

export const metadata: Metadata = { title: "Requests" };

export default async function RequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = listQuery(await searchParams);
  // Signed out or not a sitter is decided (redirect, 403) before anything streams.
  const sitter = await requireRole("SITTER", { returnTo: "/requests" });
  return (
    <section aria-labelledby="requests-heading">
      <h1 id="requests-heading">Requests</h1>
      <StatusFilter basePath="/requests" current={query.status} />
      <Suspense key={JSON.stringify(query)} fallback={<LoadingCards label="Loading requests…" />}>
        <RequestResults sitterId={sitter.id} query={query} />
      </Suspense>
    </section>
  );
}
