// One trace from "sitter accepts" to "tenant notified", for real: the accept runs pets.accept_booking in
// PostgreSQL (which stores the trace context with its outbox row), pets' dispatcher posts the batch
// over HTTP to web's events route (its real handler), which writes to the Mongo-wire server and
// e-mails the tenant through the mail catcher. Tracing is the apps' own (registerObservability, the pg
// and Prisma instrumentations, Mongo command spans) with an in-memory exporter added. Both apps run
// in this one process, so a span's app shows in its name and scope, not in service.name; the span
// standing for pets' server action is the test's own (Next's request spans need `next start`).
import { createRequire } from "node:module";
import path from "node:path";
import { metrics } from "@burrow/observability/metrics";
import { registerObservability } from "@burrow/observability/server";
import { tracer } from "@burrow/observability/tracing";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const exporter = new InMemorySpanExporter();
registerObservability("pets", { spanProcessors: [new SimpleSpanProcessor({ exporter })] });
// The pg instrumentation patches pg when it is require()d, as Next's server bundle loads it; vitest
// imports it instead, so require it once here (the same module instance) before @burrow/db loads.
createRequire(path.resolve(import.meta.dirname, "../packages/db/package.json"))("pg");

const { bookingRepository, outboxRepository } = await import("@burrow/db");
const { signServiceToken } = await import("@burrow/service-auth");
const { crashableServer, factories } = await import("@burrow/testing");
const { testDatabase } = await import("@burrow/testing/database");
const { expectOutboxDrained, stubAppEnv } = await import("@burrow/testing/harness");
const { startMailCatcher } = await import("@burrow/testing/mail-catcher");
const { freePort } = await import("@burrow/testing/services");
const { httpSender, startDispatcher } = await import("../apps/pets/src/server/outbox/dispatcher");
const { POST } = await import("../apps/web/src/app/api/internal/events/route");
const { connectMongo, disconnectMongo } = await import("../apps/web/src/server/mongo/connection");
const { Notification } = await import("../apps/web/src/server/mongo/notifications");

const { db } = testDatabase(4);
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;

beforeAll(async () => {
  catcher = await startMailCatcher();
  stubAppEnv({ EMAIL_SERVER: catcher.smtpUrl, PETS_URL: "http://localhost:3001" });
  await connectMongo();
});
afterAll(async () => {
  await disconnectMongo();
  await catcher.stop();
  vi.unstubAllEnvs();
});

const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const isMongo = (span: ReadableSpan) => span.attributes["db.system.name"] === "mongodb";
const isSql = (span: ReadableSpan) => span.instrumentationScope.name === "@opentelemetry/instrumentation-pg";

/** The trace as an indented tree, one span a line (the README's example). */
function render(spans: ReadableSpan[], parent?: string, depth = 0): string[] {
  return spans
    .filter((s) => s.parentSpanContext?.spanId === parent)
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])
    .flatMap((s) => [
      `${"  ".repeat(depth)}${s.name} [${SpanKind[s.kind]}] ${(s.duration[0] * 1e3 + s.duration[1] / 1e6).toFixed(1)} ms`,
      ...render(spans, idOf(s), depth + 1),
    ]);
}

