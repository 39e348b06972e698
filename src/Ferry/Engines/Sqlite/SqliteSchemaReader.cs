using static Ferry.Engines.Cells;
using System.Globalization;
using System.Text;
using Ferry.Connections;
using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Reads a SQLite-family schema through plain queries, so the same code serves a local file and a
/// libSQL server over HTTP. Each kind of fact is one query over PRAGMA table-valued functions joined
/// to <c>sqlite_master</c>, which keeps a remote read to a handful of round trips however many tables.
/// </summary>
internal sealed class SqliteSchemaReader(ISqlSession database, EngineKind engine, bool sizes = true, bool counts = true)
{
    // Tables the engine or its tools own: never user data, never copied.
    private const string UserTables =
        "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name NOT IN ('libsql_wasm_func_table', '_litestream_seq', '_litestream_lock') " +
        "AND coalesce(m.sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%'";

    public async Task<DatabaseSchema> ReadAsync(CancellationToken ct)
    {
        var version = (string)(await Query("SELECT sqlite_version()", ct))[0][0]!;
        var master = await Query($"SELECT m.type, m.name, m.tbl_name, m.sql FROM sqlite_master m WHERE m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name", ct);
        var tableSql = master.Where(r => (string)r[0]! == "table").ToDictionary(r => (string)r[1]!, r => r[3] as string ?? "", StringComparer.Ordinal);

        var columns = await Query($"SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE {UserTables} ORDER BY m.name, p.cid", ct);
        var indexes = await Query($"SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ii.cid, ii.name FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii WHERE {UserTables} AND ii.key = 1 ORDER BY m.name, il.name, ii.seqno", ct);
        var foreignKeys = await Query($"SELECT m.name, fk.id, fk.\"table\", fk.\"from\", fk.\"to\", fk.on_update, fk.on_delete FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) fk WHERE {UserTables} ORDER BY m.name, fk.id, fk.seq", ct);

        var tableNames = columns.Select(r => (string)r[0]!).Distinct().ToList();
        var objectSizes = sizes ? await ObjectSizes(ct) : null;
        // Without dbstat (the NuGet build of SQLite lacks it), a table's size is the bytes of its stored values.
        var (rowCounts, payload) = counts || sizes ? await RowCounts(tableNames, sizes && objectSizes is null ? columns : null, ct) : (null, []);
        var indexSql = master.Where(r => (string)r[0]! == "index").ToDictionary(r => (string)r[1]!, r => r[3] as string, StringComparer.Ordinal);

        var tables = new List<Table>();
        foreach (var name in tableNames)
        {
            var definition = SqliteCreateTableParser.Parse(tableSql.GetValueOrDefault(name, ""));
            var tableColumns = columns.Where(r => (string)r[0]! == name).ToList();
            var tableIndexes = ReadIndexes(indexes.Where(r => (string)r[0]! == name), indexSql, definition);
            long? size = !sizes ? null : objectSizes is null ? payload.GetValueOrDefault(name) : objectSizes.GetValueOrDefault(name) + tableIndexes.Sum(i => objectSizes.GetValueOrDefault(i.Name));
            tables.Add(new Table
            {
                Name = name,
                Columns = ReadColumns(tableColumns, definition),
                PrimaryKey = ReadPrimaryKey(tableColumns, definition),
                Uniques = tableIndexes.Where(i => i.BacksConstraint && i.Unique && !IsPrimaryKeyIndex(i, tableColumns))
                    .Select(i => new UniqueConstraint(definition.NamedUniques.FirstOrDefault(u => u.Columns.SequenceEqual(i.Columns))?.Name, i.Columns.Select(c => c ?? "").ToList()))
                    .ToList(),
                ForeignKeys = ReadForeignKeys(foreignKeys.Where(r => (string)r[0]! == name).ToList(), columns),
                Indexes = tableIndexes,
                Checks = definition.Checks,
                WithoutRowId = definition.WithoutRowId,
                Definition = tableSql.GetValueOrDefault(name) is { Length: > 0 } sql ? sql : null,
                RowCount = rowCounts is null ? null : rowCounts.GetValueOrDefault(name),
                SizeBytes = size,
            });
        }

        return new DatabaseSchema
        {
            Engine = engine,
            ServerVersion = version,
            Tables = tables,
            Views = master.Where(r => (string)r[0]! == "view").Select(r => new View(null, (string)r[1]!, r[3] as string ?? "")).ToList(),
            Triggers = master.Where(r => (string)r[0]! == "trigger").Select(r => new Trigger((string)r[1]!, (string)r[2]!, r[3] as string ?? "")).ToList(),
            Sequences = await ReadSequences(tableSql.Count > 0, ct),
            SizeBytes = AsLong((await Query("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", ct))[0][0]),
        };
    }

