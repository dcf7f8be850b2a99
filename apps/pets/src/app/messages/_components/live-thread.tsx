"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import type { LiveMessage } from "@/lib/live-message";
import { FieldError, FormMessage, invalidProps } from "../../_components/form-feedback";
import type { ThreadEntry } from "../_lib/entries";
import { markRead, type SendState, sendMessage } from "../actions";
import { MessageText } from "./message-text";

/** Where the first message goes when the thread does not exist yet. */
export type ComposeTarget = { conversationId: string } | { listingId: string; tenantId: string };

interface Props {
  /** Null until the first message: then nothing is live yet. */
  conversationId: string | null;
  viewerId: string;
  names: Record<string, string>;
  entries: ThreadEntry[];
  /** Showing the newest messages: new ones are appended live and marked read. */
  live: boolean;
  /** Why the viewer cannot write here, or null. */
  closed: string | null;
  target: ComposeTarget;
  maxLength: number;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The browser's own zone and language; the server's rendering may differ, so hydration takes this one. */
function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} suppressHydrationWarning className="text-muted text-sm">
      {timeFormat.format(new Date(iso))}
    </time>
  );
}

/**
 * The messages of a thread, kept up to date from the server-sent event stream while open (the
 * browser's EventSource reconnects by itself and resumes from the last event id), and the form to
 * answer. What the viewer has on screen is marked read.
 */
export function LiveThread({ conversationId, viewerId, names, entries, live, closed, target, maxLength }: Props) {
  const router = useRouter();
  const [arrived, setArrived] = useState<LiveMessage[]>([]);
  const [state, action, pending] = useActionState<SendState, FormData>(sendMessage, {});
  const initialIds = new Set(entries.flatMap((e) => (e.kind === "message" ? [e.id] : [])));
  const extra = [...arrived, ...(state.sent ? [state.sent] : [])]
    .filter((m, i, all) => !initialIds.has(m.id) && all.findIndex((o) => o.id === m.id) === i)
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const all: ThreadEntry[] = [...entries, ...extra.map((m) => ({ kind: "message" as const, ...m }))];
  const newestFromOthers = all.reduce(
    (max, e) => (e.kind === "message" && e.senderId !== viewerId && BigInt(e.id) > max ? BigInt(e.id) : max),
    0n,
  );
  // The stream starts after the newest message the page was rendered with, once per open thread.
  const [after] = useState(() => entries.reduce((max, e) => (e.kind === "message" ? e.id : max), "0"));

  useEffect(() => {
    if (!live || !conversationId) return;
    const source = new EventSource(`/api/conversations/${conversationId}/events?after=${after}`);
    source.onmessage = (event) => {
      const message = JSON.parse(event.data) as LiveMessage;
      setArrived((previous) => [...previous, message]);
    };
    return () => source.close();
  }, [live, conversationId, after]);

  const marked = useRef(0n);
  useEffect(() => {
    if (!live || !conversationId || newestFromOthers <= marked.current) return;
    const mark = () => {
      if (document.visibilityState !== "visible" || newestFromOthers <= marked.current) return;
      marked.current = newestFromOthers;
      void markRead(conversationId, newestFromOthers.toString()).then((result) => {
        // The unread count in the header is rendered by the server.
        if (result?.changed) router.refresh();
      });
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [live, conversationId, newestFromOthers, router]);

  const errors = state.fieldErrors ?? {};
  // React resets the form after the action: a refused message comes back through the state.
  const typed = typeof state.values?.body === "string" ? state.values.body : "";
  return (
    <>
      {all.length === 0 ? (
        <p className="notice">No messages yet.</p>
      ) : (
        // A log region announces new messages politely; the list inside keeps its list semantics.
        <div role="log" aria-label="Messages" className="mb-4">
          <ol className="m-0 grid list-none gap-3 p-0" data-testid="thread">
            {all.map((entry) =>
              entry.kind === "system" ? (
                <li key={entry.key} className="text-center text-muted text-sm" data-testid="system-line">
                  <Link href={entry.href}>{entry.text}</Link> · <Time iso={entry.createdAt} />
                </li>
              ) : (
                <li
                  key={entry.id}
                  className={`card max-w-[85%] ${entry.senderId === viewerId ? "justify-self-end" : "justify-self-start"}`}
                  data-testid="message"
                  data-mine={entry.senderId === viewerId}
                >
                  <p className="m-0 text-sm">
                    <strong>{entry.senderId === viewerId ? "You" : (names[entry.senderId] ?? "Member")}</strong>{" "}
                    <Time iso={entry.createdAt} />
                  </p>
                  <MessageText body={entry.body} />
                </li>
              ),
            )}
          </ol>
        </div>
      )}
      {closed ? (
        <p className="notice" data-testid="thread-closed">
          {closed}
        </p>
      ) : (
        live && (
          <form action={action} className="form" aria-label="Write a message" noValidate>
            {Object.entries(target).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <FormMessage state={state} fields={["body"]} />
            <div className="field">
              <label htmlFor="message-body">Your message</label>
              <textarea
                id="message-body"
                name="body"
                rows={4}
                maxLength={maxLength}
                defaultValue={typed}
                {...invalidProps(errors.body, "message-body-error", "message-body-hint")}
              />
              <p id="message-body-hint" className="text-muted text-sm">
                Plain text, up to {maxLength.toLocaleString("en")} characters. https links become clickable.
              </p>
              <FieldError id="message-body-error" messages={errors.body} />
            </div>
            <button type="submit" className="button" disabled={pending}>
              Send
            </button>
          </form>
        )
      )}
    </>
  );
}
