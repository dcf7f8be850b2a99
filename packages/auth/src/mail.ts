import { serviceCall } from "@burrow/observability/calls";
import { metrics } from "@burrow/observability/metrics";
import { createTransport, type Transporter } from "nodemailer";

export interface MagicLinkMail {
  to: string;
  url: string;
  expires: Date;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * The link Auth.js built, moved onto web's configured origin: the link then never points at a
 * host taken from a request's Host header (a forged Host would otherwise receive the token).
 */
export function pinLinkOrigin(url: string, webUrl: URL): string {
  const link = new URL(url);
  return new URL(`${link.pathname}${link.search}`, webUrl.origin).href;
}

export function magicLinkMessage({ url, expires }: Pick<MagicLinkMail, "url" | "expires">, now = new Date()) {
  const minutes = Math.max(1, Math.round((expires.getTime() - now.getTime()) / 60_000));
  const subject = "Your Burrow sign-in link";
  const text = `Sign in to Burrow:\n\n${url}\n\nThe link works once and expires in ${minutes} minutes. If you did not ask for it, ignore this e-mail.\n`;
  const html = `<p>Sign in to Burrow:</p><p><a href="${escapeHtml(url)}">Sign in</a></p><p>The link works once and expires in ${minutes} minutes. If you did not ask for it, ignore this e-mail.</p>`;
  return { subject, text, html };
}

const transports = new Map<string, Transporter>();

export async function sendMagicLink(mail: MagicLinkMail, server: string, from: string): Promise<void> {
  let transport = transports.get(server);
  if (!transport) {
    transport = createTransport(server);
    transports.set(server, transport);
  }
  const sender = transport;
  const result = await serviceCall("smtp", "smtp send", () =>
    sender.sendMail({ to: mail.to, from, ...magicLinkMessage(mail) }),
  );
  const failed = [...(result.rejected ?? []), ...(result.pending ?? [])];
  if (failed.length) throw new Error(`The sign-in e-mail to ${failed.join(", ")} was not accepted`);
  metrics().magicLinksSent.inc();
}
