-- Purpose: least-privilege roles per app, matching the ownership table in docs/architecture.md:
--          burrow_web reads and writes identity and only reads pets; burrow_pets reads and
--          writes pets, reads identity and may touch identity.sessions (expiry).
--          NOLOGIN templates: a deployer creates a LOGIN role IN ROLE burrow_web / burrow_pets.
--          Rollback revokes every grant but keeps the roles: they are cluster-wide and may
--          hold grants in other databases.
-- Ticket: #8
-- Reversible: yes
-- Rollback:
--   ALTER DEFAULT PRIVILEGES IN SCHEMA "identity" REVOKE ALL ON TABLES FROM burrow_web, burrow_pets;
--   ALTER DEFAULT PRIVILEGES IN SCHEMA "pets" REVOKE ALL ON TABLES FROM burrow_web, burrow_pets;
--   ALTER DEFAULT PRIVILEGES IN SCHEMA "identity" REVOKE ALL ON SEQUENCES FROM burrow_web, burrow_pets;
--   ALTER DEFAULT PRIVILEGES IN SCHEMA "pets" REVOKE ALL ON SEQUENCES FROM burrow_web, burrow_pets;
--   REVOKE ALL ON ALL TABLES IN SCHEMA "identity", "pets" FROM burrow_web, burrow_pets;
--   REVOKE ALL ON ALL SEQUENCES IN SCHEMA "identity", "pets" FROM burrow_web, burrow_pets;
--   REVOKE ALL ON SCHEMA "identity", "pets" FROM burrow_web, burrow_pets;

-- Roles belong to the cluster, not the database: create them only once.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'burrow_web') THEN
    CREATE ROLE burrow_web NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'burrow_pets') THEN
    CREATE ROLE burrow_pets NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA "identity", "pets" TO burrow_web, burrow_pets;

-- web owns identity (sign-in, profile, admin) and reads pets (browse, search, listing pages).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "identity" TO burrow_web;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "identity" TO burrow_web;
GRANT SELECT ON ALL TABLES IN SCHEMA "pets" TO burrow_web;

-- pets owns pets, reads identity, and touches sessions (database sessions are read and extended).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "pets" TO burrow_pets;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "pets" TO burrow_pets;
GRANT SELECT ON ALL TABLES IN SCHEMA "identity" TO burrow_pets;
GRANT UPDATE, DELETE ON TABLE "identity"."sessions" TO burrow_pets;

-- Tables later migrations create get the same grants (for objects the migrating role creates).
ALTER DEFAULT PRIVILEGES IN SCHEMA "identity" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO burrow_web;
ALTER DEFAULT PRIVILEGES IN SCHEMA "identity" GRANT SELECT ON TABLES TO burrow_pets;
ALTER DEFAULT PRIVILEGES IN SCHEMA "identity" GRANT USAGE, SELECT ON SEQUENCES TO burrow_web;
ALTER DEFAULT PRIVILEGES IN SCHEMA "pets" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO burrow_pets;
ALTER DEFAULT PRIVILEGES IN SCHEMA "pets" GRANT SELECT ON TABLES TO burrow_web;
ALTER DEFAULT PRIVILEGES IN SCHEMA "pets" GRANT USAGE, SELECT ON SEQUENCES TO burrow_pets;
