import { EventEmitter } from "node:events";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { metrics, serviceCallSpanProcessor } from "./metrics";
import { traceMongoCommands } from "./mongo";
import { registerTracing, tracer } from "./tracing";

const exporter = new InMemorySpanExporter();
registerTracing({
  service: "web",
  spanProcessors: [serviceCallSpanProcessor(), new SimpleSpanProcessor({ exporter })],
});

// The driver's MongoClient emits these events with `monitorCommands: true`; the integration test
// tests/outbox-tracing.int.test.ts sees them from a real client.
describe("traceMongoCommands", () => {
  it("makes one client span per command, under the caller's span, with no values", async () => {
    const client = new EventEmitter();
    traceMongoCommands(client);
    traceMongoCommands(client); // once per client
    const parent = tracer().startActiveSpan("handler", (span) => {
      client.emit("commandStarted", {
        requestId: 7,
        commandName: "find",
        databaseName: "burrow",
        command: { find: "profiles", filter: { email: "ann@burrow.test" } },
      });
      client.emit("commandStarted", {
        requestId: 8,
        commandName: "insert",
        databaseName: "burrow",
        command: { insert: "profiles", documents: [{ email: "ann@burrow.test" }] },
      });
      span.end();
      return span.spanContext();
    });
    client.emit("commandSucceeded", { requestId: 7, commandName: "find", databaseName: "burrow" });
    client.emit("commandFailed", {
      requestId: 8,
      commandName: "insert",
      databaseName: "burrow",
      failure: Object.assign(new Error('E11000 duplicate key error dup key: { email: "ann@burrow.test" }'), {
        name: "MongoServerError",
      }),
    });

    const spans = exporter.getFinishedSpans().filter((s) => s.attributes["db.system.name"] === "mongodb");
    expect(spans.map((s) => s.name)).toEqual(["find profiles", "insert profiles"]);
    for (const span of spans) {
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.parentSpanContext?.spanId).toBe(parent.spanId);
      expect(JSON.stringify([span.attributes, span.status])).not.toContain("ann@burrow.test");
    }
    expect(spans[1]?.status).toEqual({ code: SpanStatusCode.ERROR, message: "MongoServerError" });
    const text = await metrics().registry.metrics();
    expect(text).toContain('burrow_service_calls_total{dependency="mongodb"} 2');
    expect(text).toContain('burrow_service_call_errors_total{dependency="mongodb"} 1');
  });
});
