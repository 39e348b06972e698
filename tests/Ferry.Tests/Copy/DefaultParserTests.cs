using Ferry.Connections;
using Ferry.Copy;
using Ferry.Schema;
using Xunit;

namespace Ferry.Tests.Copy;

public class DefaultParserTests
{
    [Theory]
    [InlineData("CURRENT_TIMESTAMP", EngineKind.Sqlite, DefaultKind.CurrentTimestamp, null)]
    [InlineData("(datetime('now'))", EngineKind.Sqlite, DefaultKind.CurrentTimestamp, null)]
    [InlineData("(strftime('%s', 'now'))", EngineKind.Sqlite, DefaultKind.EpochSeconds, null)]
    [InlineData("(unixepoch())", EngineKind.Sqlite, DefaultKind.EpochSeconds, null)]
    [InlineData("(cast(unixepoch('subsec') * 1000 as integer))", EngineKind.Sqlite, DefaultKind.EpochMilliseconds, null)]
    [InlineData("(lower(hex(randomblob(16))))", EngineKind.Sqlite, DefaultKind.RandomId, null)]
    [InlineData("'KRW'", EngineKind.Sqlite, DefaultKind.String, "KRW")]
    [InlineData("'it''s'", EngineKind.Sqlite, DefaultKind.String, "it's")]
    [InlineData("false", EngineKind.Sqlite, DefaultKind.Boolean, "false")]
    [InlineData("0", EngineKind.Sqlite, DefaultKind.Number, "0")]
    [InlineData("-1.5", EngineKind.Sqlite, DefaultKind.Number, "-1.5")]
    [InlineData("NULL", EngineKind.Sqlite, DefaultKind.None, null)]
    [InlineData("(abs(random()) % 10)", EngineKind.Sqlite, DefaultKind.Expression, "abs(random()) % 10")]
    [InlineData("'draft'::character varying", EngineKind.Postgres, DefaultKind.String, "draft")]
    [InlineData("'{}'::jsonb", EngineKind.Postgres, DefaultKind.String, "{}")]
    [InlineData("now()", EngineKind.Postgres, DefaultKind.CurrentTimestamp, null)]
    [InlineData("nextval('\"User_id_seq\"'::regclass)", EngineKind.Postgres, DefaultKind.Sequence, "nextval('\"User_id_seq\"'::regclass)")]
    [InlineData("gen_random_uuid()", EngineKind.Postgres, DefaultKind.RandomId, null)]
    [InlineData("current_timestamp()", EngineKind.MySql, DefaultKind.CurrentTimestamp, null)]
    [InlineData("'a\\\\b'", EngineKind.MySql, DefaultKind.String, "a\\b")]
    [InlineData("'NULL'", EngineKind.MySql, DefaultKind.String, "NULL")]
    public void ReadsWhatTheDefaultMeans(string text, EngineKind engine, DefaultKind kind, string? value)
    {
        var parsed = DefaultParser.Parse(text, engine);
        Assert.Equal((kind, value), (parsed.Kind, parsed.Text));
    }
}