    private static List<Column> ReadColumns(List<object?[]> rows, SqliteTableDefinition definition)
    {
        var keyColumns = rows.Count(r => AsLong(r[5]) > 0);
        return rows.Select(r =>
        {
            var name = (string)r[1]!;
            var declared = r[2] as string ?? "";
            var hidden = AsLong(r[6]);
            var clauses = definition.Columns.GetValueOrDefault(name);
            var (first, second) = DeclaredType.Modifiers(declared);
            var type = SqliteTypeMap.ToNeutral(declared);
            // INTEGER PRIMARY KEY, alone, in a rowid table, is the rowid itself (SQLite's rule is this exact spelling).
            var rowId = keyColumns == 1 && AsLong(r[5]) == 1 && !definition.WithoutRowId
                && declared.Equals("INTEGER", StringComparison.OrdinalIgnoreCase);
            return new Column
            {
                Name = name,
                DeclaredType = declared,
                Type = type,
                Length = type is NeutralType.Text or NeutralType.Blob ? first : null,
                Precision = type == NeutralType.Decimal ? first : null,
                Scale = type == NeutralType.Decimal ? second : null,
                // SQLite lets non-integer primary keys of rowid tables hold NULL (a documented legacy bug).
                Nullable = AsLong(r[3]) == 0 && !rowId && !(definition.WithoutRowId && AsLong(r[5]) > 0),
                Default = r[4] as string,
                GeneratedExpression = hidden is 2 or 3 ? clauses?.GeneratedExpression : null,
                GeneratedStored = hidden == 3,
                Collation = clauses?.Collation,
                Identity = rowId ? (clauses?.AutoIncrement == true ? Identity.AutoIncrement : Identity.RowId) : Identity.None,
            };
        }).ToList();
    }

    private static PrimaryKey? ReadPrimaryKey(List<object?[]> rows, SqliteTableDefinition definition)
    {
        var key = rows.Where(r => AsLong(r[5]) > 0).OrderBy(r => AsLong(r[5])).Select(r => (string)r[1]!).ToList();
        return key.Count == 0 ? null : new PrimaryKey(definition.PrimaryKeyName, key);
    }

    private static bool IsPrimaryKeyIndex(Schema.Index index, List<object?[]> columns) =>
        index.Columns.SequenceEqual(columns.Where(r => AsLong(r[5]) > 0).OrderBy(r => AsLong(r[5])).Select(r => (string?)r[1]));

    private static List<Schema.Index> ReadIndexes(IEnumerable<object?[]> rows, Dictionary<string, string?> indexSql, SqliteTableDefinition definition) =>
        rows.GroupBy(r => (string)r[1]!).Select(g =>
        {
            var first = g.First();
            var origin = (string)first[3]!;
            var sql = indexSql.GetValueOrDefault(g.Key);
            return new Schema.Index
            {
                Name = g.Key,
                // cid -2 marks an expression key part, -1 the rowid.
                Columns = g.Select(r => AsLong(r[5]) == -2 ? null : r[6] as string ?? "rowid").ToList(),
                Unique = AsLong(first[2]) == 1,
                Predicate = AsLong(first[4]) == 1 ? SqliteIndexParser.Predicate(sql) : null,
                Definition = sql,
                KeyExpression = g.Any(r => AsLong(r[5]) == -2) ? SqliteIndexParser.KeyList(sql) : null,
                BacksConstraint = origin != "c",
            };
        }).ToList();

