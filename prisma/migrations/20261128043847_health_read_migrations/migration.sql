-- Purpose: let the app roles read _prisma_migrations, so /api/health/ready can compare the database's
--          migration level with the build's. The table lives in the URL's ?schema= (public by
--          default), which is the search_path while migrations run: hence the regclass lookup instead
--          of a schema-qualified name. Run the rollback with the same search_path.
--          Prisma's shadow database (migrate dev, migrate diff --from-migrations) has no such table,
--          so the grant only runs where the table exists: on every real database, where deploy
--          creates it before the first migration. Edited after it landed for that reason alone; the
--          exception and the old checksum are in prisma/migration-history-exceptions.json.
-- Ticket: #7
-- Reversible: yes
-- Rollback:
--   DO $$ BEGIN IF to_regclass('_prisma_migrations') IS NOT NULL THEN EXECUTE format('REVOKE SELECT ON TABLE %s FROM burrow_web, burrow_pets', '_prisma_migrations'::regclass); END IF; END $$;

DO $$
BEGIN
  IF to_regclass('_prisma_migrations') IS NOT NULL THEN
    EXECUTE format('GRANT SELECT ON TABLE %s TO burrow_web, burrow_pets', '_prisma_migrations'::regclass);
  END IF;
END
$$;
