import type { Metadata } from "next";
import { requireRole } from "@/auth";
import { ListingForm } from "../_components/listing-form";
import { createListing } from "../actions";

export const metadata: Metadata = { title: "New listing" };

export default async function NewListingPage() {
  await requireRole("SITTER", { returnTo: "/listings/new" });
  return (
    <section aria-labelledby="new-listing-heading" className="max-w-2xl">
      <h1 id="new-listing-heading">New listing</h1>
      <ListingForm
        action={createListing}
        submitLabel="Create listing"
        initial={{
          title: "",
          description: "",
          city: "",
          timeZone: "Europe/Berlin",
          price: "",
          currency: "EUR",
          species: ["DOG"],
          maxPets: "1",
          cancellationPolicy: "MODERATE",
          photoUrls: "",
        }}
      />
    </section>
  );
}
