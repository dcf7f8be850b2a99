import { testDatabase } from "@burrow/testing/database";
import { describe, expect, it } from "vitest";
import { signInLinkRepository } from "./sign-in-links";

const { db } = testDatabase(8);
const links = signInLinkRepository(db);
const LIFETIME = 15 * 60_000;
const LIMIT = 3;

const rows = (identifier: string) =>
  db.verificationToken.findMany({ where: { identifier }, orderBy: { expires: "asc" }, select: { token: true } });

describe("signInLinkRepository.issue", () => {
  it("stores up to the limit per address within a lifetime, superseding the older unused links", async () => {
    const now = Date.now();
    const issue = (identifier: string, token: string, at = now) =>
      links.issue({ identifier, token, expires: new Date(at + LIFETIME) }, LIMIT, new Date(at));
    expect(await issue("x@burrow.test", "h1", now - 3)).toEqual({ ok: true });
    expect(await issue("x@burrow.test", "h2", now - 2)).toEqual({ ok: true });
    expect(await issue("x@burrow.test", "h3", now - 1)).toEqual({ ok: true });
    expect(await issue("x@burrow.test", "h4")).toEqual({ ok: false, reason: "rate-limited" });
    // Only the newest works; the others still count.
    expect(await rows("x@burrow.test")).toEqual([
      { token: "superseded:h1" },
      { token: "superseded:h2" },
      { token: "h3" },
    ]);
    expect(await issue("y@burrow.test", "h5")).toEqual({ ok: true });

    // Once the first link has expired, its row is dropped and one more may go out.
    const later = now - 3 + LIFETIME + 1;
    expect(await issue("x@burrow.test", "h6", later)).toEqual({ ok: true });
    expect(await rows("x@burrow.test")).toEqual([
      { token: "superseded:h2" },
      { token: "superseded:h3" },
      { token: "h6" },
    ]);
    expect(await rows("y@burrow.test")).toEqual([{ token: "h5" }]);
  });

  it("holds the limit when many requests for one address arrive at once", async () => {
    const expires = new Date(Date.now() + LIFETIME);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        links.issue({ identifier: "race@burrow.test", token: `r${i}`, expires }, LIMIT),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(LIMIT);
    expect(await db.verificationToken.count({ where: { identifier: "race@burrow.test" } })).toBe(LIMIT);
    expect(
      await db.verificationToken.count({
        where: { identifier: "race@burrow.test", NOT: { token: { startsWith: "superseded:" } } },
      }),
    ).toBe(1);
  });
});
