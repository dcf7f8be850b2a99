// E-mail for booking events, for real: bookings change in PostgreSQL through the repositories (which
// write the outbox), the outbox is delivered to web's events route (its real handler), which stores
// notifications and e-mails in the Mongo-wire server and sends through SMTP to the mail catcher.

import type { AddressInfo } from "node:net";
import net from "node:net";
import {
  bookingRepository,
  conversationRepository,
  messageDigestRepository,
  type OutboxMessage,
  outboxRepository,
  reminderRepository,
  reviewRepository,
  type Send,
} from "@burrow/db";
import { signServiceToken } from "@burrow/service-auth";
import { factories } from "@burrow/testing";
import { testDatabase } from "@burrow/testing/database";
import { stubAppEnv } from "@burrow/testing/harness";
import { type CaughtMessage, type MailCatcher, startMailCatcher } from "@burrow/testing/mail-catcher";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as unsubscribe } from "../apps/web/src/app/api/email/unsubscribe/route";
import { POST as deliver } from "../apps/web/src/app/api/internal/events/route";
import { connectMongo, disconnectMongo } from "../apps/web/src/server/mongo/connection";
import { emailPreferences, setEmailPreferences, switchOffEmail } from "../apps/web/src/server/mongo/email-preferences";
import { Notification } from "../apps/web/src/server/mongo/notifications";
import { ProcessedEvent } from "../apps/web/src/server/mongo/processed-event";
import { Profile } from "../apps/web/src/server/mongo/profile";
import { SentEmail } from "../apps/web/src/server/mongo/sent-emails";

const { db, sql } = testDatabase(6, { cleanEach: true });
const bookings = bookingRepository(db);
const outbox = outboxRepository(db);
const WEB = "http://localhost:3000";
const PETS = "http://localhost:3001";
let catcher: MailCatcher;

beforeAll(async () => {
  catcher = await startMailCatcher();
  stubAppEnv({ EMAIL_SERVER: catcher.smtpUrl, WEB_URL: WEB, PETS_URL: PETS });
  await connectMongo();
});
beforeEach(async () => {
  await Promise.all([
    Notification.deleteMany({}),
    ProcessedEvent.deleteMany({}),
    SentEmail.deleteMany({}),
    Profile.deleteMany({}),
  ]);
  await fetch(`${catcher.inboxUrl}/messages`, { method: "DELETE" });
});
afterAll(async () => {
  await disconnectMongo();
  await catcher.stop();
  vi.unstubAllEnvs();
});

