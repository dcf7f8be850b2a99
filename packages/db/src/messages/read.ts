// The one read web makes of the messages pets owns: the header's unread count. Kept apart from the
// repository with the writes, like listings/read.ts.
import { type Db, prisma } from "../client";

export function messageReadRepository(db: Db = prisma) {
  return {
    /** Messages others sent the user that the user has not read yet, over all their threads. */
    async unreadCount(userId: string): Promise<number> {
      const [row] = await db.$queryRaw<{ unread: number }[]>`
        SELECT count(*)::int AS unread
          FROM pets.conversation_reads r
          JOIN pets.messages m ON m.conversation_id = r.conversation_id AND m.id > r.last_read_id
         WHERE r.user_id = ${userId} AND m.sender_id <> ${userId}`;
      return row?.unread ?? 0;
    },
  };
}
