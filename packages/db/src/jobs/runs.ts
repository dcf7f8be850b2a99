// Periodic jobs that must run once per due time however many pets instances fire them
// (pets.job_runs): each instance tries to move the job's row forward to the due time, and the one
// whose statement does it runs the job. Concurrent claims of one due time queue on the row's lock and
// the later ones see it already moved, so exactly one wins; no lock is held while the job runs.
import { z } from "zod";
import { type Db, prisma } from "../client";

const JobName = z.string().regex(/^[a-z0-9-]{1,64}$/, "a job name is 1–64 of a-z 0-9 -");

export function jobRunRepository(db: Db = prisma) {
  return {
    /** True for the one caller that claims `dueAt` first; false for the others and for older due times. */
    async claim(name: string, dueAt: Date): Promise<boolean> {
      const job = JobName.parse(name);
      const rows = await db.$queryRaw<{ name: string }[]>`
        INSERT INTO pets.job_runs (name, due_at) VALUES (${job}, ${dueAt})
        ON CONFLICT (name) DO UPDATE SET due_at = EXCLUDED.due_at WHERE pets.job_runs.due_at < EXCLUDED.due_at
        RETURNING name`;
      return rows.length === 1;
    },
  };
}
