import "server-only";

export { availabilityRepository, type BlockView, type CalendarView } from "./availability/repository";
export { type BookingDetail, bookingDetailsRepository } from "./bookings/details";
export { type ReminderKind, reminderRepository } from "./bookings/reminders";
export {
  type BookingView,
  bookingRepository,
  type Page,
  type RequestListItem,
  type StayListItem,
} from "./bookings/repository";
export { createPrismaClient, type Db, prisma, replicaSet, writePosition } from "./client";
export { parseDbEnv } from "./env";
export type { Booking, Listing, User } from "./generated/prisma/client";
export * from "./generated/prisma/enums";
export { registerDbMetrics } from "./health/metrics";
export { migrationLevelCheck, outboxCheck, postgresCheck, readyResponse, replicasCheck } from "./health/postgres";
export { type Check, readiness, readinessResponse } from "./health/readiness";
export { jobRunRepository } from "./jobs/runs";
export {
  type ActiveListing,
  type ListingSummary,
  listingReadRepository,
  type PublicListing,
} from "./listings/read";
export { listingRepository } from "./listings/repository";
// The payload type is the contract for web's consumer of listing.hidden / listing.unhidden.
export { listingVisibilityRepository } from "./listings/visibility";
export { DIGEST_DELAY_MS, messageDigestRepository } from "./messages/digest";
export { messageListener } from "./messages/live";
export { messageReadRepository } from "./messages/read";
export {
  conversationRepository,
  type InboxItem,
  type MessagePage,
  type MessageView,
  type ThreadView,
} from "./messages/repository";
export { MAX_MESSAGE_LENGTH, MessageId, type SendMessageInput } from "./messages/rules";
export { type BookingHistory, interleave, type SystemLine } from "./messages/timeline";
export {
  type DeliverOptions,
  type OutboxMessage,
  type OutboxStats,
  outboxRepository,
  type ParkedEvent,
  type Send,
} from "./outbox/dispatch";
export {
  listingPhotoRepository,
  MAX_LISTING_PHOTOS,
  type NewPhoto,
  PhotoAlt,
  type PhotoView,
} from "./photos/repository";
export { currentLsn, lsnValue, ReplicaSet, type ReplicaStatus } from "./replicas/replica-set";
export {
  type ListingReviews,
  type ListReviewsInput,
  type ReviewView,
  reviewRepository,
  WriteReview,
  type WriteReviewInput,
} from "./reviews/repository";
export { type ListingDetails, type ListingPage, listingPageRepository, type PublicReview } from "./search/listing-page";
export { type ListingSearch, SEARCH_SORTS, SearchParams } from "./search/query";
export {
  type CoverPhoto,
  cityPrices,
  type ListingHit,
  listingSearchQuery,
  searchRepository,
} from "./search/repository";
export { accountDeletionRepository, deletedEmail } from "./users/deletion";
export {
  type AccountUser,
  type AdminUserRow,
  type BecomeSitterResult,
  type PublicUser,
  type SetRoleResult,
  type SetScreennameResult,
  type UserSearchPage,
  userRepository,
} from "./users/repository";
export { retireRepository } from "./users/retire";
export {
  type IssueSignInLinkResult,
  type SignInLinkToIssue,
  signInLinkRepository,
} from "./users/sign-in-links";
