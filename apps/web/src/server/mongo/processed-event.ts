import mongoose, { Schema } from "mongoose";
import { connectMongo } from "./connection";

// The events web has handled, by outbox id: delivery is at least once, so a repeat is skipped.
const processedEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    processedAt: { type: Date, required: true },
  },
  { collection: "processed_events", versionKey: false },
);

export const ProcessedEvent = mongoose.model("ProcessedEvent", processedEventSchema, undefined, {
  overwriteModels: true,
});

export async function wasProcessed(eventId: string): Promise<boolean> {
  await connectMongo();
  return (await ProcessedEvent.exists({ _id: eventId })) !== null;
}

/** Records an event as handled; recording it twice is not an error. */
export async function markProcessed(eventId: string, type: string, now = new Date()): Promise<void> {
  await connectMongo();
  await ProcessedEvent.updateOne({ _id: eventId }, { $setOnInsert: { type, processedAt: now } }, { upsert: true });
}
