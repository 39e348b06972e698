using Ferry.Engines.MySql;
using Ferry.Schema;
using Xunit;
using Ferry.Values;

namespace Ferry.Tests.Engines.MySql;

/// <summary>The MySQL DDL a copy runs, as exact text: what --dry-run prints is what the server gets.</summary>
public sealed class MySqlDdlWriterTests
{
    private static readonly MySqlDdlWriter W = MySqlDdlWriter.Instance;

    private static TypeChoice Choice(NeutralType type, int? length = null, int? precision = null, int? scale = null) =>
        new() { Type = type, Length = length, Precision = precision, Scale = scale, Evidence = "test" };

    private static Column Col(string name, NeutralType type, string declared, int? length = null, bool nullable = true) =>
        new() { Name = name, Type = type, DeclaredType = declared, Length = length, Nullable = nullable };

    [Theory]
    [InlineData(NeutralType.Boolean, null, null, null, "tinyint(1)")]
    [InlineData(NeutralType.Int16, null, null, null, "smallint")]
    [InlineData(NeutralType.Int32, null, null, null, "int")]
    [InlineData(NeutralType.Int64, null, null, null, "bigint")]
    [InlineData(NeutralType.Decimal, null, 10, 2, "decimal(10,2)")]
    [InlineData(NeutralType.Decimal, null, null, null, "decimal(65,30)")]
    [InlineData(NeutralType.Decimal, null, 100, 2, "decimal(65,30)")]
    [InlineData(NeutralType.Float32, null, null, null, "float")]
    [InlineData(NeutralType.Float64, null, null, null, "double")]
    [InlineData(NeutralType.Text, 200, null, null, "varchar(200)")]
    [InlineData(NeutralType.Text, 16383, null, null, "varchar(16383)")]
    [InlineData(NeutralType.Text, 16384, null, null, "longtext")]
    [InlineData(NeutralType.Text, null, null, null, "longtext")]
    [InlineData(NeutralType.Blob, null, null, null, "longblob")]
    [InlineData(NeutralType.Date, null, null, null, "date")]
    [InlineData(NeutralType.Time, null, null, null, "time(6)")]
    [InlineData(NeutralType.Timestamp, null, null, null, "datetime(6)")]
    [InlineData(NeutralType.TimestampTz, null, null, null, "datetime(6)")]
    [InlineData(NeutralType.Json, null, null, null, "json")]
    [InlineData(NeutralType.Uuid, null, null, null, "char(36)")]
    public void TypesMapToMySqlNames(NeutralType type, int? length, int? precision, int? scale, string expected) =>
        Assert.Equal(expected, W.TypeName(Choice(type, length, precision, scale), identity: false));

    [Fact]
    public void GeneratedKeysAreAutoIncrementIntegers()
    {
        Assert.Equal("bigint AUTO_INCREMENT", W.TypeName(Choice(NeutralType.Int64), identity: true));
        Assert.Equal("int AUTO_INCREMENT", W.TypeName(Choice(NeutralType.Int32), identity: true));
    }

    [Theory]
    [InlineData("it's a \\ day", NeutralType.Text, 50, "_utf8mb4 X'697427732061205C20646179'")]
    [InlineData("it's", NeutralType.Text, 50, "'it''s'")]
    [InlineData("C:\\dir\\", NeutralType.Text, null, "('C:\\\\dir\\\\')")]
    [InlineData("KRW", NeutralType.Text, null, "('KRW')")]
    [InlineData("{}", NeutralType.Json, null, "('{}')")]
    [InlineData(true, NeutralType.Boolean, null, "1")]
    [InlineData(-1.5, NeutralType.Float64, null, "-1.5")]
    [InlineData(new byte[] { 0, 255 }, NeutralType.Blob, null, "(X'00FF')")]
    public void ConstantDefaultsAreLiteralsOfTheColumn(object value, NeutralType type, int? length, string expected) =>
        Assert.Equal(expected, W.Literal(value, Choice(type, length)));

