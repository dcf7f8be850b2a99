// Spans of the outbox's events between the apps: pets' dispatcher opens a PRODUCER span per event as
// a child of the span that wrote the event (its stored trace context), and sends each event with its
// delivery span's context; web handles each event in a CONSUMER span child of that. So "sitter
// accepts → tenant notified" is one trace across both apps, though events travel in batches: each
// event span links to the batch's request span instead of hanging under it.
import { context, type Link, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { continueTraceContext, type TraceContext, traceContextOf, tracer } from "./tracing";

interface TracedEvent extends Partial<TraceContext> {
  id: string;
  type: string;
}

const attributes = (event: TracedEvent) => ({
  "messaging.system": "burrow-outbox",
  "messaging.message.id": event.id,
  "messaging.destination.name": event.type,
});

/** The active span as a link, for an event span that is not its child. */
function linkToActive(): Link[] {
  const span = trace.getSpanContext(context.active());
  return span ? [{ context: span }] : [];
}

/**
 * Starts the delivery spans of a batch about to be sent (call it inside the batch's request span).
 * `sent[i]` is the trace context to send with `events[i]`; `end(failed)` ends them all, marking the
 * events `failed` names as errors. An event without a stored context is delivered under the request.
 */
export function deliverySpans(events: TracedEvent[]): {
  sent: TraceContext[];
  end: (failed: (id: string) => boolean) => void;
} {
  const links = linkToActive();
  const spans = events.map((event) =>
    tracer().startSpan(
      `outbox deliver ${event.type}`,
      { kind: SpanKind.PRODUCER, attributes: attributes(event), links },
      continueTraceContext(event),
    ),
  );
  return {
    sent: spans.map((span) => traceContextOf(trace.setSpan(context.active(), span))),
    end(failed) {
      events.forEach((event, i) => {
        if (failed(event.id)) spans[i]?.setStatus({ code: SpanStatusCode.ERROR });
        spans[i]?.end();
      });
    },
  };
}

/** Runs web's handling of one delivered event in a CONSUMER span continuing the event's trace. */
export function consumeSpan<T>(event: TracedEvent, handle: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(
    `outbox consume ${event.type}`,
    { kind: SpanKind.CONSUMER, attributes: attributes(event), links: linkToActive() },
    continueTraceContext(event),
    async (span) => {
      try {
        return await handle();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
