import type { RequestListItem } from "@burrow/db";
import { cardList } from "@burrow/ui/classes";
import { formatMinorUnits } from "@burrow/ui/money";
import Link from "next/link";
import { BookingStatusBadge } from "../../_components/booking-status";

export function RequestList({ requests, filtered }: { requests: RequestListItem[]; filtered: boolean }) {
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
