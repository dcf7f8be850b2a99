// In-app notifications. The events consumer (issue 7) creates them, once per event id; pages list
// them and mark them read. Every function is scoped by the PostgreSQL user id it is given.
import { randomUUID } from "node:crypto";
import { invalidInput, type Result } from "@burrow/http/result";
import mongoose, { type InferRawDocTypeFromSchema, Schema } from "mongoose";
import { z } from "zod";
import { env } from "../../env";
import { connectMongo } from "./connection";
import { isDuplicateKey } from "./duplicate-key";

const notificationSchema = new Schema(
  {
    /** identity.users.id of the recipient. */
    userId: { type: String, required: true },
    /** What happened, e.g. booking.accepted: lets the page pick an icon or wording. */
    type: { type: String, required: true, maxlength: 64 },
    title: { type: String, required: true, maxlength: 200 },
    body: { type: String, default: "", maxlength: 2000 },
    /** Where the notification leads: a path on web or a page on pets (e.g. a stay). */
    link: { type: String, default: null, maxlength: 2048 },
    /**
     * The outbox event's id: creating twice for one event is a no-op. FerretDB 1.x has no sparse or
     * partial indexes, so notifications made without an event get a generated id instead of none.
     */
    eventId: { type: String, required: true, unique: true },
    readAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: "notifications" },
);
notificationSchema.index({ userId: 1, createdAt: -1 });
notificationSchema.index({ userId: 1, readAt: 1 });

export const Notification = mongoose.model("Notification", notificationSchema, undefined, { overwriteModels: true });

type NotificationDoc = InferRawDocTypeFromSchema<typeof notificationSchema> & { _id: unknown };

export interface NotificationView {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  page: number;
  pageCount: number;
}

/** A path on web, an https URL, or a URL on pets (plain http in development). */
const isSafeLink = (link: string) =>
  /^\/(?!\/)/.test(link) || /^https:\/\//.test(link) || URL.parse(link)?.origin === new URL(env("PETS_URL")).origin;

const Link = z
  .string()
  .max(2048)
  .refine(isSafeLink, { error: "A link is a path on this site, an https:// URL or a page of the pets app" });

export const NotificationInput = z.strictObject({
  userId: z.string().min(1).max(64),
  type: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().max(2000).default(""),
  link: Link.nullish().transform((link) => link ?? null),
  eventId: z.string().min(1).max(200).optional(),
  createdAt: z.date().optional(),
});
export type NotificationInputValues = z.input<typeof NotificationInput>;

const ObjectId = z.string().regex(/^[0-9a-f]{24}$/);

function toView(doc: NotificationDoc): NotificationView {
  return {
    id: String(doc._id),
    type: doc.type,
    title: doc.title,
    body: doc.body ?? "",
    link: doc.link ?? null,
    readAt: doc.readAt ?? null,
    createdAt: doc.createdAt,
  };
}

async function ready(): Promise<void> {
  await connectMongo();
  await Notification.init();
}

export function notificationRepository() {
  return {
    /**
     * Creates the notification unless one with the same eventId exists: delivering an event twice,
     * or twice at once, leaves exactly one. `created` says whether this call made it.
     */
    async create(input: NotificationInputValues): Promise<Result<{ created: boolean }>> {
      const parsed = NotificationInput.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { eventId = `local:${randomUUID()}`, createdAt = new Date(), ...fields } = parsed.data;
      await ready();
      const insert = () =>
        Notification.updateOne(
          { eventId },
          { $setOnInsert: { ...fields, eventId, createdAt, readAt: null } },
          { upsert: true },
        );
      try {
        return { ok: true, created: (await insert()).upsertedCount === 1 };
      } catch (error) {
        // A concurrent delivery of the same event inserted first: that one counts.
        if (isDuplicateKey(error)) {
          return { ok: true, created: false };
        }
        throw error;
      }
    },

    /** The user's notifications, newest first. */
    async list(
      userId: string,
      { page = 1, perPage = 20 }: { page?: number; perPage?: number } = {},
    ): Promise<NotificationPage> {
      await connectMongo();
      const [total, docs] = await Promise.all([
        Notification.countDocuments({ userId }),
        Notification.find({ userId })
          .sort({ createdAt: -1, _id: -1 })
          .skip((page - 1) * perPage)
          .limit(perPage)
          .lean(),
      ]);
      return { items: docs.map(toView), total, page, pageCount: Math.max(1, Math.ceil(total / perPage)) };
    },

    async unreadCount(userId: string): Promise<number> {
      await connectMongo();
      return Notification.countDocuments({ userId, readAt: null });
    },

    /** Marks one of the user's notifications read; false for an unknown id or someone else's. */
    async markRead(userId: string, id: string, now = new Date()): Promise<boolean> {
      if (!ObjectId.safeParse(id).success) return false;
      await connectMongo();
      const found = await Notification.findOneAndUpdate(
        { _id: id, userId },
        { $set: { readAt: now } },
        { returnDocument: "after" },
      ).lean();
      return found !== null;
    },

    /** Marks all of the user's unread notifications read; returns how many. */
    async markAllRead(userId: string, now = new Date()): Promise<number> {
      await connectMongo();
      const { modifiedCount } = await Notification.updateMany({ userId, readAt: null }, { $set: { readAt: now } });
      return modifiedCount;
    },
  };
}
