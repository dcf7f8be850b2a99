import net from "node:net";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CaughtMessage, type MailCatcher, startMailCatcher } from "./mail-catcher";

let catcher: MailCatcher;

beforeAll(async () => {
  catcher = await startMailCatcher();
});
afterAll(() => catcher.stop());

const send = (to: string, text: string) =>
  createTransport(catcher.smtpUrl).sendMail({ from: "Burrow <no-reply@burrow.test>", to, subject: "Hello", text });

const inbox = async (path: string, init?: RequestInit) => fetch(`${catcher.inboxUrl}${path}`, init);

describe("mail catcher", () => {
  it("keeps what is sent and lists it per recipient, newest first, as JSON", async () => {
    await send("Farah@Burrow.test", "first http://localhost:3000/x?a=1&b=2");
    await send("farah@burrow.test", "second");
    await send("gus@burrow.test", "other");

    const res = await inbox(`/messages?to=${encodeURIComponent("FARAH@burrow.test")}`);
    expect(res.headers.get("content-type")).toBe("application/json");
    const messages = (await res.json()) as CaughtMessage[];
    expect(messages.map((m) => m.text.trim())).toEqual(["second", "first http://localhost:3000/x?a=1&b=2"]);
    expect(messages[0]).toMatchObject({ to: ["farah@burrow.test"], from: "no-reply@burrow.test", subject: "Hello" });
    expect(messages[0]?.headers).toMatchObject({ subject: "Hello", to: "farah@burrow.test" });

    const one = await inbox(`/messages/${messages[1]?.id}`);
    expect(((await one.json()) as CaughtMessage).text).toContain("first");
    expect((await inbox("/messages/99999")).status).toBe(404);
  });

  it("shows an HTML inbox with clickable, escaped links", async () => {
    const page = await (await inbox("/")).text();
    expect(page).toContain("Burrow mail catcher");
    expect(page).toContain('<a href="http://localhost:3000/x?a=1&amp;b=2">');
  });

  it("empties on DELETE /messages", async () => {
    expect((await inbox("/messages", { method: "DELETE" })).status).toBe(200);
    expect(await (await inbox("/messages")).json()).toEqual([]);
  });

  it("frees both ports on stop", async () => {
    const other = await startMailCatcher();
    const ports = [new URL(other.smtpUrl).port, new URL(other.inboxUrl).port].map(Number);
    await other.stop();
    for (const port of ports) {
      const open = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.end();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
      });
      expect(open).toBe(false);
    }
  });
});
