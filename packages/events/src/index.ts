export { DeliveryRequest, DeliveryResponse, EventEnvelope } from "./envelope";
export {
  BookingEventPayload,
  type Links,
  type NotificationDraft,
  notificationFor,
  ReviewPublishedPayload,
} from "./notifications";
