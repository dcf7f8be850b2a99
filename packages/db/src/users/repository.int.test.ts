import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { cleanPostgres } from "../clean";
import { userRepository } from "./repository";

const { db, sql } = testDatabase(2);
const users = userRepository(db);

describe("userRepository", () => {
  it("sets a screenname, answers `taken` for another user's, and keeps your own", async () => {
    const a = await db.user.create({ data: { email: "a@burrow.test" } });
    const b = await db.user.create({ data: { email: "b@burrow.test" } });
    expect(await users.setScreenname(a.id, "ada")).toEqual({ ok: true });
    expect(await users.setScreenname(b.id, "ada")).toEqual({ ok: false, reason: "taken" });
    expect(await users.setScreenname(a.id, "ada")).toEqual({ ok: true });
    expect(await users.setScreenname("cmissing000000000000000000", "zed")).toEqual({ ok: false, reason: "not-found" });
    expect((await users.findById(a.id))?.screenname).toBe("ada");
    expect((await users.findById(b.id))?.screenname).toBeNull();
  });

  it("turns a tenant into a sitter and leaves sitters and admins alone", async () => {
    const tenant = await db.user.create({ data: { email: "t@burrow.test" } });
    const admin = await db.user.create({ data: { email: "adm@burrow.test", role: "ADMIN" } });
    expect(await users.becomeSitter(tenant.id)).toEqual({ ok: true, role: "SITTER" });
    expect(await users.becomeSitter(tenant.id)).toEqual({ ok: true, role: "SITTER" });
    expect(await users.becomeSitter(admin.id)).toEqual({ ok: true, role: "ADMIN" });
    expect(await users.becomeSitter("cmissing000000000000000000")).toEqual({ ok: false, reason: "not-found" });
  });

  it("searches e-mail, screenname and name case-insensitively, LIKE wildcards taken literally, one page at a time", async () => {
    await cleanPostgres(sql);
    const made = [];
    const rows: [string, string | null, string | null][] = [
      ["carla@burrow.test", "carla_c", "Carla Jones"],
      ["dan@example.org", "dan", "Dan CARLSON"],
      ["erin@burrow.test", "carlax", null],
      ["fred@burrow.test", null, "Fred 100% Smith"],
    ];
    for (const [i, [email, screenname, name]] of rows.entries()) {
      made.push(
        await db.user.create({ data: { email, screenname, name, createdAt: new Date(Date.UTC(2026, 0, i + 1)) } }),
      );
    }
    const sitter = made[0]!;
    await db.listing.create({
      data: {
        sitterId: sitter.id,
        title: "Flat",
        description: "d",
        city: "Berlin",
        timeZone: "Europe/Berlin",
        nightlyPriceMinor: 2500,
        currency: "EUR",
        species: ["DOG"],
        maxPets: 1,
      },
    });
    const emails = async (query: string, options?: { page?: number; perPage?: number }) =>
      (await users.search(query, options)).items.map((u) => u.email);

    expect(await emails("CARL")).toEqual(["erin@burrow.test", "dan@example.org", "carla@burrow.test"]);
    expect(await emails("example.ORG")).toEqual(["dan@example.org"]);
    expect(await emails("  ")).toHaveLength(4);
    expect(await emails("_")).toEqual(["carla@burrow.test"]);
    expect(await emails("%")).toEqual(["fred@burrow.test"]);
    expect(await emails("a_c")).toEqual(["carla@burrow.test"]);
    expect(await emails("nobody")).toEqual([]);

    const page = await users.search("", { page: 2, perPage: 3 });
    expect(page).toMatchObject({ total: 4, page: 2, pageCount: 2 });
    expect(page.items.map((u) => u.email)).toEqual(["carla@burrow.test"]);
    expect(page.items[0]).toEqual({
      id: sitter.id,
      email: "carla@burrow.test",
      screenname: "carla_c",
      name: "Carla Jones",
      role: "TENANT",
      createdAt: new Date(Date.UTC(2026, 0, 1)),
      deletedAt: null,
      listingCount: 1,
    });
  });

  it("lets an admin change another user's role but never their own", async () => {
    const admin = await db.user.create({ data: { email: "boss@burrow.test", role: "ADMIN" } });
    const user = await db.user.create({ data: { email: "member@burrow.test" } });

    expect(await users.setRole(admin.id, user.id, "SITTER")).toMatchObject({ ok: true, user: { role: "SITTER" } });
    expect(await users.setRole(admin.id, user.id, "ADMIN")).toMatchObject({ ok: true, user: { role: "ADMIN" } });
    expect(await users.setRole(admin.id, admin.id, "TENANT")).toEqual({ ok: false, reason: "self" });
    expect(await users.setRole(admin.id, "cmissing000000000000000000", "TENANT")).toEqual({
      ok: false,
      reason: "not-found",
    });
    expect((await users.findById(admin.id))?.role).toBe("ADMIN");
    expect((await users.findById(user.id))?.role).toBe("ADMIN");

    const gone = await db.user.create({ data: { email: "gone@burrow.test", deletedAt: new Date() } });
    expect(await users.setRole(admin.id, gone.id, "ADMIN")).toEqual({ ok: false, reason: "not-found" });
    expect((await users.findById(gone.id))?.role).toBe("TENANT");
  });

  it("finds public users by screenname and by ids, without e-mail addresses", async () => {
    const a = await db.user.create({ data: { email: "pub-a@burrow.test", screenname: "pub_a", name: "A" } });
    const b = await db.user.create({ data: { email: "pub-b@burrow.test" } });

    expect(await users.findByScreenname("PUB_A")).toEqual({
      id: a.id,
      name: "A",
      screenname: "pub_a",
      role: "TENANT",
      createdAt: a.createdAt,
    });
    expect(await users.findByScreenname("pub-a")).toBeNull();
    const byId = await users.findPublicByIds([a.id, b.id, a.id, "cmissing000000000000000000"]);
    expect([...byId.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(byId.get(b.id)).not.toHaveProperty("email");
    expect((await users.findPublicByIds([])).size).toBe(0);
  });

  // PostgreSQL text cannot hold U+0000: such a query would fail (22021) instead of finding nobody.
  it("answers lookups from URLs containing a NUL with nobody instead of a query error", async () => {
    const user = await db.user.create({ data: { email: "nul@burrow.test", screenname: "nul_user", name: "Nul" } });

    expect(await users.findByScreenname("nul_user\u0000")).toBeNull();
    expect(await users.findById(`${user.id}\u0000`)).toBeNull();
    expect(await users.search("nul\u0000")).toEqual({ items: [], total: 0, page: 1, pageCount: 1 });
    expect((await users.search("nul_")).items.map((u) => u.id)).toEqual([user.id]);
  });
});
