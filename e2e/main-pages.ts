// The main pages of both apps by who uses them, on the test's own data (e2e/fixtures.ts), for the
// specs that tour them all: a new page listed here is scanned for WCAG violations and checked at 360 px.
import type { Activity, Sitter } from "./fixtures";
import { pets, web } from "./urls";

export function mainPages(sitter: Sitter, activity: Activity) {
  const listing = sitter.listing.id;
  return {
    public: [
      `${web.url}/`,
      `${web.url}/listings?${new URLSearchParams({ city: sitter.listing.city })}`,
      `${web.url}/listings/${listing}`,
      `${web.url}/articles`,
      `${web.url}/articles/${activity.article.slug}`,
      `${web.url}/u/${sitter.screenname}`,
      `${pets.url}/`,
    ],
    tenant: [
      `${web.url}/account`,
      `${web.url}/account/profile`,
      `${web.url}/notifications`,
      `${web.url}/articles/new`,
      `${pets.url}/book/${listing}`,
      `${pets.url}/stays`,
      `${pets.url}/stays/${activity.stay.id}`,
      `${pets.url}/messages`,
      `${pets.url}/messages/booking/${activity.stay.id}`,
    ],
    sitter: [
      `${pets.url}/listings`,
      `${pets.url}/listings/new`,
      `${pets.url}/listings/${listing}/edit`,
      `${pets.url}/listings/${listing}/availability`,
      `${pets.url}/requests`,
      `${pets.url}/requests/${activity.request.id}`,
      `${pets.url}/messages`,
      `${pets.url}/messages/booking/${activity.request.id}`,
      `${pets.url}/me`,
    ],
    admin: [`${web.url}/admin`, `${web.url}/admin/users/${sitter.id}`],
  };
}
