import { randomUUID } from "node:crypto";
import { type Context, createContextKey, type TextMapPropagator } from "@opentelemetry/api";

const REQUEST_ID = createContextKey("burrow.request-id");
const HEADER = "x-request-id";
const VALID = /^[\w.:-]{1,64}$/;

/** The request id the active context carries, if any. */
export const requestIdOf = (context: Context): string | undefined => context.getValue(REQUEST_ID) as string | undefined;

export const withRequestId = (context: Context, id: string): Context => context.setValue(REQUEST_ID, id);

/**
 * Puts a request id into each incoming request's context: the caller's `x-request-id` when it is a
 * sane token, otherwise the one already in the context, otherwise a new one. Next extracts with the
 * global propagator for every request, so no handler has to. Injecting writes it back out, which is
 * how Next's proxy pass hands it to the render pass and how the other app hears it.
 */
export const requestIdPropagator: TextMapPropagator = {
  inject(context, carrier, setter) {
    const id = requestIdOf(context);
    if (id) setter.set(carrier, HEADER, id);
  },
  extract(context, carrier, getter) {
    const raw = getter.get(carrier, HEADER);
    const header = Array.isArray(raw) ? raw[0] : raw;
    if (header && VALID.test(header)) return withRequestId(context, header);
    return requestIdOf(context) ? context : withRequestId(context, randomUUID());
  },
  fields: () => [HEADER],
};
