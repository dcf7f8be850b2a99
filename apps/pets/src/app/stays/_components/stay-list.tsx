import { bookingRepository, type StayListItem } from "@burrow/db";
import { cardList } from "@burrow/ui/classes";
import { formatMinorUnits } from "@burrow/ui/money";
import Link from "next/link";
import { env } from "@/env";
import { BookingStatusBadge } from "../../_components/booking-status";
import { Pagination } from "../../_components/status-filter";
import type { ListQuery } from "../../_lib/list-query";

/** One page of the user's stays, streamed in under the status filter. */
export async function StayResults({ userId, query }: { userId: string; query: ListQuery }) {
  const result = await bookingRepository().listStays(userId, query);
  if (!result.ok) {
    return (
      <p className="notice notice--error" role="alert">
        That page link is malformed. <a href="/stays">Start from the first page</a>.
      </p>
    );
  }
  return (
    <>
      <StayList stays={result.items} filtered={Boolean(query.status)} webUrl={env("WEB_URL").href} />
      <Pagination basePath="/stays" status={query.status} cursor={query.cursor} nextCursor={result.nextCursor} />
    </>
  );
}

function StayList({ stays, filtered, webUrl }: { stays: StayListItem[]; filtered: boolean; webUrl: string }) {
  if (stays.length === 0) {
    return (
      <p className="notice">
        {filtered ? "No stays with this status." : "You have not requested any stays yet."}{" "}
        <a href={webUrl}>Find a sitter on the marketplace</a>.
      </p>
    );
  }
  return (
    <ul className={`${cardList} mb-4`} data-testid="stays">
      {stays.map((stay) => (
        <li key={stay.id} className="card" data-testid="stay">
          <h2>
            <Link href={`/stays/${stay.id}`}>{stay.listing.title}</Link>
          </h2>
          <p>
            {stay.start} to {stay.end} · {stay.listing.city} · {formatMinorUnits(stay.totalPriceMinor, stay.currency)}
          </p>
          <p>
            <BookingStatusBadge status={stay.status} />
          </p>
        </li>
      ))}
    </ul>
  );
}
