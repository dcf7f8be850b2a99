// The one way web sends e-mail to a user: sendUserEmail(kind, user, key, content). It honours the
// user's preferences, sends at most once per (key, user, kind) (see mongo/sent-emails.ts for the crash
// window), and gives every message its unsubscribe link and the RFC 8058 one-click headers. It throws
// when the SMTP server refuses or cannot be reached: the events consumer then reports the event failed
// and the outbox delivers it again later.
import { deletedEmail, userRepository } from "@burrow/db";
import { EMAIL_KINDS, type EmailKind } from "@burrow/events";
import { serviceCall } from "@burrow/observability/calls";
import { createTransport, type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";
import { wantsEmail } from "../mongo/email-preferences";
import { claimEmail, type EmailKey, markEmailSent, releaseEmail } from "../mongo/sent-emails";
import type { EmailContent } from "./content";
import { renderEmail } from "./template";
import { unsubscribeLinks } from "./unsubscribe-token";

export interface Recipient {
  id: string;
  email: string;
  name: string | null;
}

export interface EmailSettings {
  /** EMAIL_SERVER: smtp:// or smtps:// URL. */
  server: string;
  /** EMAIL_FROM. */
  from: string;
  webUrl: URL;
  unsubscribeSecret: string;
}

export interface UserEmail {
  kind: EmailKind;
  userId: string;
  /** Idempotency key: the outbox event's id, or e.g. a digest's window. */
  key: string;
  /** Built only when the e-mail is really sent (after the preference and idempotency checks). */
  content: (recipient: Recipient) => Promise<EmailContent> | EmailContent;
}

export type SendResult = "sent" | "already-sent" | "switched-off" | "no-recipient";

const transports = new Map<string, Transporter>();
function transportFor(server: string): Transporter {
  let transport = transports.get(server);
  if (!transport) {
    // Short timeouts (nodemailer waits minutes by default): an unresponsive SMTP server must fail the
    // event well within the dispatcher's 10 s. Settings in EMAIL_SERVER's query string take precedence.
    transport = createTransport(
      new SMTPTransport({ url: server, connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 8_000 }),
    );
    transports.set(server, transport);
  }
  return transport;
}

/** `settings` is read at the first e-mail really sent, so events that e-mail nobody need no SMTP settings. */
export function emailSender(settings: () => EmailSettings, now: () => Date = () => new Date()) {
  const users = userRepository();
  return async function sendUserEmail({ kind, userId, key, content }: UserEmail): Promise<SendResult> {
    if (!(await wantsEmail(userId, kind))) return "switched-off";
    const user = await users.findById(userId);
    // A deleted account keeps its row with a placeholder address that must never be mailed.
    if (!user || user.email === deletedEmail(userId)) return "no-recipient";
    const id: EmailKey = { key, userId, kind };
    const claim = await claimEmail(id, now());
    if (claim === "sent") return "already-sent";
    if (claim === "in-progress") throw new Error(`the ${kind} e-mail to ${userId} is being sent by another delivery`);
    try {
      const { server, from, webUrl, unsubscribeSecret } = settings();
      const recipient = { id: user.id, email: user.email, name: user.screenname ?? user.name };
      const message = await content(recipient);
      const links = await unsubscribeLinks(webUrl, { userId, kind }, unsubscribeSecret, now());
      const { html, text } = await renderEmail(message, {
        kindLabel: EMAIL_KINDS[kind],
        unsubscribeUrl: links.page,
        settingsUrl: new URL("/account#email", webUrl).toString(),
      });
      const info = await serviceCall("smtp", "smtp send", () =>
        transportFor(server).sendMail({
          from,
          to: recipient.email,
          subject: message.subject,
          text,
          html,
          headers: {
            "List-Unsubscribe": `<${links.oneClick}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          },
        }),
      );
      const refused = [...(info.rejected ?? []), ...(info.pending ?? [])];
      if (refused.length > 0) throw new Error(`the SMTP server did not accept the ${kind} e-mail to ${userId}`);
      await markEmailSent(id, info.messageId ?? null, now());
      return "sent";
    } catch (error) {
      await releaseEmail(id);
      throw error;
    }
  };
}

export type SendUserEmail = ReturnType<typeof emailSender>;
