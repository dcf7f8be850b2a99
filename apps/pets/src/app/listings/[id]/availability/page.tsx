import { maskToWeekdays, todayIn } from "@burrow/booking";
import { availabilityRepository } from "@burrow/db";
import { bareList, columns } from "@burrow/ui/classes";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AvailabilityCalendar } from "../../../_components/calendar";
import { AddBlockForm, RemoveBlockForm, WeeklyPlanForm } from "../../_components/availability-forms";
import { sitterListing } from "../../_lib/sitter-listing";

export const metadata: Metadata = { title: "Availability" };

export default async function AvailabilityPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { id } = await params;
  const { created } = await searchParams;
  const { sitter, listing } = await sitterListing(id, `/listings/${id}/availability`);
  const calendar = await availabilityRepository().calendar(listing.id, sitter.id);
  if (!calendar.ok) notFound();
  return (
    <section aria-labelledby="availability-heading">
      <h1 id="availability-heading">Availability of “{listing.title}”</h1>
      {created && <output className="success">Listing created. Now set when you take stays.</output>}
      <p>
        <Link href="/listings">Back to your listings</Link> · <Link href={`/listings/${listing.id}/edit`}>Edit</Link>
      </p>
      {listing.status === "ARCHIVED" ? (
        <p className="notice">This listing is archived; its availability can no longer change.</p>
      ) : (
        <div className={columns}>
          <section aria-labelledby="plan-heading">
            <h2 id="plan-heading">Weekly plan</h2>
            <WeeklyPlanForm listingId={listing.id} weekdays={maskToWeekdays(listing.weekdays)} />
          </section>
          <section aria-labelledby="blocks-heading">
            <h2 id="blocks-heading">Blocked dates</h2>
            {calendar.blocks.length === 0 ? (
              <p className="text-muted">No blocked dates in the next six months.</p>
            ) : (
              <ul className={`${bareList} mb-4 grid gap-2`} data-testid="blocks">
                {calendar.blocks.map((block) => (
                  <li key={block.id} className="flex flex-wrap items-center justify-between gap-2">
                    <span>
                      {block.start} to {block.end} (available again){block.reason && ` · ${block.reason}`}
                    </span>
                    <RemoveBlockForm listingId={listing.id} block={block} />
                  </li>
                ))}
              </ul>
            )}
            <AddBlockForm listingId={listing.id} today={todayIn(listing.timeZone, new Date())} />
          </section>
        </div>
      )}
      <section aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">Next six months</h2>
        <AvailabilityCalendar
          days={calendar.days}
          timeZone={listing.timeZone}
          states={["free", "booked", "requested", "blocked", "off"]}
        />
      </section>
    </section>
  );
}
