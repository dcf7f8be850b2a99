-- Purpose: add listing photos
-- Ticket: #5
-- Reversible: yes
-- Rollback:

CREATE TABLE "pets"."photos" ("id" TEXT NOT NULL, CONSTRAINT "photos_pkey" PRIMARY KEY ("id"));
