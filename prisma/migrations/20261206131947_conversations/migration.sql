-- Purpose: conversations between a tenant and a listing's sitter (one thread per listing and tenant):
--          messages, read markers (with how far an unread digest e-mail got), user blocks; checks
--          Prisma cannot say, a NOTIFY on every new message for live updates, and the apps' grants.
-- Ticket: #17
-- Reversible: yes
-- Rollback:
--   DROP TRIGGER "messages_notify" ON "pets"."messages";
--   DROP FUNCTION "pets"."notify_message"();
--   DROP TABLE "pets"."user_blocks";
--   DROP TABLE "pets"."conversation_reads";
--   DROP TABLE "pets"."messages";
--   DROP TABLE "pets"."conversations";

-- CreateTable
CREATE TABLE "pets"."conversations" (
    "id" TEXT NOT NULL,
    "listing_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "sitter_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_message_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pets"."messages" (
    "id" BIGSERIAL NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "sender_id" TEXT NOT NULL,
    "body" VARCHAR(4000) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pets"."conversation_reads" (
    "conversation_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "last_read_id" BIGINT NOT NULL DEFAULT 0,
    "digested_id" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "conversation_reads_pkey" PRIMARY KEY ("conversation_id","user_id")
);

-- CreateTable
CREATE TABLE "pets"."user_blocks" (
    "blocker_id" TEXT NOT NULL,
    "blocked_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_blocks_pkey" PRIMARY KEY ("blocker_id","blocked_id")
);

-- CreateIndex
CREATE INDEX "conversations_tenant_id_last_message_at_id_idx" ON "pets"."conversations"("tenant_id", "last_message_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "conversations_sitter_id_last_message_at_id_idx" ON "pets"."conversations"("sitter_id", "last_message_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "conversations_listing_id_tenant_id_key" ON "pets"."conversations"("listing_id", "tenant_id");

-- CreateIndex
CREATE INDEX "messages_conversation_id_id_idx" ON "pets"."messages"("conversation_id", "id");

-- CreateIndex
CREATE INDEX "messages_sender_id_created_at_idx" ON "pets"."messages"("sender_id", "created_at");

-- CreateIndex
CREATE INDEX "conversation_reads_user_id_idx" ON "pets"."conversation_reads"("user_id");

-- CreateIndex
CREATE INDEX "user_blocks_blocked_id_idx" ON "pets"."user_blocks"("blocked_id");

-- AddForeignKey
ALTER TABLE "pets"."conversations" ADD CONSTRAINT "conversations_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "pets"."listings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pets"."conversations" ADD CONSTRAINT "conversations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pets"."conversations" ADD CONSTRAINT "conversations_sitter_id_fkey" FOREIGN KEY ("sitter_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pets"."messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "pets"."conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pets"."messages" ADD CONSTRAINT "messages_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pets"."conversation_reads" ADD CONSTRAINT "conversation_reads_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "pets"."conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pets"."conversation_reads" ADD CONSTRAINT "conversation_reads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pets"."user_blocks" ADD CONSTRAINT "user_blocks_blocker_id_fkey" FOREIGN KEY ("blocker_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pets"."user_blocks" ADD CONSTRAINT "user_blocks_blocked_id_fkey" FOREIGN KEY ("blocked_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in Prisma; allow-listed in the drift check. Nobody talks to themselves or blocks themselves,
-- and a message says something (the repository also refuses control characters and longer texts).
ALTER TABLE "pets"."conversations" ADD CONSTRAINT "conversations_parties_check" CHECK ("tenant_id" <> "sitter_id");
ALTER TABLE "pets"."messages" ADD CONSTRAINT "messages_body_check" CHECK (btrim("body") <> '');
ALTER TABLE "pets"."user_blocks" ADD CONSTRAINT "user_blocks_parties_check" CHECK ("blocker_id" <> "blocked_id");

-- Every committed message wakes the listeners (one connection per app process, LISTEN pets_messages),
-- which read the thread's new rows themselves: the payload carries ids only, never the text.
-- NOTIFY is transactional, so listeners hear of a message only once it is committed.
CREATE FUNCTION "pets"."notify_message"() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pets_messages', json_build_object('conversationId', NEW."conversation_id", 'id', NEW."id"::text)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER "messages_notify" AFTER INSERT ON "pets"."messages"
    FOR EACH ROW EXECUTE FUNCTION "pets"."notify_message"();

-- The app_roles migration's default privileges already give these; granted here too, so the grants hold
-- whichever role runs this migration. pets writes its schema; web reads it (unread counts in its header).
GRANT SELECT, INSERT, UPDATE, DELETE ON "pets"."conversations", "pets"."messages", "pets"."conversation_reads",
    "pets"."user_blocks" TO burrow_pets;
GRANT USAGE, SELECT ON SEQUENCE "pets"."messages_id_seq" TO burrow_pets;
GRANT SELECT ON "pets"."conversations", "pets"."messages", "pets"."conversation_reads", "pets"."user_blocks" TO burrow_web;
