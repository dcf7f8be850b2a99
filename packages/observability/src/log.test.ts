import { Writable } from "node:stream";
import { context, propagation, ROOT_CONTEXT } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { createLogger } from "./log";
import { registerTracing, tracer } from "./tracing";

const exporter = new InMemorySpanExporter();
const provider = registerTracing({ service: "web", spanProcessors: [new SimpleSpanProcessor({ exporter })] });

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(stream, "info"), lines: () => lines.map((line) => JSON.parse(line)) };
}

describe("log", () => {
  it("writes JSON lines carrying the active span's trace and span ids", async () => {
    const { logger, lines } = capture();
    const ids = tracer().startActiveSpan("work", (span) => {
      logger.info({ component: "test" }, "inside");
      span.end();
      return span.spanContext();
    });
    logger.info("outside");
    const [inside, outside] = lines();
    await provider.forceFlush();
    expect(inside).toMatchObject({
      level: "info",
      msg: "inside",
      component: "test",
      traceId: ids.traceId,
      spanId: ids.spanId,
    });
    expect(exporter.getFinishedSpans().map((s) => s.spanContext().traceId)).toContain(inside.traceId);
    expect(outside.traceId).toBeUndefined();
  });

  it("carries the caller's x-request-id, or a new one, and continues an incoming traceparent", () => {
    const { logger, lines } = capture();
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const incoming = propagation.extract(ROOT_CONTEXT, { "x-request-id": "req-42", traceparent });
    context.with(incoming, () =>
      tracer().startActiveSpan("handle", (span) => {
        logger.info("one");
        span.end();
      }),
    );
    context.with(propagation.extract(ROOT_CONTEXT, {}), () => logger.info("two"));
    const [one, two] = lines();
    expect(one).toMatchObject({ requestId: "req-42", traceId: "0af7651916cd43dd8448eb211c80319c" });
    expect(two.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("redacts e-mail addresses, secrets and errors in every argument", () => {
    const { logger, lines } = capture();
    logger.error(
      { err: new Error("no user ann@burrow.test"), headers: { cookie: "authjs.session-token=abc" } },
      "sign-in for %s failed",
      "ann@burrow.test",
    );
    const [line] = lines();
    expect(JSON.stringify(line)).not.toContain("ann@burrow.test");
    expect(JSON.stringify(line)).not.toContain("abc");
    expect(line.msg).toBe("sign-in for [email] failed");
    expect(line.err.message).toBe("no user [email]");
  });

  it("honours the level", () => {
    const { lines } = capture();
    const quiet = createLogger(
      new Writable({ write: (_c, _e, done) => done(new Error("nothing should be written")) }),
      "warn",
    );
    quiet.info("dropped");
    expect(lines()).toEqual([]);
  });
});