    [Theory]
    [InlineData(DefaultKind.CurrentTimestamp, null, NeutralType.Timestamp, null, "(utc_timestamp(6))")]
    [InlineData(DefaultKind.CurrentTimestamp, null, NeutralType.TimestampTz, null, "(utc_timestamp(6))")]
    [InlineData(DefaultKind.EpochSeconds, null, NeutralType.Int64, null, "(unix_timestamp())")]
    [InlineData(DefaultKind.RandomId, null, NeutralType.Uuid, null, "(uuid())")]
    public void ExpressionDefaultsAreWrittenInMySqlsDialect(DefaultKind kind, string? text, NeutralType type, int? length, string expected) =>
        Assert.Equal((expected, (string?)null), W.Default(new DefaultValue(kind, text), Choice(type, length)));

    [Fact]
    public void ADefaultFromAnotherDialectIsLeftOutWithAReason()
    {
        var (sql, problem) = W.Default(new DefaultValue(DefaultKind.Expression, "nextval('x')"), Choice(NeutralType.Text));
        Assert.Null(sql);
        Assert.Equal("MySQL has no equivalent of the default nextval('x') for a longtext column", problem);
    }

    [Fact]
    public void CreateTableQuotesHostileNamesAndBoundsTextKeys()
    {
        var table = new Table
        {
            Name = "메시지`s",
            Columns =
            [
                Col("select", NeutralType.Int64, "bigint AUTO_INCREMENT", nullable: false) with { Identity = Identity.AutoIncrement },
                Col("back`tick", NeutralType.Text, "longtext", nullable: false),
                Col("내용", NeutralType.Text, "longtext") with { Default = "('안녕')" },
                Col("v", NeutralType.Blob, "longblob"),
            ],
            PrimaryKey = new PrimaryKey("pk`", ["select", "back`tick"]),
        };
        Assert.Equal("""
            CREATE TABLE `메시지``s` (
              `select` bigint AUTO_INCREMENT NOT NULL,
              `back``tick` varchar(384) NOT NULL,
              `내용` longtext DEFAULT ('안녕'),
              `v` longblob,
              CONSTRAINT `pk``` PRIMARY KEY (`select`, `back``tick`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
            """.ReplaceLineEndings("\n"), W.CreateTable(table));
    }

    [Fact]
    public void AnAutoIncrementOutsideThePrimaryKeyGetsAKeyOfItsOwn()
    {
        var table = new Table
        {
            Name = "order",
            Columns = [Col("a", NeutralType.Text, "varchar(10)", 10, nullable: false), Col("n", NeutralType.Int32, "int AUTO_INCREMENT") with { Identity = Identity.IdentityAlways }],
            PrimaryKey = new PrimaryKey(null, ["a"]),
        };
        Assert.EndsWith("PRIMARY KEY (`a`),\n  KEY (`n`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", W.CreateTable(table), StringComparison.Ordinal);
    }

    [Fact]
    public void UniqueKeysGetWholeBoundedColumnsAndPlainIndexesGetPrefixes()
    {
        var table = new Table
        {
            Name = "User",
            Columns = [Col("email", NeutralType.Text, "longtext", nullable: false), Col("body", NeutralType.Text, "longtext"), Col("blob", NeutralType.Blob, "longblob"), Col("code", NeutralType.Text, "varchar(20)", 20)],
            Uniques = [new UniqueConstraint("uq email", ["email"])],
        };
        Assert.Contains("`email` varchar(768) NOT NULL,", W.CreateTable(table), StringComparison.Ordinal);
        Assert.Equal("ALTER TABLE `User` ADD CONSTRAINT `uq email` UNIQUE (`email`)", W.AddUnique(table, table.Uniques[0]));
        var index = new Schema.Index { Name = "by body", Columns = ["body", "email", "blob", "code"], Predicate = "body IS NOT NULL" };
        Assert.Equal("CREATE INDEX `by body` ON `User` (`body`(192), `email`(192), `blob`(768), `code`)", W.CreateIndex(table, index));
    }

