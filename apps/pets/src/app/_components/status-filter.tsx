import { BOOKING_STATUSES, type BookingStatus } from "@burrow/booking";
import { inlineList } from "@burrow/ui/classes";
import Link from "next/link";
import { bookingStatusLabel } from "./booking-status";

/** Links that filter a booking list by status; the current one is marked for screen readers too. */
export function StatusFilter({ basePath, current }: { basePath: string; current: BookingStatus | undefined }) {
  const options: (BookingStatus | undefined)[] = [undefined, ...BOOKING_STATUSES];
  return (
    <nav aria-label="Filter by status" className="mb-4">
      <ul className={inlineList}>
        {options.map((status) => (
          <li key={status ?? "ALL"}>
            <Link
              href={status ? `${basePath}?status=${status}` : basePath}
              aria-current={status === current ? "page" : undefined}
              className="aria-[current=page]:font-bold aria-[current=page]:no-underline"
            >
              {status ? bookingStatusLabel(status) : "All"}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Keyset pagination: the next page's link carries the cursor (and the filter). */
export function Pagination({
  basePath,
  status,
  cursor,
  nextCursor,
}: {
  basePath: string;
  status: BookingStatus | undefined;
  cursor: string | undefined;
  nextCursor: string | null;
}) {
  const href = (c?: string) => {
    const query = new URLSearchParams({ ...(status ? { status } : {}), ...(c ? { cursor: c } : {}) }).toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label="Pages" className="flex gap-4">
      {cursor && <Link href={href()}>First page</Link>}
      {nextCursor && (
        <Link href={href(nextCursor)} rel="next">
          Next page
        </Link>
      )}
    </nav>
  );
}
