import "server-only";

export { availabilityRepository, type BlockView } from "./availability/repository";
export {
  type BookingView,
  bookingRepository,
  type Page,
  type RequestListItem,
  type StayListItem,
} from "./bookings/repository";
export { createPrismaClient, type Db, prisma } from "./client";
export { parseDbEnv } from "./env";
export type { Booking, Listing, User } from "./generated/prisma/client";
export * from "./generated/prisma/enums";
export { type ListingSummary, listingRepository } from "./listings/repository";
export { listingPageRepository, type PublicListing, type PublicReview } from "./search/listing-page";
export { type ListingSearch, SEARCH_SORTS, SearchParams } from "./search/query";
export { type ListingHit, listingSearchQuery, searchRepository } from "./search/repository";
export {
  type DeliverOptions,
  type OutboxMessage,
  type OutboxStats,
  outboxRepository,
  type ParkedEvent,
  type Send,
} from "./outbox/dispatch";
export { accountDeletionRepository, DELETED_USER_NAME, deletedEmail } from "./users/deletion";
export {
  type AccountUser,
  type BecomeSitterResult,
  type SetScreennameResult,
  userRepository,
} from "./users/repository";
