export {
  type BookingEmailDraft,
  type DigestEmailDraft,
  digestEmailFor,
  EMAIL_KIND_NAMES,
  EMAIL_KINDS,
  type EmailKind,
  emailsFor,
  isEmailKind,
} from "./emails";
export { DeliveryRequest, DeliveryResponse, EventEnvelope } from "./envelope";
export { type Links, type NotificationDraft, notificationFor } from "./notifications";
export {
  BookingCancelledPayload,
  BookingEventPayload,
  type BookingEventType,
  EVENT_TYPES,
  type EventType,
  ListingVisibilityPayload,
  PARTIES,
  type Party,
  ReviewPublishedPayload,
  ReviewWindowClosingPayload,
  UnreadMessagesPayload,
} from "./payloads";
