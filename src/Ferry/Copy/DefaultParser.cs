using System.Globalization;
using System.Text.RegularExpressions;
using Ferry.Connections;
using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>
/// Reads a default as its engine spells it (<c>'KRW'</c>, <c>'x'::text</c>, <c>current_timestamp()</c>,
/// <c>(strftime('%s','now'))</c>) into a <see cref="DefaultValue"/> each target can render.
/// </summary>
public static partial class DefaultParser
{
    public static DefaultValue Parse(string? text, EngineKind engine)
    {
        if (text is null) return DefaultValue.None;
        var t = Unwrap(text.Trim());
        if (t.Length == 0 || t.Equals("NULL", StringComparison.OrdinalIgnoreCase)) return DefaultValue.None;

        // PostgreSQL writes a cast on constants: 'abc'::character varying, '{}'::jsonb, (0)::bigint.
        if (engine == EngineKind.Postgres)
        {
            if (t.StartsWith("nextval(", StringComparison.OrdinalIgnoreCase)) return new DefaultValue(DefaultKind.Sequence, t);
            var cast = PostgresCast().Match(t);
            if (cast.Success) t = Unwrap(cast.Groups[1].Value);
        }

        if (t.Length >= 2 && t[0] == '\'' && t[^1] == '\'')
            return new DefaultValue(DefaultKind.String, UnquoteString(t, engine));
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return new DefaultValue(DefaultKind.Number, t);
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.Equals("false", StringComparison.OrdinalIgnoreCase))
            return new DefaultValue(DefaultKind.Boolean, t.ToLowerInvariant());

        var squeezed = Whitespace().Replace(t, "").ToLowerInvariant().Replace('"', '\'');
        return squeezed switch
        {
            "current_timestamp" or "current_timestamp()" or "now()" or "localtimestamp" or "datetime('now')" or "transaction_timestamp()" or "statement_timestamp()"
                => new DefaultValue(DefaultKind.CurrentTimestamp),
            "current_date" or "curdate()" or "current_date()" or "date('now')" => new DefaultValue(DefaultKind.CurrentDate),
            "current_time" or "curtime()" or "current_time()" or "time('now')" => new DefaultValue(DefaultKind.CurrentTime),
            "strftime('%s','now')" or "unixepoch()" or "unixepoch('now')" or "cast(strftime('%s','now')asinteger)" or "unix_timestamp()"
                => new DefaultValue(DefaultKind.EpochSeconds),
            "strftime('%s','now')*1000" or "unixepoch()*1000" or "cast(unixepoch('subsec')*1000asinteger)" or "cast((julianday('now')-2440587.5)*86400000asinteger)"
                => new DefaultValue(DefaultKind.EpochMilliseconds),
            "gen_random_uuid()" or "uuid_generate_v4()" or "uuid()" or "lower(hex(randomblob(16)))" or "hex(randomblob(16))"
                => new DefaultValue(DefaultKind.RandomId),
            _ => new DefaultValue(DefaultKind.Expression, t),
        };
    }

    /// <summary>Removes the parentheses SQLite and MariaDB keep around expression defaults: ((0)) → 0.</summary>
    private static string Unwrap(string t)
    {
        while (t.Length >= 2 && t[0] == '(' && t[^1] == ')' && Balanced(t[1..^1])) t = t[1..^1].Trim();
        return t;
    }

    private static bool Balanced(string t)
    {
        var depth = 0;
        var inString = false;
        foreach (var c in t)
        {
            if (c == '\'') inString = !inString;
            if (inString) continue;
            if (c == '(') depth++;
            else if (c == ')' && --depth < 0) return false;
        }
        return depth == 0;
    }

    private static string UnquoteString(string t, EngineKind engine)
    {
        var inner = t[1..^1].Replace("''", "'", StringComparison.Ordinal);
        // MySQL and MariaDB escape with backslashes inside string literals.
        return engine == EngineKind.MySql ? Regex.Unescape(inner.Replace("\\'", "'", StringComparison.Ordinal)) : inner;
    }

    [GeneratedRegex(@"^(.*?)::[a-z_ ]+(\(\d+(,\d+)?\))?(\[\])?$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex PostgresCast();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
