import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { disconnectMongo } from "./connection";
import { Notification, notificationRepository } from "./notifications";

const notifications = notificationRepository();
const event = (n: number, userId = "user-a") => ({
  userId,
  type: "booking.accepted",
  title: `Stay ${n} accepted`,
  body: "See you soon",
  link: `/stays/${n}`,
  eventId: `evt-${userId}-${n}`,
  createdAt: new Date(Date.UTC(2026, 10, n)),
});

beforeAll(async () => {
  await notifications.create({ userId: "setup", type: "t", title: "setup" }); // connects, builds indexes
});
beforeEach(async () => {
  await Notification.deleteMany({});
});
afterAll(() => disconnectMongo());

describe("notificationRepository", () => {
  it("creates one notification per event id, also when the event arrives twice at once", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => notifications.create(event(1))));

    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await Notification.countDocuments({ eventId: "evt-user-a-1" })).toBe(1);

    expect(await notifications.create(event(1))).toEqual({ ok: true, created: false });
    expect(await Notification.countDocuments()).toBe(1);
  });

  it("accepts the absolute pets links the events consumer makes, http on localhost included", async () => {
    for (const [n, link] of ["http://localhost:3001/stays/b1", "https://pets.burrow.example/requests/b2"].entries()) {
      expect(await notifications.create({ ...event(n + 1), link })).toEqual({ ok: true, created: true });
    }
  });

  it("keeps notifications made without an event apart (each gets its own id)", async () => {
    const plain = { userId: "user-a", type: "welcome", title: "Welcome to Burrow" };
    expect(await notifications.create(plain)).toEqual({ ok: true, created: true });
    expect(await notifications.create(plain)).toEqual({ ok: true, created: true });
    expect(await notifications.unreadCount("user-a")).toBe(2);
  });

  it.each([
    [{ ...event(1), title: "" }, "title"],
    [{ ...event(1), link: "javascript:alert(1)" }, "link"],
    [{ ...event(1), link: "//evil.example/x" }, "link"],
    [{ ...event(1), link: "data:text/html,<script>alert(1)</script>" }, "link"],
    [{ ...event(1), link: "stays/1" }, "link"],
  ])("refuses invalid input %j", async (input, field) => {
    expect(await notifications.create(input)).toMatchObject({ ok: false, fieldErrors: { [field]: expect.any(Array) } });
    expect(await Notification.countDocuments()).toBe(0);
  });

  it("lists only the user's own notifications, newest first, paginated", async () => {
    for (let n = 1; n <= 5; n++) await notifications.create(event(n));
    await notifications.create(event(9, "user-b"));

    const first = await notifications.list("user-a", { perPage: 3 });
    expect(first).toMatchObject({ total: 5, page: 1, pageCount: 2 });
    expect(first.items.map((n) => n.title)).toEqual(["Stay 5 accepted", "Stay 4 accepted", "Stay 3 accepted"]);
    expect(first.items[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      type: "booking.accepted",
      title: "Stay 5 accepted",
      body: "See you soon",
      link: "/stays/5",
      readAt: null,
      createdAt: new Date(Date.UTC(2026, 10, 5)),
    });
    const second = await notifications.list("user-a", { page: 2, perPage: 3 });
    expect(second.items.map((n) => n.title)).toEqual(["Stay 2 accepted", "Stay 1 accepted"]);
    expect((await notifications.list("user-b")).items.map((n) => n.title)).toEqual(["Stay 9 accepted"]);
    expect((await notifications.list("user-c")).items).toEqual([]);
  });

  it("marks one as read only for its recipient, and all of a user's at once", async () => {
    for (let n = 1; n <= 3; n++) await notifications.create(event(n));
    await notifications.create(event(1, "user-b"));
    const [newest] = (await notifications.list("user-a")).items;
    const [theirs] = (await notifications.list("user-b")).items;
    expect(await notifications.unreadCount("user-a")).toBe(3);

    expect(await notifications.markRead("user-a", theirs!.id)).toBe(false);
    expect(await notifications.markRead("user-a", "not-an-id")).toBe(false);
    expect(await notifications.markRead("user-a", "0123456789abcdef01234567")).toBe(false);
    expect(await notifications.unreadCount("user-b")).toBe(1);

    const at = new Date("2026-11-20T12:00:00Z");
    expect(await notifications.markRead("user-a", newest!.id, at)).toBe(true);
    expect(await notifications.unreadCount("user-a")).toBe(2);
    expect((await notifications.list("user-a")).items[0]?.readAt).toEqual(at);

    expect(await notifications.markAllRead("user-a")).toBe(2);
    expect(await notifications.markAllRead("user-a")).toBe(0);
    expect(await notifications.unreadCount("user-a")).toBe(0);
    expect(await notifications.unreadCount("user-b")).toBe(1);
  });

  it("has a unique index on eventId", async () => {
    const indexes = await Notification.collection.listIndexes().toArray();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { eventId: 1 }, unique: true }));
  });
});
