-- Purpose: let the app roles read _prisma_migrations, so /api/health/ready can compare the database's
--          migration level with the build's. The table lives in the URL's ?schema= (public by
--          default), which is the search_path while migrations run: hence the regclass lookup instead
--          of a schema-qualified name. Run the rollback with the same search_path.
-- Ticket: #7
-- Reversible: yes
-- Rollback:
--   DO $$ BEGIN EXECUTE format('REVOKE SELECT ON TABLE %s FROM burrow_web, burrow_pets', '_prisma_migrations'::regclass); END $$;

DO $$
BEGIN
  EXECUTE format('GRANT SELECT ON TABLE %s TO burrow_web, burrow_pets', '_prisma_migrations'::regclass);
END
$$;
