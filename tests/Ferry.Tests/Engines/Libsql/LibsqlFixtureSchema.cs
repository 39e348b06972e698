namespace Ferry.Tests.Engines.Libsql;

/// <summary>The shared fixture schema, in SQLite's dialect as libSQL speaks it, with hostile names.</summary>
public static class LibsqlFixtureSchema
{
    public const string Sql = """"
        CREATE TABLE "User" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            email TEXT NOT NULL UNIQUE,
            "display name" TEXT,
            "createdAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
            "isActive" BOOLEAN DEFAULT true
        );
        CREATE TABLE "order" (
            id INTEGER PRIMARY KEY,
            user_id INTEGER REFERENCES "User"(id) ON DELETE CASCADE,
            "select" INTEGER,
            total DECIMAL(10,2) CONSTRAINT order_total_positive CHECK (total >= 0),
            note TEXT
        );
        CREATE TABLE "메시지" (
            "아이디" INTEGER PRIMARY KEY,
            "내용" TEXT NOT NULL,
            "say ""hi""" TEXT,
            "it's" TEXT,
            "back`tick" TEXT,
            order_id INTEGER REFERENCES "order"(id) ON DELETE SET NULL ON UPDATE CASCADE
        );
        CREATE INDEX "메시지_내용_idx" ON "메시지"("내용");
        CREATE INDEX "메시지_partial_idx" ON "메시지"(order_id) WHERE order_id IS NOT NULL;
        CREATE INDEX "메시지_lower_idx" ON "메시지"(lower("내용"));
        CREATE TABLE "my ""quoted"" table" (
            a TEXT,
            b INTEGER,
            doubled INTEGER GENERATED ALWAYS AS (b * 2) STORED,
            CONSTRAINT my_quoted_ab UNIQUE (a, b)
        );
        CREATE TABLE pair (
            a INTEGER NOT NULL,
            b TEXT NOT NULL,
            v TEXT,
            PRIMARY KEY (a, b)
        );
        CREATE VIEW "active users" AS SELECT id, email FROM "User" WHERE "isActive";
        CREATE TRIGGER order_note_default AFTER INSERT ON "order" WHEN NEW.note IS NULL BEGIN
            UPDATE "order" SET note = 'auto; set' WHERE id = NEW.id;
        END;

        INSERT INTO "User" (email, "display name", "isActive") VALUES
            ('a@example.com', '안녕하세요 👋', 1), ('b@example.com', NULL, 0), ('c@example.com', '', 1);
        INSERT INTO "order" (id, user_id, "select", total, note) VALUES
            (1, 1, 10, 12.50, 'first'), (2, 1, NULL, 0, NULL), (3, 2, 7, 99.99, ''), (4, 3, 1, 1, '주문 📦'), (5, NULL, 2, 3.25, 'x');
        INSERT INTO "메시지" ("아이디", "내용", "say ""hi""", "it's", "back`tick", order_id) VALUES
            (1, '안녕하세요 👋', 'hi', 'yes', 'tick', 1), (2, 'Hello', NULL, NULL, NULL, NULL), (3, '', '', '', '', 2),
            (4, '😀😀', 'a', 'b', 'c', 3), (5, 'five', NULL, 'it''s', NULL, 4), (6, 'six', '"q"', NULL, '`', 5), (7, 'seven', NULL, NULL, NULL, NULL);
        INSERT INTO pair (a, b, v) VALUES (1, 'x', NULL), (1, 'y', '둘');
        """";

    /// <summary>Rows per table, as inserted above.</summary>
    public static readonly IReadOnlyDictionary<string, long> RowCounts = new Dictionary<string, long>
    {
        ["User"] = 3, ["order"] = 5, ["메시지"] = 7, ["my \"quoted\" table"] = 0, ["pair"] = 2,
    };
}
