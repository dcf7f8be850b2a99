// The app roles from the app_roles migration: each app can do its own work and nothing else.
import { randomBytes } from "node:crypto";
import { listingInput } from "@burrow/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanPostgres } from "./clean";
import { createPrismaClient } from "./client";
import { listingReadRepository } from "./listings/read";
import { listingRepository } from "./listings/repository";
import { messageReadRepository } from "./messages/read";
import { conversationRepository } from "./messages/repository";

type Template = "burrow_web" | "burrow_pets";

const url = process.env.DATABASE_URL as string;
const admin = new pg.Client({ connectionString: url });
const roles: string[] = [];
const closers: (() => Promise<void>)[] = [];

/** The URL of a new LOGIN role IN ROLE `template`, the way a deployer would create one. */
async function loginUrl(template: Template): Promise<string> {
  const name = `${template}_t${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}' IN ROLE ${template}`);
  roles.push(name);
  const login = new URL(url);
  login.username = name;
  login.password = password;
  return login.toString();
}

async function connectAs(template: Template): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: await loginUrl(template) });
  await client.connect();
  closers.push(() => client.end());
  return client;
}

/** A Prisma client as the apps make it, logged in as a new member of `template`. */
async function prismaAs(template: Template) {
  const db = createPrismaClient(await loginUrl(template), 1);
  closers.push(() => db.$disconnect());
  return db;
}

const denied = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ code: "42501" });
const userRow = (id: string) => [id, `${id}@burrow.test`];
const insertUser = "INSERT INTO identity.users (id, email, updated_at) VALUES ($1, $2, now())";
const insertListing = `INSERT INTO pets.listings (id, sitter_id, title, description, city, time_zone, nightly_price_minor, currency, max_pets, updated_at)
  VALUES ($1, $2, 'A room', 'Quiet', 'Berlin', 'Europe/Berlin', 2500, 'EUR', 2, now())`;

let web: pg.Client;
let petsApp: pg.Client;

beforeAll(async () => {
  await admin.connect();
  await cleanPostgres(admin);
  web = await connectAs("burrow_web");
  petsApp = await connectAs("burrow_pets");
});
afterAll(async () => {
  for (const close of closers) await close();
  for (const name of roles) await admin.query(`DROP ROLE ${name}`);
  await cleanPostgres(admin);
  await admin.end();
});

describe("burrow_web", () => {
  it("writes identity and reads pets", async () => {
    await web.query(insertUser, userRow("cwebuser"));
    await web.query("UPDATE identity.users SET screenname = 'webby' WHERE id = 'cwebuser'");
    await admin.query(insertListing, ["cweblisting", "cwebuser"]);
    const { rows } = await web.query("SELECT id FROM pets.listings WHERE id = 'cweblisting'");
    expect(rows).toEqual([{ id: "cweblisting" }]);
  });

  it("cannot write the pets schema", async () => {
    await denied(web.query(insertListing, ["cwebwrite", "cwebuser"]));
    await denied(web.query("UPDATE pets.listings SET title = 'hijacked'"));
    await denied(web.query("DELETE FROM pets.listings"));
    await denied(web.query("CREATE TABLE pets.sneaky (id int)"));
  });
});

describe("burrow_pets", () => {
  it("writes pets, reads identity and touches sessions", async () => {
    await admin.query(insertUser, userRow("cpetsuser"));
    await petsApp.query(insertListing, ["cpetslisting", "cpetsuser"]);
    await petsApp.query("UPDATE pets.listings SET status = 'PAUSED' WHERE id = 'cpetslisting'");
    const { rows } = await petsApp.query("SELECT email FROM identity.users WHERE id = 'cpetsuser'");
    expect(rows).toEqual([{ email: "cpetsuser@burrow.test" }]);
    await admin.query(
      "INSERT INTO identity.sessions (session_token, user_id, expires, updated_at) VALUES ('tok', 'cpetsuser', now() + interval '1 day', now())",
    );
    await petsApp.query(
      "UPDATE identity.sessions SET expires = now() + interval '30 days' WHERE session_token = 'tok'",
    );
    const removed = await petsApp.query("DELETE FROM identity.sessions WHERE session_token = 'tok'");
    expect(removed.rowCount).toBe(1);
  });

  it("cannot write users, accounts or verification tokens", async () => {
    await denied(petsApp.query(insertUser, userRow("cpetswrite")));
    await denied(petsApp.query("UPDATE identity.users SET role = 'ADMIN'"));
    await denied(petsApp.query("DELETE FROM identity.accounts"));
    await denied(
      petsApp.query("INSERT INTO identity.verification_tokens (identifier, token, expires) VALUES ('a', 'b', now())"),
    );
  });
});

