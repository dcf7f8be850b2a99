-- Purpose: one row per periodic job of pets that must run once per due time across instances (the photo
--          sweep): an instance claims a due time by moving due_at forward to it.
-- Ticket: #18
-- Reversible: yes
-- Rollback:
--   DROP TABLE "pets"."job_runs";

-- CreateTable
CREATE TABLE "pets"."job_runs" (
    "name" VARCHAR(64) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("name")
);

-- The app_roles migration's default privileges already give these; granted here too, so the grants hold
-- whichever role runs this migration. Only pets' jobs use it; web reads it like the rest of pets.
GRANT SELECT, INSERT, UPDATE, DELETE ON "pets"."job_runs" TO burrow_pets;
GRANT SELECT ON "pets"."job_runs" TO burrow_web;
