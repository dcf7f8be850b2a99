-- Purpose: add listing photos
-- Ticket: #5
-- Reversible: yes

CREATE TABLE "pets"."photos" ("id" TEXT NOT NULL, CONSTRAINT "photos_pkey" PRIMARY KEY ("id"));
