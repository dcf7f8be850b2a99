import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectMongo, disconnectMongo } from "./connection";
import { ensureProfile, Profile, upsertProfile } from "./profile";

describe("ensureProfile", () => {
  beforeAll(async () => {
    await ensureProfile("setup"); // connects and builds the indexes
    await Profile.deleteMany({});
  });

  afterAll(() => disconnectMongo());

  it("shares one connection between concurrent callers", () => {
    expect(connectMongo()).toBe(connectMongo());
  });

  it("creates exactly one profile under 50 concurrent calls for the same user", async () => {
    const profiles = await Promise.all(Array.from({ length: 50 }, () => ensureProfile("user-concurrent")));

    expect(new Set(profiles.map((p) => String(p._id))).size).toBe(1);
    expect(await Profile.countDocuments({ userId: "user-concurrent" })).toBe(1);
  });

  it("creates separate profiles for different users", async () => {
    const [a, b] = await Promise.all([ensureProfile("user-a"), ensureProfile("user-b")]);

    expect(String(a._id)).not.toBe(String(b._id));
    expect(await Profile.countDocuments({ userId: { $in: ["user-a", "user-b"] } })).toBe(2);
  });

  it("starts empty and leaves an existing profile untouched", async () => {
    const created = await ensureProfile("user-edited");
    expect(created.toObject()).toMatchObject({ bio: "", pets: [], socialLinks: [], categories: [] });

    await upsertProfile("user-edited", { bio: "Dog person", pets: [{ name: "Rex", species: "DOG", age: 4 }] });
    const ensured = await ensureProfile("user-edited");

    expect(ensured.toObject()).toMatchObject({ bio: "Dog person", pets: [{ name: "Rex", species: "DOG", age: 4 }] });
  });

  it("has a unique index on userId", async () => {
    const indexes = await Profile.collection.listIndexes().toArray();

    expect(indexes).toContainEqual(expect.objectContaining({ key: { userId: 1 }, unique: true }));
  });
});
