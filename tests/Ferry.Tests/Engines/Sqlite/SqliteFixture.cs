namespace Ferry.Tests.Engines.Sqlite;

/// <summary>
/// The hostile-names fixture in SQLite's dialect (libSQL runs the same text): reserved words, spaces,
/// quotes of every kind, mixed case and Korean identifiers, with every kind of schema object.
/// </summary>
public static class SqliteFixture
{
    public const string Ddl = """"
        CREATE TABLE "User" (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, "display name" TEXT,
          "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP, "isActive" BOOLEAN DEFAULT true);
        CREATE TABLE "order" (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES "User"(id) ON DELETE CASCADE, "select" INTEGER,
          total DECIMAL(10,2) CONSTRAINT order_total_positive CHECK (total >= 0), note VARCHAR(200));
        CREATE TABLE "메시지" ("아이디" INTEGER PRIMARY KEY, "내용" TEXT NOT NULL COLLATE NOCASE, "say ""hi""" TEXT, "it's" TEXT,
          "back`tick" TEXT, order_id INTEGER REFERENCES "order"(id) ON DELETE SET NULL ON UPDATE CASCADE);
        CREATE INDEX "메시지_내용" ON "메시지"("내용");
        CREATE INDEX "partial idx" ON "메시지"(order_id) WHERE order_id IS NOT NULL;
        CREATE INDEX expr_idx ON "메시지"(lower("내용"));
        CREATE TABLE "my ""quoted"" table" (a TEXT, b INTEGER, b2 INTEGER GENERATED ALWAYS AS (b * 2) STORED, CONSTRAINT "uq ab" UNIQUE (a, b));
        CREATE TABLE pair (a INTEGER NOT NULL, b TEXT NOT NULL, v BLOB, PRIMARY KEY (a, b)) WITHOUT ROWID;
        CREATE VIEW "active users" AS SELECT * FROM "User" WHERE "isActive";
        CREATE TRIGGER order_touch AFTER UPDATE ON "order" BEGIN SELECT 1; END;
        INSERT INTO "User" (email, "display name", "isActive") VALUES ('a@example.kr', '안녕하세요 👋', 1), ('b@example.kr', NULL, 0), ('c@example.kr', '', 1);
        INSERT INTO "order" VALUES (1, 1, 10, 12.5, 'first'), (2, 1, NULL, 0, NULL), (3, 2, 3, 99.99, '주문'), (4, 3, 4, 1, ''), (5, NULL, 5, 2, 'orphan-free');
        INSERT INTO "메시지" VALUES (1, '첫 메시지 🎉', 'hi', 'it''s', '`', 1), (2, '둘', NULL, NULL, NULL, NULL), (3, 'three', 'x', 'y', 'z', 2),
          (4, '넷', '', '', '', 3), (5, 'FIVE 🙂', NULL, NULL, NULL, 4), (6, '여섯', NULL, NULL, NULL, 5), (7, 'seven', NULL, NULL, NULL, 1);
        INSERT INTO pair VALUES (1, 'a', X'00FF10'), (1, 'b', NULL);
        """";

    /// <summary>Rows per table after <see cref="Ddl"/>.</summary>
    public static readonly IReadOnlyDictionary<string, long> RowCounts = new Dictionary<string, long>
    {
        ["User"] = 3, ["order"] = 5, ["메시지"] = 7, ["my \"quoted\" table"] = 0, ["pair"] = 2,
    };
}
