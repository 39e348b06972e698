using Xunit;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Tests.Support;

namespace Ferry.Tests.Engines.MySql;

/// <summary>
/// A fresh database with the shared hostile fixture schema, created on the FERRY_TEST_MYSQL server for
/// one test class and dropped after it, so classes run in parallel and re-run cleanly.
/// </summary>
public sealed class MySqlFixture : IAsyncLifetime
{
    public static readonly string[] Schema =
    [
        """
        CREATE TABLE `User` (
          id INT AUTO_INCREMENT PRIMARY KEY,
          email VARCHAR(255) NOT NULL UNIQUE,
          `display name` TEXT,
          `createdAt` TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
          `isActive` BOOLEAN DEFAULT TRUE
        )
        """,
        """
        CREATE TABLE `order` (
          id INT AUTO_INCREMENT PRIMARY KEY,
          user_id INT NOT NULL,
          `select` INT,
          total DECIMAL(10,2) NOT NULL DEFAULT 0,
          note TEXT,
          CONSTRAINT order_total_positive CHECK (total >= 0),
          CONSTRAINT order_user FOREIGN KEY (user_id) REFERENCES `User` (id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE `메시지` (
          `아이디` BIGINT AUTO_INCREMENT PRIMARY KEY,
          `내용` TEXT NOT NULL,
          `say "hi"` VARCHAR(50) DEFAULT 'it''s a \\ "fine" day',
          `it's` INT DEFAULT 42,
          `back``tick` JSON,
          order_id INT,
          CONSTRAINT `메시지_order` FOREIGN KEY (order_id) REFERENCES `order` (id) ON DELETE SET NULL ON UPDATE CASCADE,
          INDEX `메시지_내용` (`내용`(100))
        )
        """,
        """
        CREATE TABLE `my "quoted" table` (
          a INT NOT NULL,
          b VARCHAR(20) COLLATE utf8mb4_bin NOT NULL,
          doubled INT AS (a * 2) STORED,
          tripled INT AS (a * 3) VIRTUAL,
          ratio DOUBLE,
          approx FLOAT,
          payload BLOB,
          tiny TINYINT,
          huge BIGINT UNSIGNED,
          at DATETIME(6),
          CONSTRAINT `uq a,b` UNIQUE (a, b)
        )
        """,
        """
        CREATE TABLE pair (
          a INT NOT NULL,
          b VARCHAR(10) NOT NULL,
          PRIMARY KEY (a, b)
        )
        """,
        "CREATE VIEW `active users` AS SELECT id, email FROM `User` WHERE `isActive`",
        "CREATE TRIGGER order_note BEFORE INSERT ON `order` FOR EACH ROW SET NEW.note = COALESCE(NEW.note, '')",
        """
        INSERT INTO `User` (email, `display name`, `isActive`) VALUES
          ('a@example.com', '안녕하세요 👋', TRUE), ('b@example.com', NULL, FALSE), ('c@example.com', '', TRUE)
        """,
        "INSERT INTO `order` (user_id, `select`, total, note) VALUES (1, 1, 10.50, 'first'), (1, 2, 0, NULL), (2, NULL, 99.99, ''), (3, 4, 1, '주문'), (3, 5, 2.25, '🚢')",
        """
        INSERT INTO `메시지` (`내용`, `say "hi"`, `it's`, `back``tick`, order_id) VALUES
          ('안녕하세요 👋', DEFAULT, 1, '{"a": 1}', 1), ('', NULL, NULL, NULL, NULL), ('둘', 'x', 2, '[]', 2),
          ('셋', 'y', 3, NULL, 3), ('넷', 'z', 4, '"s"', 4), ('다섯', '', 5, NULL, 5), ('여섯 🎉', 'w', 6, '{}', NULL)
        """,
        "INSERT INTO pair (a, b) VALUES (1, 'x'), (1, 'y')",
    ];

    public string DatabaseName { get; } = "ferry_my_" + Guid.NewGuid().ToString("N")[..12];

    public ConnectionTarget Target => ConnectionUrl.Parse(TestServers.MySql) with { Database = DatabaseName };

    /// <summary>The fixture database, opened the way a source is: read-only.</summary>
    public IDatabase Source { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await using (var server = await Databases.OpenAsync(TestServers.MySql, new OpenOptions { Access = AccessMode.ReadWrite }, default))
            await server.ExecuteAsync($"CREATE DATABASE `{DatabaseName}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", default);
        await using (var writer = await Databases.OpenAsync(Target, new OpenOptions { Access = AccessMode.ReadWrite }, default))
        {
            foreach (var statement in Schema) await writer.ExecuteAsync(statement, default);
        }
        Source = await Databases.OpenAsync(Target, new OpenOptions(), default);
    }

    public async Task DisposeAsync()
    {
        if (Source is not null) await Source.DisposeAsync();
        await using var server = await Databases.OpenAsync(TestServers.MySql, new OpenOptions { Access = AccessMode.ReadWrite }, default);
        await server.ExecuteAsync($"DROP DATABASE IF EXISTS `{DatabaseName}`", default);
    }
}
