// @burrow/booking: the pure booking domain (no I/O). State machine, calendar-date arithmetic in a
// listing's time zone, stay rules, pricing, refunds, availability and the input schemas.

export {
  type Failure,
  type FailureCode,
  type FieldErrors,
  failure,
  invalid,
  invalidInput,
  type Result,
} from "@burrow/http/result";
export {
  ALL_WEEKDAYS,
  CALENDAR_MONTHS,
  calendarDays,
  type DayState,
  maskToWeekdays,
  unavailableNights,
  weekdaysToMask,
} from "./availability";
export {
  addDays,
  addMonths,
  type DateRange,
  dateColumn,
  type IsoDate,
  isoDateOf,
  isoWeekday,
  nightsBetween,
  overlaps,
  startOfDayIn,
  todayIn,
} from "./dates";
export {
  CANCELLATION_POLICIES,
  type CancellationPolicy,
  type Canceller,
  cancellationRefund,
  REFUND_POLICIES,
  refundFor,
} from "./refund";
export {
  REVIEW_CLOSING_NOTICE_DAYS,
  REVIEW_WINDOW_DAYS,
  reviewClosingDue,
  reviewWindowEnd,
  startsSoonDue,
} from "./reminders";
export {
  AddBlock,
  type AddBlockInput,
  BookingAction,
  FreeText,
  Id,
  inStorableYears,
  ListBookings,
  type ListBookingsInput,
  ListingAction,
  ListingInput,
  type ListingInputValues,
  MAX_NIGHTLY_PRICE_MINOR,
  RemoveBlock,
  RequestStay,
  type RequestStayInput,
  SitterCancel,
  type SitterCancelInput,
  SPECIES,
  STORABLE_YEARS_MESSAGE,
  WeeklyPlan,
  type WeeklyPlanInput,
  withoutNul,
} from "./schemas";
export {
  BOOKING_EVENTS,
  BOOKING_STATUSES,
  type BookingEvent,
  type BookingStatus,
  transition,
} from "./status";
export {
  expiryFor,
  type ListingStatus,
  MAX_NIGHTS,
  priceFor,
  stayHasEnded,
  stayRequestErrors,
} from "./stay";
