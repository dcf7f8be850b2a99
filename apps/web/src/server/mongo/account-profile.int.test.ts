import { prisma } from "@burrow/db";
import { cleanPostgres } from "@burrow/db/clean";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAccountProfile, getPublicProfile, updateAccountProfile } from "./account-profile";
import { disconnectMongo } from "./connection";
import { ensureProfile, Profile } from "./profile";

const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
let ada: { id: string };

beforeAll(async () => {
  await sql.connect();
  await cleanPostgres(sql);
  await ensureProfile("setup"); // connects and builds the indexes
  await Profile.deleteMany({});
  ada = await prisma.user.create({ data: { email: "ada@burrow.test", screenname: "ada", name: "Ada Lind" } });
});

afterAll(async () => {
  await cleanPostgres(sql);
  await sql.end();
  await prisma.$disconnect();
  await disconnectMongo();
});

describe("GET /api/profile: getAccountProfile", () => {
  it("creates the Mongo profile lazily on first access and returns the PostgreSQL user with it", async () => {
    expect(await Profile.countDocuments({ userId: ada.id })).toBe(0);

    const first = await getAccountProfile(ada.id);

    expect(first).toEqual({
      ok: true,
      user: { id: ada.id, email: "ada@burrow.test", screenname: "ada", name: "Ada Lind", role: "TENANT" },
      profile: {
        bio: "",
        avatar: null,
        avatarUrl: null,
        socialLinks: [],
        pets: [],
        categories: [],
        updatedAt: expect.any(Date),
      },
    });
    expect(await Profile.countDocuments({ userId: ada.id })).toBe(1);
    await getAccountProfile(ada.id);
    expect(await Profile.countDocuments({ userId: ada.id })).toBe(1);
  });

  it("answers NOT_FOUND, and creates nothing, for a user PostgreSQL does not know", async () => {
    expect(await getAccountProfile("cmissing000000000000000000")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await Profile.countDocuments({ userId: "cmissing000000000000000000" })).toBe(0);
  });
});

describe("PATCH /api/profile: updateAccountProfile", () => {
  const valid = {
    bio: "  Dog person, walks twice a day.  ",
    avatarUrl: "https://images.example.com/ada.png",
    socialLinks: [{ label: "Blog", url: "https://ada.example.com" }],
    pets: [
      { name: "Rex", species: "DOG", age: 4, notes: "Loves the park" },
      { name: "Tom", species: "CAT" },
    ],
    categories: ["walking", "sitting", "walking"],
  };

  it("saves valid fields and answers the stored profile", async () => {
    const result = await updateAccountProfile(ada.id, valid);

    expect(result).toMatchObject({
      ok: true,
      user: { id: ada.id, screenname: "ada" },
      profile: {
        bio: "Dog person, walks twice a day.",
        avatarUrl: "https://images.example.com/ada.png",
        socialLinks: [{ label: "Blog", url: "https://ada.example.com" }],
        pets: [
          { name: "Rex", species: "DOG", age: 4, notes: "Loves the park" },
          { name: "Tom", species: "CAT", age: null, notes: null },
        ],
        categories: ["walking", "sitting"],
      },
    });
    expect(await getAccountProfile(ada.id)).toMatchObject({ profile: { bio: "Dog person, walks twice a day." } });
  });

  it("changes only the fields sent, and removes the avatar for an empty avatarUrl", async () => {
    await updateAccountProfile(ada.id, valid);
    const result = await updateAccountProfile(ada.id, { bio: "Cat person now.", avatarUrl: "" });

    expect(result.ok && result.profile).toMatchObject({
      bio: "Cat person now.",
      avatarUrl: null,
      pets: [{ name: "Rex" }, { name: "Tom" }],
      categories: ["walking", "sitting"],
    });
    expect(await Profile.findOne({ userId: ada.id }).lean()).not.toHaveProperty("avatarUrl");
  });

  it.each([
    [{ bio: "x".repeat(2001) }, "bio"],
    [{ avatarUrl: "http://images.example.com/a.png" }, "avatarUrl"],
    [{ avatarUrl: "javascript:alert(1)" }, "avatarUrl"],
    [{ socialLinks: [{ label: "Blog", url: "ftp://ada.example.com" }] }, "socialLinks.0.url"],
    [
      { socialLinks: Array.from({ length: 6 }, (_, i) => ({ label: `L${i}`, url: `https://x${i}.example.com` })) },
      "socialLinks",
    ],
    [{ pets: [{ name: "", species: "DOG" }] }, "pets.0.name"],
    [{ pets: [{ name: "Rex", species: "DRAGON" }] }, "pets.0.species"],
    [{ pets: [{ name: "Rex", species: "DOG", age: -1 }] }, "pets.0.age"],
    [{ pets: [{ name: "Rex", species: "DOG", age: 2.5 }] }, "pets.0.age"],
    [{ categories: ["hacking"] }, "categories.0"],
    [{ bio: 42 }, "bio"],
  ])("refuses %j with a field error on %s and writes nothing", async (body, field) => {
    await updateAccountProfile(ada.id, { bio: "Before", categories: ["sitting"] });
    const before = await Profile.findOne({ userId: ada.id }).lean();

    // A valid field sent along must not be saved either.
    const result = await updateAccountProfile(ada.id, { categories: ["grooming"], ...body });

    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { [field]: expect.any(Array) } });
    expect(await Profile.findOne({ userId: ada.id }).lean()).toEqual(before);
  });

  it("accepts an empty PATCH as a no-op", async () => {
    await updateAccountProfile(ada.id, { bio: "Unchanged" });
    expect(await updateAccountProfile(ada.id, {})).toMatchObject({ ok: true, profile: { bio: "Unchanged" } });
  });

  it("refuses unknown fields and non-objects, never touching userId", async () => {
    const unknown = await updateAccountProfile(ada.id, { userId: "someone-else", bio: "hi" });
    expect(unknown).toMatchObject({ ok: false, code: "VALIDATION", message: expect.stringContaining("userId") });
    for (const body of [null, "bio", [1, 2]]) {
      expect(await updateAccountProfile(ada.id, body)).toMatchObject({ ok: false, code: "VALIDATION" });
    }
    expect(await Profile.countDocuments({ userId: "someone-else" })).toBe(0);
  });

  it("answers NOT_FOUND for a deleted user and writes no profile", async () => {
    const result = await updateAccountProfile("cgone0000000000000000000000", { bio: "ghost" });
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await Profile.countDocuments({ userId: "cgone0000000000000000000000" })).toBe(0);
  });
});

describe("getPublicProfile", () => {
  it("finds a user by screenname, case-insensitively, without their e-mail", async () => {
    await updateAccountProfile(ada.id, { bio: "Public bio" });
    const found = await getPublicProfile("ADA");
    expect(found?.user).toEqual({
      id: ada.id,
      name: "Ada Lind",
      screenname: "ada",
      role: "TENANT",
      createdAt: expect.any(Date),
    });
    expect(found?.profile?.bio).toBe("Public bio");
  });

  it("answers null for an unknown screenname and a null profile for a user who never opened theirs", async () => {
    expect(await getPublicProfile("nobody")).toBeNull();
    const bruno = await prisma.user.create({ data: { email: "bruno@burrow.test", screenname: "bruno" } });
    expect(await getPublicProfile("bruno")).toEqual({ user: expect.objectContaining({ id: bruno.id }), profile: null });
    expect(await Profile.countDocuments({ userId: bruno.id })).toBe(0);
  });
});
