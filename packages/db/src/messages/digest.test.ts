import { describe, expect, it } from "vitest";
import { dueDigests, type PendingThread } from "./digest";

const at = (minute: number) => new Date(Date.UTC(2027, 0, 10, 12, minute));
const thread = (userId: string, conversationId: string, oldestMinute: number, unread = 1): PendingThread => ({
  userId,
  conversationId,
  listingTitle: `Listing ${conversationId}`,
  unread,
  throughId: "1",
  oldest: at(oldestMinute),
});

describe("dueDigests", () => {
  it("waits until a user's oldest pending message reaches the cut-off", () => {
    expect(dueDigests([thread("u1", "c1", 5)], at(4))).toEqual([]);
    expect(dueDigests([thread("u1", "c1", 5)], at(5)).map((d) => d.userId)).toEqual(["u1"]);
  });

  it("batches every pending thread of a due user into one digest, newer threads included", () => {
    const digests = dueDigests([thread("u1", "c1", 0, 3), thread("u1", "c2", 14, 1), thread("u2", "c3", 14)], at(0));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.userId).toBe("u1");
    expect(digests[0]?.threads.map((t) => [t.conversationId, t.unread])).toEqual([
      ["c2", 1],
      ["c1", 3],
    ]);
  });

  it("keeps at most 50 threads, the most recent ones", () => {
    const many = Array.from({ length: 60 }, (_, i) => thread("u1", `c${i}`, i));
    const [digest] = dueDigests(many, at(59));
    expect(digest?.threads).toHaveLength(50);
    expect(digest?.threads[0]?.conversationId).toBe("c59");
  });
});
