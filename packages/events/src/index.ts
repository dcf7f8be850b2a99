export { DeliveryRequest, DeliveryResponse, EventEnvelope } from "./envelope";
export {
  BookingCancelledPayload,
  BookingEventPayload,
  type Links,
  type NotificationDraft,
  notificationFor,
  ReviewPublishedPayload,
} from "./notifications";