describe("tracing across the outbox", () => {
  it("makes sitter-accepts → tenant-notified one trace through pets, SQL, the dispatcher, web and Mongo", async () => {
    const sitter = await db.user.create({ data: { email: "traced-sitter@burrow.test", role: "SITTER" } });
    const tenant = await db.user.create({ data: { email: "traced-tenant@burrow.test" } });
    const listing = await factories(db).listing(sitter.id, { nightlyPriceMinor: 4_000 });
    const bookings = bookingRepository(db);
    const now = new Date("2027-01-10T12:00:00Z");
    // The request's outbox row is written through Prisma, the accept's by pets.accept_booking.
    const { requested, request } = await tracer().startActiveSpan("pets request (server action)", async (span) => {
      const result = await bookings.request(
        tenant.id,
        { listingId: listing.id, start: "2027-02-01", end: "2027-02-03", pets: 1 },
        now,
      );
      span.end();
      return { requested: result, request: span.spanContext() };
    });
    if (!requested.ok) throw new Error(requested.message);
    const bookingId = requested.booking.id;

    const action = await tracer().startActiveSpan(
      "pets accept (server action)",
      { kind: SpanKind.SERVER },
      async (span) => {
        expect((await bookings.accept(bookingId, sitter.id, now)).ok).toBe(true);
        span.end();
        return span.spanContext();
      },
    );

    const tokens: string[] = [];
    const port = await freePort();
    const web = crashableServer(port, { handle: (request) => POST(request, {}) });
    await web.start();
    const dispatcher = startDispatcher({
      send: httpSender({
        url: `http://127.0.0.1:${port}/api/internal/events`,
        token: async () => {
          const token = await signServiceToken({ issuer: "pets", audience: "web", ttlSeconds: 30 });
          tokens.push(token);
          return token;
        },
        timeoutMs: 5_000,
      }),
      repository: outboxRepository(db),
      idleMs: 50,
    });
    await expectOutboxDrained(db);
    await dispatcher.stop();
    await web.stop();
    expect(await Notification.countDocuments({ userId: tenant.id, type: "booking.accepted" })).toBe(1);

    const all = exporter.getFinishedSpans();
    // The request's delivery continues its trace, under the Prisma transaction span that wrote the row.
    const requestDelivery = all.find((s) => s.name === "outbox deliver booking.requested");
    const writer = all.find((s) => idOf(s) === requestDelivery?.parentSpanContext?.spanId);
    expect(writer?.spanContext().traceId).toBe(request.traceId);
    expect(writer?.name).toMatch(/^prisma:client:/);
    const spans = all.filter((s) => s.spanContext().traceId === action.traceId);
    console.log(`[trace] ${spans.length} spans\n${render(spans).join("\n")}`);

    // Parent/child links intact: one root (the action), every other span's parent is in the trace.
    const ids = new Set(spans.map(idOf));
    expect(spans.filter((s) => !s.parentSpanContext).map((s) => s.name)).toEqual(["pets accept (server action)"]);
    for (const span of spans)
      if (span.parentSpanContext) expect(ids, span.name).toContain(span.parentSpanContext.spanId);

    const named = (name: string) => spans.filter((s) => s.name === name);
    const [deliver] = named("outbox deliver booking.accepted");
    const [consume] = named("outbox consume booking.accepted");
    if (!deliver || !consume) throw new Error("no delivery or consumer span in the trace");
    // pets: the accept's statement, then the dispatcher's delivery span as a child of the action.
    expect(spans.some((s) => isSql(s) && String(s.attributes["db.query.text"]).includes("pets.accept_booking("))).toBe(
      true,
    );
    expect(deliver.kind).toBe(SpanKind.PRODUCER);
    expect(deliver.parentSpanContext?.spanId).toBe(action.spanId);
    // …linked to the batch's request, pets' service call to web.
    const [link] = deliver.links;
    expect(all.find((s) => link && idOf(s) === link.context.spanId)?.name).toBe("web-api POST events");
    // web: the consumer under the delivery, and its Mongo commands, SQL and SMTP send under that.
    expect(consume.kind).toBe(SpanKind.CONSUMER);
    expect(consume.parentSpanContext?.spanId).toBe(idOf(deliver));
    const under = (root: ReadableSpan): ReadableSpan[] =>
      spans.filter((s) => s.parentSpanContext?.spanId === idOf(root)).flatMap((s) => [s, ...under(s)]);
    const handled = under(consume);
    expect(handled.filter(isMongo).map((s) => s.name)).toEqual(
      expect.arrayContaining(["find processed_events", "update notifications", "update processed_events"]),
    );
    expect(handled.some(isSql)).toBe(true);
    expect(handled.map((s) => s.name)).toContain("smtp send");

    // Mongo commands are service calls like the others.
    expect(await metrics().registry.getSingleMetricAsString("burrow_service_calls_total")).toMatch(
      /dependency="mongodb"} [1-9]/,
    );

    // No e-mail address, token or query value (ids bound to statements and filters) in any span.
    const secrets = [sitter.email, tenant.email, sitter.id, tenant.id, bookingId, listing.id, ...tokens];
    expect(tokens.length).toBeGreaterThan(0);
    for (const span of all) {
      const text = JSON.stringify([span.name, span.attributes, span.events, span.status, span.links]);
      for (const secret of secrets) expect(text, `${span.name} has ${secret}`).not.toContain(secret);
    }
  });
});