    [Fact]
    public void TextForeignKeyColumnsAreBoundedLikeTheKeyTheyReference()
    {
        // InnoDB refuses a foreign key on longtext (errno 150); the chat sample's Character.creatorId → User.id is one.
        var table = new Table
        {
            Name = "Character",
            Columns = [Col("id", NeutralType.Text, "longtext", nullable: false), Col("creatorId", NeutralType.Text, "longtext"), Col("bio", NeutralType.Text, "longtext")],
            PrimaryKey = new PrimaryKey(null, ["id"]),
            ForeignKeys = [new ForeignKey { Columns = ["creatorId"], ReferencedTable = "User", ReferencedColumns = ["id"] }],
        };
        var create = W.CreateTable(table);
        Assert.Contains("`creatorId` varchar(768),", create, StringComparison.Ordinal);
        Assert.Contains("`bio` longtext,", create, StringComparison.Ordinal);
    }

    [Fact]
    public void ARowTooLargeForMySqlMovesItsLargestTextOffTheRowAndKeepsItsLengthAsACheck()
    {
        var table = new Table
        {
            Name = "wide",
            Columns = [Col("a", NeutralType.Text, "varchar(10000)", 10000), Col("b", NeutralType.Text, "varchar(12000)", 12000), Col("c", NeutralType.Text, "longtext", 20000)],
            Indexes = [new Schema.Index { Name = "by a b", Columns = ["a", "b"] }],
        };
        Assert.Equal("""
            CREATE TABLE `wide` (
              `a` varchar(10000),
              `b` longtext CHECK (char_length(`b`) <= 12000),
              `c` longtext CHECK (char_length(`c`) <= 20000)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
            """.ReplaceLineEndings("\n"), W.CreateTable(table));
        Assert.Equal("CREATE INDEX `by a b` ON `wide` (`a`(384), `b`(384))", W.CreateIndex(table, table.Indexes[0]));
    }

    [Fact]
    public void ForeignKeysWithoutValidationTurnChecksOffAroundTheAlter()
    {
        var table = new Table { Name = "order", Columns = [Col("user_id", NeutralType.Int64, "bigint")] };
        var fk = new ForeignKey { Name = "order→User", Columns = ["user_id"], ReferencedTable = "User", ReferencedColumns = ["id"], OnDelete = ForeignKeyAction.Cascade };
        const string add = "ALTER TABLE `order` ADD CONSTRAINT `order→User` FOREIGN KEY (`user_id`) REFERENCES `User` (`id`) ON DELETE CASCADE";
        Assert.Equal(add, W.AddForeignKey(table, fk, notValid: false));
        Assert.Equal($"SET FOREIGN_KEY_CHECKS = 0; {add}; SET FOREIGN_KEY_CHECKS = 1", W.AddForeignKey(table, fk, notValid: true));
    }

    [Fact]
    public void IdentityStatisticsDropAndEmpty()
    {
        var table = new Table { Name = "a`b", Columns = [Col("id", NeutralType.Int64, "bigint") with { Identity = Identity.MySqlAutoIncrement }, Col("n", NeutralType.Int64, "bigint")] };
        // The source had handed out 42: the next key is 43 (or past the largest loaded key, which InnoDB keeps itself).
        Assert.Equal("ALTER TABLE `a``b` AUTO_INCREMENT = 43", W.ResetIdentity(table, table.Columns[0], 42));
        Assert.Equal("ALTER TABLE `a``b` AUTO_INCREMENT = 9223372036854775808", W.ResetIdentity(table, table.Columns[0], long.MaxValue));
        Assert.Null(W.ResetIdentity(table, table.Columns[1], 42));
        Assert.Equal("ANALYZE TABLE `a``b`", W.Analyze(table));
        Assert.Equal("SET FOREIGN_KEY_CHECKS = 0; DROP TABLE `a``b`; SET FOREIGN_KEY_CHECKS = 1", W.DropTable(table));
        Assert.Equal("SET FOREIGN_KEY_CHECKS = 0; TRUNCATE TABLE `a``b`; SET FOREIGN_KEY_CHECKS = 1", W.EmptyTable(table));
    }
}
