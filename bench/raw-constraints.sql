-- The raw limit, step 3 (timed): what `ferry copy` adds after loading the rows of the sample chat
-- database — primary keys, the unique index, 7 indexes, 5 foreign keys, the identity moved past the
-- largest copied id, and statistics. Run with ON_ERROR_STOP, so a failure shows as a non-zero exit.
ALTER TABLE "User" ADD PRIMARY KEY ("id");
ALTER TABLE "Character" ADD PRIMARY KEY ("id");
ALTER TABLE "Payment" ADD PRIMARY KEY ("id");
ALTER TABLE "Conversation" ADD PRIMARY KEY ("id");
ALTER TABLE "Message" ADD PRIMARY KEY ("id");
-- (_drizzle_migrations gets no primary key: its 12 ids are NULL in the source, as Ferry warns.)

CREATE UNIQUE INDEX "User_email_unique" ON "User" ("email");
CREATE INDEX "Character_name_idx" ON "Character" ("name");
CREATE INDEX "Payment_status_idx" ON "Payment" ("status");
CREATE INDEX "Payment_userId_idx" ON "Payment" ("userId");
CREATE INDEX "Conversation_characterId_idx" ON "Conversation" ("characterId");
CREATE INDEX "Conversation_userId_idx" ON "Conversation" ("userId");
CREATE INDEX "Message_conversationId_createdAt_idx" ON "Message" ("conversationId", "createdAt");

ALTER TABLE "Character" ADD CONSTRAINT "Character_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "User" ("id") ON DELETE SET NULL;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id");
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE;
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_characterId_fkey" FOREIGN KEY ("characterId") REFERENCES "Character" ("id") ON DELETE CASCADE;
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE;

SELECT setval(pg_get_serial_sequence('"Message"', 'id'), coalesce(max("id"), 0) + 1, false) FROM "Message";

ANALYZE "User";
ANALYZE "_drizzle_migrations";
ANALYZE "Character";
ANALYZE "Payment";
ANALYZE "Conversation";
ANALYZE "Message";
