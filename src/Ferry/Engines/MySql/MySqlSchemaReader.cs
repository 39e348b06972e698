using static Ferry.Engines.Cells;
using System.Globalization;
using System.Text;
using Ferry.Connections;
using Ferry.Errors;
using Ferry.Schema;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>
/// Reads the current database's schema from <c>information_schema</c>, one query per kind of fact
/// (tables, columns, key constraints, indexes, checks, views, triggers, row counts) whatever the
/// number of tables.
/// </summary>
/// <remarks>
/// information_schema compares names with a case-insensitive collation, yet on Linux (the default
/// lower_case_table_names=0) <c>User</c> and <c>user</c> are two tables. Joins therefore compare names
/// as binary, and results are grouped in C# with ordinal comparison.
/// </remarks>
internal sealed class MySqlSchemaReader(MySqlDatabase database, bool counts = true)
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;

    private MySqlDialect Dialect => (MySqlDialect)database.Dialect;

    public async Task<DatabaseSchema> ReadAsync(CancellationToken ct)
    {
        // PROCESSLIST shows every session only with the PROCESS privilege; without it, the user's own.
        var head = (await Query(
            "SELECT VERSION(), DATABASE(), (SELECT count(*) FROM information_schema.PROCESSLIST WHERE CAST(DB AS BINARY) = CAST(DATABASE() AS BINARY))", ct))[0];
        var version = (string)head[0]!;
        var databaseName = Str(head[1]);
        var mariaDb = version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        if (!mariaDb && MajorVersion(version) >= 8)
        {
            // MySQL 8 caches TABLES statistics (AUTO_INCREMENT, DATA_LENGTH) for a day by default.
            await Query("SET SESSION information_schema_stats_expiry = 0", ct);
        }

        var tableRows = await Query(
            "SELECT TABLE_NAME, TABLE_TYPE, DATA_LENGTH, INDEX_LENGTH, AUTO_INCREMENT FROM information_schema.TABLES " +
            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'SEQUENCE')", ct);
        var columnRows = await Query(
            "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION, COLLATION_NAME " +
            "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION", ct);
        var keyRows = await Query(
            "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, " +
            "k.REFERENCED_COLUMN_NAME, rc.UPDATE_RULE, rc.DELETE_RULE " +
            "FROM information_schema.TABLE_CONSTRAINTS tc " +
            "JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA " +
            $"AND {Same("k.TABLE_NAME", "tc.TABLE_NAME")} AND {Same("k.CONSTRAINT_NAME", "tc.CONSTRAINT_NAME")} " +
            "LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc ON tc.CONSTRAINT_TYPE = 'FOREIGN KEY' AND rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA " +
            $"AND {Same("rc.TABLE_NAME", "tc.TABLE_NAME")} AND {Same("rc.CONSTRAINT_NAME", "tc.CONSTRAINT_NAME")} " +
            "WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY') " +
            "ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION", ct);
        // STATISTICS.EXPRESSION (functional key parts) exists from MySQL 8.0.13; MariaDB has no functional indexes.
        var expression = !mariaDb && AtLeast(version, 8, 0, 13) ? "EXPRESSION" : "NULL";
        var indexRows = await Query(
            $"SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE, COLLATION, {expression} " +
            "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", ct);
        var checkRows = await ReadChecks(mariaDb, ct);
        var viewRows = await Query(
            "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()", ct);
        var triggerRows = await Query(
            "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORIENTATION, ACTION_STATEMENT " +
            "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY ACTION_ORDER", ct);

        var baseTables = tableRows.Where(r => Str(r[1]) != "SEQUENCE").OrderBy(r => Str(r[0]), Ordinal).ToList();
        var rowCounts = counts ? await RowCounts(baseTables.Select(r => Str(r[0])).ToList(), ct) : null;

        var columnsByTable = columnRows.GroupBy(r => Str(r[0]), Ordinal).ToDictionary(g => g.Key, g => g.ToList(), Ordinal);
        var keysByTable = keyRows.GroupBy(r => Str(r[0]), Ordinal).ToDictionary(g => g.Key, g => g.ToList(), Ordinal);
        var indexesByTable = indexRows.GroupBy(r => Str(r[0]), Ordinal).ToDictionary(g => g.Key, g => g.ToList(), Ordinal);
        var checksByTable = checkRows.GroupBy(r => Str(r[0]), Ordinal).ToDictionary(g => g.Key, g => g.ToList(), Ordinal);

        var tables = new List<Table>();
        var sequences = new List<Sequence>();
        foreach (var row in baseTables)
        {
            var name = Str(row[0]);
            var columns = columnsByTable.GetValueOrDefault(name) ?? [];
            var keys = keysByTable.GetValueOrDefault(name) ?? [];
            var checks = checksByTable.GetValueOrDefault(name) ?? [];
            // MariaDB's json is longtext with an implicit column check named after the column.
            var jsonColumns = new HashSet<string>(checks.Where(c => IsImplicitJsonCheck(c, columns)).Select(c => Str(c[1])), Ordinal);
            var table = new Table
            {
                Name = name,
                Columns = columns.Select(c => ReadColumn(c, mariaDb, jsonColumns.Contains(Str(c[1])))).ToList(),
                PrimaryKey = keys.Where(k => Str(k[2]) == "PRIMARY KEY").GroupBy(k => Str(k[1]), Ordinal)
                    .Select(g => new PrimaryKey(g.Key, g.Select(k => Str(k[3])).ToList())).FirstOrDefault(),
                Uniques = keys.Where(k => Str(k[2]) == "UNIQUE").GroupBy(k => Str(k[1]), Ordinal)
                    // A unique key with an expression part (MySQL 8) is an index, not a column constraint.
                    .Where(g => g.All(k => k[3] is not null))
                    .Select(g => new UniqueConstraint(g.Key, g.Select(k => Str(k[3])).ToList())).ToList(),
                ForeignKeys = keys.Where(k => Str(k[2]) == "FOREIGN KEY").GroupBy(k => Str(k[1]), Ordinal).Select(g => ReadForeignKey(g, databaseName)).ToList(),
                Indexes = ReadIndexes(indexesByTable.GetValueOrDefault(name) ?? [], keys),
                Checks = checks.Where(c => !jsonColumns.Contains(Str(c[1])) || !IsImplicitJsonCheck(c, columns))
                    .Select(c => new CheckConstraint(Str(c[1]), Str(c[2]))).ToList(),
                RowCount = rowCounts is null ? null : rowCounts.GetValueOrDefault(name),
                SizeBytes = AsLong(row[2]) + AsLong(row[3]),
            };
            tables.Add(table);

            // TABLES.AUTO_INCREMENT is the value the next insert will get; the neutral model keeps
            // the last one handed out (0 when none has been), like sqlite_sequence and PostgreSQL.
            var autoColumn = table.Columns.FirstOrDefault(c => c.Identity == Identity.MySqlAutoIncrement);
            if (autoColumn is not null && row[4] is not null)
                sequences.Add(new Sequence { Name = name, OwnedByTable = name, OwnedByColumn = autoColumn.Name, LastValue = LastHandedOut(row[4]!) });
        }
        // MariaDB's CREATE SEQUENCE objects: named here; their state needs a SELECT on each, which Ferry does not yet read.
        sequences.AddRange(tableRows.Where(r => Str(r[1]) == "SEQUENCE").Select(r => new Sequence { Name = Str(r[0]) }));

        return new DatabaseSchema
        {
            Engine = EngineKind.MySql,
            ServerVersion = version,
            Tables = tables,
            Views = viewRows.OrderBy(r => Str(r[0]), Ordinal).Select(r => new View(null, Str(r[0]), MySqlObjectDefinitions.Unqualified(Dialect, Str(r[1]), databaseName))).ToList(),
            Triggers = triggerRows.Select(r => new Trigger(Str(r[0]), Str(r[1]),
                $"CREATE TRIGGER {Dialect.Quote(Str(r[0]))} {Str(r[2])} {Str(r[3])} ON {Dialect.Quote(Str(r[1]))} FOR EACH {Str(r[4])} {Str(r[5])}")).ToList(),
            Sequences = sequences,
            SizeBytes = tables.Sum(t => t.SizeBytes ?? 0),
            OpenConnections = (int)AsLong(head[2]),
        };
    }


    private Column ReadColumn(object?[] r, bool mariaDb, bool json)
    {
        var declared = Str(r[2]);
        var dataType = Str(r[3]);
        var extra = r[6] as string ?? "";
        var type = MySqlTypeMap.ToNeutral(dataType, declared, json);
        var (first, second) = DeclaredType.Modifiers(declared);
        var unsignedBigint = type == NeutralType.Decimal && dataType.Equals("bigint", StringComparison.OrdinalIgnoreCase);
        // MySQL writes '' for a column that is not generated, MariaDB NULL.
        var generated = r[7] is string { Length: > 0 } g ? g : null;
        return new Column
        {
            Name = Str(r[1]),
            DeclaredType = declared,
            Type = type,
            // int(11) states a display width, not a size: only text and binary lengths are kept.
            Length = type is NeutralType.Text or NeutralType.Blob ? first : null,
            // Decimal precision and scale; the fractional-second digits of datetime(6) and time(3).
            // BIGINT UNSIGNED, mapped to Decimal, needs 20 digits: its (20) is a display width, not a precision.
            Precision = unsignedBigint ? 20 : type is NeutralType.Decimal or NeutralType.Timestamp or NeutralType.TimestampTz or NeutralType.Time ? first : null,
            Scale = unsignedBigint ? 0 : type == NeutralType.Decimal ? second ?? (first is null ? null : 0) : null,
            Nullable = Str(r[4]) == "YES",
            Default = generated is null ? MySqlDefaults.Expression(r[5] as string, dataType, extra, mariaDb, Dialect) : null,
            GeneratedExpression = generated,
            GeneratedStored = generated is not null && (extra.Contains("STORED", StringComparison.OrdinalIgnoreCase) || extra.Contains("PERSISTENT", StringComparison.OrdinalIgnoreCase)),
            Collation = r[8] as string,
            Identity = extra.Contains("auto_increment", StringComparison.OrdinalIgnoreCase) ? Identity.MySqlAutoIncrement : Identity.None,
        };
    }

    private static ForeignKey ReadForeignKey(IGrouping<string, object?[]> g, string databaseName)
    {
        var first = g.First();
        // A key into the same database names no schema, like the tables themselves: the copy may land
        // in a database of another name. Only a key into another database keeps its name.
        var schema = first[4] as string;
        return new ForeignKey
        {
            Name = g.Key,
            Columns = g.Select(k => Str(k[3])).ToList(),
            ReferencedSchema = schema == databaseName ? null : schema,
            ReferencedTable = Str(first[5]),
            ReferencedColumns = g.Select(k => Str(k[6])).ToList(),
            OnUpdate = Action(first[7] as string),
            OnDelete = Action(first[8] as string),
        };
    }

    private List<Schema.Index> ReadIndexes(List<object?[]> rows, List<object?[]> keys)
    {
        // Every PRIMARY KEY and UNIQUE constraint is an index of the same name; in MySQL a CREATE UNIQUE
        // INDEX is also listed as a UNIQUE constraint, so the two cannot be told apart.
        var constraintNames = new HashSet<string>(keys.Where(k => Str(k[2]) is "PRIMARY KEY" or "UNIQUE").Select(k => Str(k[1])), Ordinal);
        return rows.GroupBy(r => Str(r[1]), Ordinal).Select(g =>
        {
            var first = g.First();
            var unique = AsLong(first[2]) == 0;
            return new Schema.Index
            {
                Name = g.Key,
                Columns = g.Select(r => r[3] as string).ToList(),
                Unique = unique,
                // MySQL and MariaDB have no partial indexes.
                Predicate = null,
                Definition = IndexDefinition(g.Key, unique, Str(first[5]), g.ToList()),
                KeyExpression = g.Any(r => r[3] is null) ? string.Join(", ", g.Select(KeyPart)) : null,
                BacksConstraint = constraintNames.Contains(g.Key),
            };
        }).ToList();
    }

    /// <summary>
    /// The index as SHOW CREATE TABLE writes it. MySQL keeps no index text; this carries what the
    /// neutral model cannot: prefix lengths, descending parts, FULLTEXT/SPATIAL, HASH.
    /// </summary>
    private string IndexDefinition(string name, bool unique, string indexType, List<object?[]> parts)
    {
        var text = new StringBuilder();
        if (name == "PRIMARY") text.Append("PRIMARY KEY ");
        else text.Append(indexType is "FULLTEXT" or "SPATIAL" ? indexType + " " : unique ? "UNIQUE " : "").Append("KEY ").Append(Dialect.Quote(name)).Append(' ');
        text.Append('(').AppendJoin(',', parts.Select(p =>
        {
            var part = KeyPart(p);
            if (p[4] is not null) part += "(" + AsLong(p[4]).ToString(CultureInfo.InvariantCulture) + ")";
            return Str(p[6]) == "D" ? part + " DESC" : part;
        })).Append(')');
        if (indexType == "HASH") text.Append(" USING HASH");
        return text.ToString();
    }

    /// <summary>A column, quoted, or a MySQL 8 functional key part in the parentheses MySQL requires.</summary>
    private string KeyPart(object?[] p) => p[3] is string column ? Dialect.Quote(column) : "(" + Str(p[7]) + ")";

    /// <summary>(table, constraint, clause) for every CHECK; empty on servers older than MariaDB 10.2 / MySQL 8.0.16, which have none.</summary>
    private async Task<IReadOnlyList<object?[]>> ReadChecks(bool mariaDb, CancellationToken ct)
    {
        // MariaDB names checks per table (a column check is named after its column), and its
        // CHECK_CONSTRAINTS has TABLE_NAME; MySQL names them per schema and has no TABLE_NAME there.
        var sameTable = mariaDb ? $" AND {Same("cc.TABLE_NAME", "tc.TABLE_NAME")}" : "";
        try
        {
            return await Query(
                "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS tc " +
                "JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA " +
                $"AND {Same("cc.CONSTRAINT_NAME", "tc.CONSTRAINT_NAME")}{sameTable} " +
                "WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK' ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME", ct);
        }
        catch (FerryException e) when (e.InnerException is MySqlException { Number: 1109 })
        {
            return [];
        }
    }

    private static bool IsImplicitJsonCheck(object?[] check, List<object?[]> columns)
    {
        var name = Str(check[1]);
        return columns.Any(c => Str(c[1]) == name && Str(c[3]).Equals("longtext", StringComparison.OrdinalIgnoreCase))
            && Str(check[2]).Replace(" ", "", StringComparison.Ordinal).Equals($"json_valid(`{name.Replace("`", "``", StringComparison.Ordinal)}`)", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<Dictionary<string, long>> RowCounts(List<string> tables, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(Ordinal);
        // One statement for all tables; chunked so thousands of tables stay well under max_allowed_packet.
        foreach (var chunk in tables.Chunk(200))
        {
            var sql = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                if (i > 0) sql.Append(" UNION ALL ");
                sql.Append("SELECT ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(", count(*) FROM ").Append(Dialect.Quote(chunk[i]));
            }
            foreach (var row in await Query(sql.ToString(), ct)) counts[chunk[AsLong(row[0])]] = AsLong(row[1]);
        }
        return counts;
    }

    private static ForeignKeyAction Action(string? rule) => rule?.ToUpperInvariant() switch
    {
        "CASCADE" => ForeignKeyAction.Cascade,
        "RESTRICT" => ForeignKeyAction.Restrict,
        "SET NULL" => ForeignKeyAction.SetNull,
        "SET DEFAULT" => ForeignKeyAction.SetDefault,
        _ => ForeignKeyAction.NoAction,
    };

    private static string Same(string left, string right) => $"CAST({left} AS BINARY) = CAST({right} AS BINARY)";

    private static int MajorVersion(string version) => Parts(version)[0];

    private static bool AtLeast(string version, int major, int minor, int patch)
    {
        var p = Parts(version);
        return (p[0], p[1], p[2]).CompareTo((major, minor, patch)) >= 0;
    }

    private static int[] Parts(string version)
    {
        var numbers = version.Split('-')[0].Split('.').Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
        while (numbers.Count < 3) numbers.Add(0);
        return [.. numbers];
    }

    private Task<IReadOnlyList<object?[]>> Query(string sql, CancellationToken ct) => database.QueryAsync(sql, ct);

    private static string Str(object? value) => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// The key before AUTO_INCREMENT's next one. After a key of 2^63-1 the next is 2^63, which arrives as an
    /// unsigned number; past a signed 64-bit range (an unsigned BIGINT's keys) the last one is not told.
    /// </summary>
    private static long? LastHandedOut(object next) => next switch
    {
        ulong u => u - 1 <= long.MaxValue ? (long)(u - 1) : null,
        _ => AsLong(next) - 1,
    };

}