/** Web's events route called as pets' dispatcher calls it (a batch, a service token). */
const post: Send = async (batch) => {
  const events = batch.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }));
  const response = await deliver(
    new Request(`${WEB}/api/internal/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-service-token": await signServiceToken({ issuer: "pets", audience: "web" }),
      },
      body: JSON.stringify({ events }),
    }),
    {},
  );
  expect(response.status).toBe(200);
  return response.json();
};

/** Delivers every due outbox event through the route; the batches as sent, for redelivery. */
async function deliverAll(): Promise<OutboxMessage[]> {
  const sent: OutboxMessage[] = [];
  for (let round = 0; round < 20; round++) {
    const result = await outbox.deliverDue(async (batch) => {
      sent.push(...batch);
      return post(batch);
    });
    if (result.sent === 0) break;
  }
  return sent;
}

const inbox = async (to?: string) =>
  (await (
    await fetch(`${catcher.inboxUrl}/messages${to ? `?to=${encodeURIComponent(to)}` : ""}`)
  ).json()) as CaughtMessage[];
const subjects = async (to: string) => (await inbox(to)).map((m) => m.subject).sort();

async function scene() {
  const sitter = await db.user.create({ data: { email: "sitter@burrow.test", name: "Sam", role: "SITTER" } });
  const tenant = await db.user.create({ data: { email: "tenant@burrow.test", name: "Tia" } });
  const other = await db.user.create({ data: { email: "other@burrow.test", name: "Oli" } });
  const listing = await factories(db).listing(sitter.id, {
    title: "Flat by the park",
    nightlyPriceMinor: 4_000,
    cancellationPolicy: "FLEXIBLE",
  });
  const request = async (who: string, start: string, end: string, at: Date) => {
    const result = await bookings.request(who, { listingId: listing.id, start, end, pets: 1 }, at);
    if (!result.ok) throw new Error(result.message);
    return result.booking;
  };
  return { sitter, tenant, other, listing, request };
}

const NOW = new Date("2027-01-10T12:00:00Z");

describe("e-mail for booking events", () => {
  it("sends each kind once to the right person with the right links, and never again on redelivery", async () => {
    const { sitter, tenant, other, request } = await scene();
    const stay = await request(tenant.id, "2027-02-01", "2027-02-03", NOW);
    const loser = await request(other.id, "2027-02-02", "2027-02-04", NOW);
    expect((await bookings.accept(stay.id, sitter.id, NOW)).ok).toBe(true);
    const lapsed = await request(other.id, "2027-03-01", "2027-03-02", NOW);
    await bookings.sweep(new Date("2027-01-14T12:00:00Z")); // 72 h later: `lapsed` expires
    const cancelled = await request(tenant.id, "2027-04-01", "2027-04-03", NOW);
    expect((await bookings.accept(cancelled.id, sitter.id, NOW)).ok).toBe(true);
    expect((await bookings.sitterCancel(sitter.id, { bookingId: cancelled.id, reason: "My van broke." }, NOW)).ok).toBe(
      true,
    );
    // The day before the stay, the stay itself, and the end of the review window.
    expect((await reminderRepository(db).publishDue(new Date("2027-01-31T10:00:00Z"))).startsSoon).toBe(1);
    expect((await bookings.complete(stay.id, sitter.id, new Date("2027-02-03T10:00:00Z"))).ok).toBe(true);
    await reviewRepository(db).write(tenant.id, { bookingId: stay.id, rating: 5, text: "Great" }, NOW);
    expect((await reminderRepository(db).publishDue(new Date("2027-02-15T10:00:00Z"))).reviewClosing).toBe(1);

    const batches = await deliverAll();
    expect(batches.length).toBeGreaterThan(10);

    expect(await subjects(tenant.email)).toEqual([
      "How was the stay?",
      "The sitter cancelled your stay",
      "Your stay is confirmed",
      "Your stay is confirmed",
      "Your stay starts tomorrow",
    ]);
    expect(await subjects(sitter.email)).toEqual([
      "How was the stay?",
      "New stay request",
      "New stay request",
      "New stay request",
      "New stay request",
      "Reviews close soon",
      "Your stay starts tomorrow",
    ]);
    expect(await subjects(other.email)).toEqual(["Your request expired", "Your request was declined"]);

    const byTenant = await inbox(tenant.email);
    const accepted = byTenant.find((m) => m.text.includes("1 February 2027") && m.subject === "Your stay is confirmed");
    if (!accepted) throw new Error("no acceptance e-mail for the February stay");
    expect(accepted.text).toContain(`${PETS}/stays/${stay.id}`);
    expect(accepted.html).toContain(`href="${PETS}/stays/${stay.id}"`);
    expect(accepted.text).toContain("Monday, 1 February 2027");
    expect(accepted.from).toBe("no-reply@burrow.test");
    // RFC 8058: the one-click endpoint on web, and the page link in the body.
    expect(accepted.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(accepted.headers["list-unsubscribe"]).toMatch(
      new RegExp(`^<${WEB}/api/email/unsubscribe\\?u=${tenant.id}&k=booking\\.accepted&t=[\\w.-]+>$`),
    );
    expect(accepted.text).toMatch(new RegExp(`${WEB}/email/unsubscribe\\?u=${tenant.id}&k=booking\\.accepted&t=`));
    const cancellation = byTenant.find((m) => m.subject === "The sitter cancelled your stay") as CaughtMessage;
    expect(cancellation.text).toContain("You get a full refund of €80.00.");
    expect(cancellation.text).toContain("Their reason: My van broke.");
    const request1 = (await inbox(sitter.email)).find(
      (m) => m.subject === "New stay request" && m.text.includes(`${PETS}/requests/${stay.id}`),
    );
    expect(request1?.text).toContain(
      "Accept or decline before Wednesday, 13 January 2027 at 13:00 (Europe/Berlin time)",
    );
    const closing = (await inbox(sitter.email)).find((m) => m.subject === "Reviews close soon") as CaughtMessage;
    expect(closing.text).toContain(`${PETS}/requests/${stay.id}`);
    expect(closing.text).toContain("Reviews close on Wednesday, 17 February 2027 at 00:00 (Europe/Berlin time).");
    const declined = (await inbox(other.email)).find((m) => m.subject === "Your request was declined");
    expect(declined?.text).toContain(`${PETS}/stays/${loser.id}`);
    expect(declined?.text).toContain("were booked by someone else");
    const expired = (await inbox(other.email)).find((m) => m.subject === "Your request expired");
    expect(expired?.text).toContain(`${PETS}/stays/${lapsed.id}`);

    // Redelivery of every batch, even after web forgot it processed them: no second e-mail.
    const before = (await inbox()).length;
    await ProcessedEvent.deleteMany({});
    const again = await post(batches.slice(0, 100));
    expect(again.failed).toEqual([]);
    expect((await inbox()).length).toBe(before);
    expect(await SentEmail.countDocuments({ status: "sent" })).toBe(before);
  });

  it("sends nothing of a kind its recipient switched off, and the rest as before", async () => {
    const { sitter, tenant, request } = await scene();
    await setEmailPreferences(tenant.id, ["booking.declined"]);
    await setEmailPreferences(sitter.id, []);
    const stay = await request(tenant.id, "2027-02-01", "2027-02-03", NOW);
    expect((await bookings.accept(stay.id, sitter.id, NOW)).ok).toBe(true);
    const declined = await request(tenant.id, "2027-03-01", "2027-03-03", NOW);
    expect((await bookings.decline(declined.id, sitter.id, NOW)).ok).toBe(true);
    await deliverAll();
    expect(await subjects(tenant.email)).toEqual(["Your request was declined"]);
    expect(await subjects(sitter.email)).toEqual([]);
    // The in-app notifications are not e-mail settings: they all arrived.
    expect(await Notification.countDocuments({ userId: tenant.id })).toBe(2);
  });

  it("keeps the event in the outbox while SMTP is down and sends it once when it is back", async () => {
    const { sitter, tenant, request } = await scene();
    const stay = await request(tenant.id, "2027-02-01", "2027-02-03", NOW);
    expect((await bookings.accept(stay.id, sitter.id, NOW)).ok).toBe(true);
    const smtpPort = Number(new URL(catcher.smtpUrl).port);
    const httpPort = Number(new URL(catcher.inboxUrl).port);
    await catcher.stop();
    try {
      const down = await outbox.deliverDue(post, { baseDelayMs: 1 });
      expect(down).toMatchObject({ sent: 2, delivered: 0, failed: 1 });
      const { rows } = await sql.query(
        "SELECT attempts, last_error FROM pets.outbox_events WHERE delivered_at IS NULL ORDER BY seq",
      );
      expect(rows[0]?.attempts).toBe(1);
      expect(rows[0]?.last_error).toMatch(/ECONNREFUSED/);
      expect(rows).toHaveLength(2); // the accept waits behind the failed request of the same booking
      expect(await SentEmail.countDocuments({})).toBe(0);
    } finally {
      catcher = await startMailCatcher({ smtpPort, httpPort });
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    await deliverAll();
    expect(await subjects(sitter.email)).toEqual(["New stay request"]);
    expect(await subjects(tenant.email)).toEqual(["Your stay is confirmed"]);
    // Delivered again on purpose: still once.
    await ProcessedEvent.deleteMany({});
    expect(
      (
        await post(
          (
            await sql.query(
              'SELECT id::text AS id, type, aggregate_id AS "aggregateId", payload, created_at AS "createdAt", attempts FROM pets.outbox_events',
            )
          ).rows,
        )
      ).failed,
    ).toEqual([]);
    expect((await inbox()).length).toBe(2);
  });

  it("gives up on an SMTP server that never answers within seconds, failing the event for a retry", async () => {
    const { sitter, tenant, request } = await scene();
    await request(tenant.id, "2027-02-01", "2027-02-03", NOW);
    // Accepts connections and says nothing: nodemailer's default would wait 30 s for the greeting.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    vi.stubEnv("EMAIL_SERVER", `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`);
    try {
      const started = Date.now();
      expect(await outbox.deliverDue(post)).toMatchObject({ sent: 1, failed: 1 });
      expect(Date.now() - started).toBeLessThan(9_000);
      const { rows } = await sql.query("SELECT last_error FROM pets.outbox_events");
      expect(rows[0]?.last_error).toMatch(/greeting/i);
      expect(await SentEmail.countDocuments({})).toBe(0); // the claim was released
    } finally {
      vi.stubEnv("EMAIL_SERVER", catcher.smtpUrl);
      silent.close();
    }
    expect(await subjects(sitter.email)).toEqual([]);
  });

  it("switches a kind off from the e-mail's one-click link, and refuses forged or garbled links", async () => {
    const { sitter, tenant, request } = await scene();
    const stay = await request(tenant.id, "2027-02-01", "2027-02-03", NOW);
    expect((await bookings.accept(stay.id, sitter.id, NOW)).ok).toBe(true);
    await deliverAll();
    const [accepted] = await inbox(tenant.email);
    const oneClick = accepted?.headers["list-unsubscribe"]?.slice(1, -1) as string;
    const click = (
      target: string,
      body: BodyInit | null = "List-Unsubscribe=One-Click",
      type = "application/x-www-form-urlencoded",
    ) => unsubscribe(new Request(target, { method: "POST", headers: { "content-type": type }, body }));

    const forged = new URL(oneClick);
    forged.searchParams.set("u", sitter.id);
    expect((await click(forged.toString())).status).toBe(403);
    const wrongKind = new URL(oneClick);
    wrongKind.searchParams.set("k", "booking.requested");
    expect((await click(wrongKind.toString())).status).toBe(403);
    const tampered = new URL(oneClick);
    tampered.searchParams.set("t", `${tampered.searchParams.get("t")?.slice(0, -2)}xx`);
    expect((await click(tampered.toString())).status).toBe(403);
    for (const garbled of [`${WEB}/api/email/unsubscribe`, `${WEB}/api/email/unsubscribe?u=%00&k=x&t=y`]) {
      expect((await click(garbled)).status).toBe(400);
    }
    expect((await click(oneClick, "List-Unsubscribe=Maybe")).status).toBe(400);
    expect((await click(oneClick, "{}", "application/json")).status).toBe(400);
    expect((await emailPreferences(tenant.id))["booking.accepted"]).toBe(true);

    const ok = await click(oneClick);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ unsubscribed: "booking.accepted" });
    expect(await emailPreferences(tenant.id)).toMatchObject({ "booking.accepted": false, "booking.declined": true });
    expect((await click(oneClick)).status).toBe(200); // a second click changes nothing

    // The next acceptance sends no e-mail; the decline still does.
    const second = await request(tenant.id, "2027-03-01", "2027-03-03", NOW);
    expect((await bookings.accept(second.id, sitter.id, NOW)).ok).toBe(true);
    const third = await request(tenant.id, "2027-04-01", "2027-04-03", NOW);
    expect((await bookings.decline(third.id, sitter.id, NOW)).ok).toBe(true);
    await deliverAll();
    expect(await subjects(tenant.email)).toEqual(["Your request was declined", "Your stay is confirmed"]);
  });
});

describe("the unread-messages digest", () => {
  it("e-mails one summary of every waiting thread after 15 minutes, once, and nothing when switched off", async () => {
    const { sitter, tenant, other, listing } = await scene();
    const conversations = conversationRepository(db);
    const digests = messageDigestRepository(db);
    const ask = async (who: string, body: string, minute: number) => {
      const sent = await conversations.send(
        who,
        { listingId: listing.id, tenantId: who, body },
        { now: new Date(NOW.getTime() + minute * 60_000), rules: [{ max: 100, windowSeconds: 60, per: "a minute" }] },
      );
      if (!sent.ok) throw new Error(sent.message);
      return sent;
    };
    const first = await ask(tenant.id, "Is the garden fenced?", 0);
    await ask(tenant.id, "And shaded?", 1);
    await ask(other.id, "Do you take cats?", 2);
    await switchOffEmail(tenant.id, "messages.unread");

    expect(await digests.publishDue(new Date(NOW.getTime() + 15 * 60_000))).toBe(1);
    const sent = await deliverAll();
    const [digest, ...rest] = await inbox(sitter.email);
    expect(rest).toEqual([]);
    expect(digest?.subject).toBe("You have 3 unread messages on Burrow");
    expect(digest?.text).toContain("Flat by the park");
    expect(digest?.text).toContain(`${PETS}/messages`);
    expect(digest?.text).toContain(`${WEB}/email/unsubscribe?`);

    // Redelivered, even with the processed-event records gone: no second e-mail.
    await ProcessedEvent.deleteMany({});
    await post(sent);
    expect(await inbox(sitter.email)).toHaveLength(1);

    // The sitter answers; the tenant switched digests off, so 15 minutes later nothing reaches them.
    const reply = await conversations.send(
      sitter.id,
      { conversationId: first.conversationId, body: "Yes." },
      {
        now: new Date(NOW.getTime() + 20 * 60_000),
      },
    );
    expect(reply.ok).toBe(true);
    expect(await digests.publishDue(new Date(NOW.getTime() + 40 * 60_000))).toBe(1);
    await deliverAll();
    expect(await inbox(tenant.email)).toEqual([]);
  });
});
