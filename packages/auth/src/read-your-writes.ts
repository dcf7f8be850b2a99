import "server-only";
// Read-your-writes across replicas: after a write, the browser carries the primary's WAL position in
// a cookie both apps read (same name, path and domain as the session cookie), and reads that may go to
// a replica (web's search, listing pages, home and public profiles) use one only once it has replayed
// that position. A fixed delay would be
// either too short under lag or needlessly long; the cookie expires once any healthy replica must have
// caught up (replicas further behind than REPLICA_MAX_LAG_SECONDS are skipped anyway).
import { prisma, writePosition } from "@burrow/db";
import { cookies } from "next/headers";
import { sessionCookie } from "./config";
import { parseAuthEnv } from "./env";

export const WRITE_POSITION_COOKIE = "burrow-write-lsn";
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;
const MAX_AGE_SECONDS = 300;

/** After a server action's write commits: remember the primary's WAL position for this browser. */
export async function rememberWrite(): Promise<void> {
  const { options } = sessionCookie(parseAuthEnv()).cookie;
  (await cookies()).set(WRITE_POSITION_COOKIE, await writePosition(prisma), { ...options, maxAge: MAX_AGE_SECONDS });
}

/** The WAL position of this browser's last write, or null (none recent, or a malformed cookie). */
export async function lastWrite(): Promise<string | null> {
  const value = (await cookies()).get(WRITE_POSITION_COOKIE)?.value;
  return value && LSN.test(value) ? value : null;
}
