import { bookingRepository, type RequestListItem } from "@burrow/db";
import { cardList } from "@burrow/ui/classes";
import { formatMinorUnits } from "@burrow/ui/money";
import Link from "next/link";
import { BookingStatusBadge } from "../../_components/booking-status";
import { Pagination } from "../../_components/status-filter";
import type { ListQuery } from "../../_lib/list-query";

/** One page of the requests for the sitter's listings, streamed in under the status filter. */
export async function RequestResults({ sitterId, query }: { sitterId: string; query: ListQuery }) {
  const result = await bookingRepository().listRequests(sitterId, query);
  if (!result.ok) {
    return (
      <p className="notice notice--error" role="alert">
        That page link is malformed. <a href="/requests">Start from the first page</a>.
      </p>
    );
  }
  return (
    <>
      <RequestList requests={result.items} filtered={Boolean(query.status)} />
      <Pagination basePath="/requests" status={query.status} cursor={query.cursor} nextCursor={result.nextCursor} />
    </>
  );
}

function RequestList({ requests, filtered }: { requests: RequestListItem[]; filtered: boolean }) {
  if (requests.length === 0) {
    return (
      <p className="notice">
        {filtered ? "No requests with this status." : "No requests yet. They show up here when pet owners ask."}
      </p>
    );
  }
  return (
    <ul className={`${cardList} mb-4`} data-testid="requests">
      {requests.map((request) => (
        <li key={request.id} className="card" data-testid="request">
          <h2>
            <Link href={`/requests/${request.id}`}>
              {request.listing.title}: {request.start} to {request.end}
            </Link>
          </h2>
          <p>
            {request.tenantName ?? "A pet owner"} · {request.pets} {request.pets === 1 ? "pet" : "pets"} ·{" "}
            {formatMinorUnits(request.totalPriceMinor, request.currency)}
          </p>
          <p>
            <BookingStatusBadge status={request.status} />
          </p>
        </li>
      ))}
    </ul>
  );
}