    private static List<ForeignKey> ReadForeignKeys(List<object?[]> rows, IReadOnlyList<object?[]> allColumns) =>
        rows.GroupBy(r => AsLong(r[1])).Select(g =>
        {
            var first = g.First();
            var parent = (string)first[2]!;
            var to = g.Select(r => r[4] as string).ToList();
            if (to.Any(t => t is null))
            {
                // REFERENCES parent without columns means the parent's primary key.
                to = allColumns.Where(c => string.Equals((string)c[0]!, parent, StringComparison.OrdinalIgnoreCase) && AsLong(c[5]) > 0)
                    .OrderBy(c => AsLong(c[5])).Select(c => (string?)c[1]).ToList();
            }
            return new ForeignKey
            {
                Columns = g.Select(r => (string)r[3]!).ToList(),
                ReferencedTable = parent,
                ReferencedColumns = to.Select(t => t ?? "").ToList(),
                OnUpdate = Action((string)first[5]!),
                OnDelete = Action((string)first[6]!),
            };
        }).ToList();

    private static ForeignKeyAction Action(string text) => text.ToUpperInvariant() switch
    {
        "CASCADE" => ForeignKeyAction.Cascade,
        "RESTRICT" => ForeignKeyAction.Restrict,
        "SET NULL" => ForeignKeyAction.SetNull,
        "SET DEFAULT" => ForeignKeyAction.SetDefault,
        _ => ForeignKeyAction.NoAction,
    };

    /// <summary>Exact row counts, and when <paramref name="columns"/> is given, the bytes of every stored value per table.</summary>
    private async Task<(Dictionary<string, long>? Counts, Dictionary<string, long> Payload)> RowCounts(List<string> tables, IReadOnlyList<object?[]>? columns, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var payload = new Dictionary<string, long>(StringComparer.Ordinal);
        // One statement for all tables; chunked so a schema with thousands stays under SQLite's compound-select limit.
        foreach (var chunk in tables.Chunk(200))
        {
            var sql = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                if (i > 0) sql.Append(" UNION ALL ");
                sql.Append("SELECT ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(", count(*), ");
                var table = chunk[i];
                var lengths = columns?.Where(c => (string)c[0]! == table && AsLong(c[6]) is 0 or 3)
                    .Select(c => $"coalesce(length(CAST({database.Dialect.Quote((string)c[1]!)} AS BLOB)), 0)").ToList();
                sql.Append(lengths is { Count: > 0 } ? "sum(" + string.Join(" + ", lengths) + ")" : "NULL");
                sql.Append(" FROM ").Append(database.Dialect.Quote(table));
            }
            foreach (var row in await Query(sql.ToString(), ct))
            {
                var table = chunk[AsLong(row[0])];
                counts[table] = AsLong(row[1]);
                if (row[2] is not null) payload[table] = AsLong(row[2]);
            }
        }
        return (counts, payload);
    }

    /// <summary>Bytes per table and index from the <c>dbstat</c> virtual table, or null where SQLite was built without it.</summary>
    private async Task<Dictionary<string, long>?> ObjectSizes(CancellationToken ct)
    {
        try
        {
            var rows = await Query("SELECT name, sum(pgsize) FROM dbstat GROUP BY name", ct);
            return rows.ToDictionary(r => (string)r[0]!, r => AsLong(r[1]), StringComparer.Ordinal);
        }
        catch (Errors.FerryException)
        {
            return null;
        }
    }

    private async Task<List<Sequence>> ReadSequences(bool anyTable, CancellationToken ct)
    {
        if (!anyTable) return [];
        var exists = await Query("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'", ct);
        if (AsLong(exists[0][0]) == 0) return [];
        var rows = await Query("SELECT name, seq FROM sqlite_sequence ORDER BY name", ct);
        return rows.Select(r => new Sequence { Name = (string)r[0]!, OwnedByTable = (string)r[0]!, LastValue = AsLong(r[1]) }).ToList();
    }

    private Task<IReadOnlyList<object?[]>> Query(string sql, CancellationToken ct) => database.QueryAsync(sql, ct);

}
