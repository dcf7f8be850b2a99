-- Purpose: let the app role read the migration level (the mistake this fixture keeps: Prisma's
--          shadow database has no _prisma_migrations, so this cannot apply there).
-- Ticket: #16
-- Reversible: yes
-- Rollback:
--   REVOKE SELECT ON TABLE "_prisma_migrations" FROM PUBLIC;

GRANT SELECT ON TABLE "_prisma_migrations" TO PUBLIC;
