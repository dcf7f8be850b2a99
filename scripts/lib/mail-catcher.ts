// A local SMTP server that keeps every e-mail in memory instead of delivering it, with a small
// HTTP inbox: `GET /` (HTML, for developers), `GET /messages?to=ADDRESS` (JSON, newest first,
// for tests), `GET /messages/:id` and `DELETE /messages`. Runs inside the dev/test process, so it
// stops when that process ends; `stop()` closes it earlier.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CaughtMessage {
  id: number;
  /** Envelope recipients, lower-cased. */
  to: string[];
  from: string;
  subject: string;
  /** Header fields by lower-case name (unfolded), e.g. list-unsubscribe. */
  headers: Record<string, string>;
  text: string;
  html: string | null;
  receivedAt: string;
}

export interface MailCatcher {
  /** For EMAIL_SERVER. */
  smtpUrl: string;
  /** The inbox, for MAIL_CATCHER_URL and a browser. */
  inboxUrl: string;
  messages(to?: string): CaughtMessage[];
  stop(): Promise<void>;
}

const KEEP = 500;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** Text with its http(s) links made clickable: a developer follows a magic link from here. */
const linkify = (text: string) =>
  escapeHtml(text).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`);

function inboxPage(messages: CaughtMessage[]): string {
  const items = messages
    .map(
      (m) => `<article><h2>${escapeHtml(m.subject || "(no subject)")}</h2>
<p class="meta">to ${escapeHtml(m.to.join(", "))} · from ${escapeHtml(m.from)} · ${escapeHtml(m.receivedAt)}</p>
<pre>${linkify(m.text)}</pre></article>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Burrow mail catcher (${messages.length})</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border:1px solid #ddd;border-radius:.5rem;padding:0 1rem;margin:1rem 0}.meta{color:#666}pre{white-space:pre-wrap;overflow-wrap:anywhere}</style>
</head><body><h1>Burrow mail catcher</h1><p>E-mail the apps sent during this run, newest first (refreshes every 5 s).</p>
${items || "<p>No e-mail yet.</p>"}</body></html>`;
}

const listen = (server: { listen(port: number, host: string, cb: () => void): unknown }, port: number) =>
  new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));

/** Starts the catcher on 127.0.0.1; port 0 (the default) picks free ports. */
export async function startMailCatcher(opts: { smtpPort?: number; httpPort?: number } = {}): Promise<MailCatcher> {
  const caught: CaughtMessage[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    // Local only: no TLS, no login; anything sent to it is accepted and kept.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          caught.unshift({
            id: nextId++,
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: mail.subject ?? "",
            headers: Object.fromEntries(
              mail.headerLines.map(({ key, line }) => [
                key,
                line
                  .slice(line.indexOf(":") + 1)
                  .replace(/\r?\n\s+/g, " ")
                  .trim(),
              ]),
            ),
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : null,
            receivedAt: new Date().toISOString(),
          });
          caught.length = Math.min(caught.length, KEEP);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });

  const messages = (to?: string) => (to ? caught.filter((m) => m.to.includes(to.toLowerCase())) : [...caught]);

  const inbox = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(inboxPage(caught));
    } else if (req.method === "GET" && url.pathname === "/messages") {
      json(200, messages(url.searchParams.get("to") ?? undefined));
    } else if (req.method === "GET" && /^\/messages\/\d+$/.test(url.pathname)) {
      const message = caught.find((m) => m.id === Number(url.pathname.split("/")[2]));
      if (message) json(200, message);
      else json(404, { error: "no such message" });
    } else if (req.method === "DELETE" && url.pathname === "/messages") {
      caught.length = 0;
      json(200, { deleted: true });
    } else {
      json(404, { error: "not found: use GET /, GET /messages?to=ADDRESS, GET /messages/:id or DELETE /messages" });
    }
  });

  await listen(smtp, opts.smtpPort ?? 0);
  await listen(inbox, opts.httpPort ?? 0);
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (inbox.address() as AddressInfo).port;

  let stopped: Promise<void> | undefined;
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    inboxUrl: `http://127.0.0.1:${httpPort}`,
    messages,
    stop: () => {
      stopped ??= Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => {
          inbox.closeAllConnections();
          inbox.close(() => resolve());
        }),
      ]).then(() => undefined);
      return stopped;
    },
  };
}
