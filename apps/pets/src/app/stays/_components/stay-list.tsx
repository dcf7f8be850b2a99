import type { StayListItem } from "@burrow/db";
import { cardList } from "@burrow/ui/classes";
import { formatMinorUnits } from "@burrow/ui/money";
import Link from "next/link";
import { BookingStatusBadge } from "../../_components/booking-status";

export function StayList({ stays, filtered, webUrl }: { stays: StayListItem[]; filtered: boolean; webUrl: string }) {
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