describe("the listing repositories under the app roles", () => {
  const sitterId = "crepossitter";
  const listingId = "creposlisting";

  beforeAll(async () => {
    await admin.query(insertUser, userRow(sitterId));
    await admin.query(insertListing, [listingId, sitterId]);
  });

  it("web reads every listing view through listingReadRepository, and cannot use the writes", async () => {
    const db = await prismaAs("burrow_web");
    const reads = listingReadRepository(db);
    expect((await reads.listActive({ limit: 100 })).map((l) => l.id)).toContain(listingId);
    expect(await reads.countActive()).toBeGreaterThanOrEqual(1);
    expect(await reads.findPublic(listingId)).toMatchObject({ ok: true, listing: { id: listingId } });
    expect(await reads.findForSitter(listingId, sitterId)).toMatchObject({ ok: true });
    expect((await reads.listBySitter(sitterId)).map((l) => l.id)).toEqual([listingId]);
    await expect(listingRepository(db).pause(listingId, sitterId)).rejects.toMatchObject({
      meta: { driverAdapterError: { cause: { originalCode: "42501" } } },
    });
  });

  it("pets creates, pauses and archives through listingRepository", async () => {
    const listings = listingRepository(await prismaAs("burrow_pets"));
    const created = await listings.create(
      sitterId,
      listingInput({ title: "A pets-role flat", description: "Written as burrow_pets." }),
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(await listings.pause(created.listing.id, sitterId)).toMatchObject({ ok: true });
    expect(await listings.archive(created.listing.id, sitterId)).toMatchObject({
      ok: true,
      listing: { status: "ARCHIVED" },
    });
  });
});

describe("the message repositories under the app roles", () => {
  const sitterId = "cmsgsitter00000000000000a";
  const tenantId = "cmsgtenant00000000000000a";
  const listingId = "cmsglisting0000000000000a";

  beforeAll(async () => {
    await admin.query(insertUser, userRow(sitterId));
    await admin.query(insertUser, userRow(tenantId));
    await admin.query(insertListing, [listingId, sitterId]);
  });

  it("pets sends, reads, marks read and blocks; web reads the unread count and can send nothing", async () => {
    const conversations = conversationRepository(await prismaAs("burrow_pets"));
    const sent = await conversations.send(tenantId, { listingId, tenantId, body: "Sent as burrow_pets" });
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    expect(await conversations.inbox(sitterId)).toMatchObject({ ok: true, items: [{ unread: 1 }] });

    const webDb = await prismaAs("burrow_web");
    expect(await messageReadRepository(webDb).unreadCount(sitterId)).toBe(1);
    await expect(
      conversationRepository(webDb).send(sitterId, { conversationId: sent.conversationId, body: "Sent as burrow_web" }),
    ).rejects.toMatchObject({ meta: { driverAdapterError: { cause: { originalCode: "42501" } } } });

    expect(
      await conversations.markRead(sitterId, { conversationId: sent.conversationId, messageId: sent.message.id }),
    ).toEqual({ ok: true, changed: true });
    expect(await messageReadRepository(webDb).unreadCount(sitterId)).toBe(0);
    expect(await conversations.block(sitterId, sent.conversationId)).toEqual({ ok: true, changed: true });
  });
});
