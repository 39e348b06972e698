namespace Ferry.Samples;

/// <summary>
/// The schema of the sample chat app, as Drizzle ORM's SQLite dialect writes it (seed 000's app):
/// declared types that say less than the data (booleans and epoch timestamps as <c>integer</c>,
/// JSON as <c>text</c>), camelCase names an ORM quotes, and drizzle's own migrations table whose
/// <c>id SERIAL PRIMARY KEY</c> is not a rowid alias in SQLite, so every id in it is NULL.
/// </summary>
internal static class ChatSampleSchema
{
    public const string Ddl = """
        CREATE TABLE `User` (
          `id` text PRIMARY KEY NOT NULL,
          `email` text NOT NULL,
          `name` text,
          `image` text,
          `isAdmin` integer DEFAULT false NOT NULL,
          `credits` integer DEFAULT 0 NOT NULL,
          `createdAt` integer NOT NULL,
          `updatedAt` integer NOT NULL
        );
        CREATE UNIQUE INDEX `User_email_unique` ON `User` (`email`);
        CREATE TABLE `Character` (
          `id` text PRIMARY KEY NOT NULL,
          `creatorId` text REFERENCES `User`(`id`) ON DELETE set null,
          `name` text NOT NULL,
          `persona` text,
          `isPublic` integer DEFAULT true NOT NULL,
          `createdAt` DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL
        );
        CREATE INDEX `Character_name_idx` ON `Character` (`name`);
        CREATE TABLE `Conversation` (
          `id` text PRIMARY KEY NOT NULL,
          `userId` text NOT NULL REFERENCES `User`(`id`) ON DELETE cascade,
          `characterId` text NOT NULL REFERENCES `Character`(`id`) ON DELETE cascade,
          `title` text,
          `createdAt` integer NOT NULL,
          `updatedAt` integer NOT NULL
        );
        CREATE INDEX `Conversation_userId_idx` ON `Conversation` (`userId`);
        CREATE INDEX `Conversation_characterId_idx` ON `Conversation` (`characterId`);
        CREATE TABLE `Message` (
          `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
          `conversationId` text NOT NULL REFERENCES `Conversation`(`id`) ON DELETE cascade,
          `role` text NOT NULL,
          `content` text NOT NULL,
          `tokens` integer,
          `metadata` text,
          `createdAt` integer NOT NULL
        );
        CREATE INDEX `Message_conversationId_createdAt_idx` ON `Message` (`conversationId`, `createdAt`);
        CREATE TABLE `Payment` (
          `id` text PRIMARY KEY NOT NULL,
          `userId` text NOT NULL REFERENCES `User`(`id`),
          `amount` real NOT NULL,
          `currency` text DEFAULT 'KRW' NOT NULL,
          `status` text NOT NULL,
          `paidAt` text,
          `createdAt` integer NOT NULL
        );
        CREATE INDEX `Payment_userId_idx` ON `Payment` (`userId`);
        CREATE INDEX `Payment_status_idx` ON `Payment` (`status`);
        CREATE TABLE "_drizzle_migrations" (
          id SERIAL PRIMARY KEY,
          hash text NOT NULL,
          created_at numeric
        );
        """;
}
