using static Ferry.Engines.Cells;
using System.Globalization;
using System.Text;
using Ferry.Connections;
using Ferry.Schema;

namespace Ferry.Engines.Postgres;

/// <summary>
/// Reads a PostgreSQL database's schema from pg_catalog, one query per kind of fact, all inside one
/// repeatable-read transaction so the tables, their counts and their sizes describe one moment.
/// </summary>
internal sealed class PostgresSchemaReader(PostgresDatabase database, bool counts = true)
{
    private sealed record TableRow(long Oid, string Schema, string Name, bool Partitioned, long SizeBytes);

    public Task<DatabaseSchema> ReadAsync(CancellationToken ct) =>
        database.InSnapshotAsync(ReadInSnapshotAsync, ct);

    private async Task<DatabaseSchema> ReadInSnapshotAsync(CancellationToken ct)
    {
        var about = (await Query(PostgresCatalogSql.Database, ct))[0];
        var tableRows = (await Query(PostgresCatalogSql.Tables, ct))
            .Select(r => new TableRow((long)r[0]!, (string)r[1]!, (string)r[2]!, (string)r[3]! == "p", AsLong(r[4])))
            // Ordinal, not the server's collation: the order must not depend on the server's locale.
            .OrderBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        var columns = ByTable(await Query(PostgresCatalogSql.Columns, ct));
        var constraints = ByTable(await Query(PostgresCatalogSql.Constraints, ct));
        var indexes = ByTable(await Query(PostgresCatalogSql.Indexes, ct));
        var rowCounts = counts ? await RowCounts(tableRows, ct) : null;

        var tables = tableRows.Select(t =>
        {
            var tableConstraints = constraints.GetValueOrDefault(t.Oid) ?? [];
            var key = tableConstraints.FirstOrDefault(c => (string)c[2]! == "p");
            return new Table
            {
                Schema = t.Schema,
                Name = t.Name,
                Columns = (columns.GetValueOrDefault(t.Oid) ?? []).Select(ReadColumn).ToList(),
                PrimaryKey = key is null ? null : new PrimaryKey((string)key[1]!, Names(key[3])),
                Uniques = tableConstraints.Where(c => (string)c[2]! == "u").Select(c => new UniqueConstraint((string)c[1]!, Names(c[3]))).ToList(),
                ForeignKeys = tableConstraints.Where(c => (string)c[2]! == "f").Select(ReadForeignKey).ToList(),
                Checks = tableConstraints.Where(c => (string)c[2]! == "c").Select(c => new CheckConstraint((string)c[1]!, (string)c[9]!)).ToList(),
                Indexes = (indexes.GetValueOrDefault(t.Oid) ?? []).Select(ReadIndex).ToList(),
                RowCount = rowCounts is null ? null : rowCounts[t.Oid],
                SizeBytes = t.SizeBytes,
            };
        }).ToList();

        return new DatabaseSchema
        {
            Engine = EngineKind.Postgres,
            ServerVersion = PostgresDatabase.ShortVersion((string)about[0]!),
            Tables = tables,
            Views = (await Query(PostgresCatalogSql.Views, ct)).Select(r => new View((string)r[0]!, (string)r[1]!, (string)r[2]!)).ToList(),
            Triggers = (await Query(PostgresCatalogSql.Triggers, ct)).Select(r => new Trigger((string)r[0]!, (string)r[1]!, (string)r[2]!)).ToList(),
            Sequences = await SequencesAsync(ct),
            Types = (await Query(PostgresCatalogSql.Types, ct)).Select(ReadType).ToList(),
            Schemas = (await Query(PostgresCatalogSql.Schemas, ct)).Select(r => (string)r[0]!).ToList(),
            SizeBytes = AsLong(about[1]),
            OpenConnections = (int)AsLong(about[2]),
        };
    }

    private static Column ReadColumn(object?[] r)
    {
        var declared = (string)r[2]!;
        var baseType = (string)r[3]!;
        var type = PostgresTypeMap.ToNeutral(baseType);
        var (first, second) = DeclaredType.Modifiers(baseType);
        var expression = r[5] as string;
        var generated = (string)r[6]! == "s";
        return new Column
        {
            Name = (string)r[1]!,
            DeclaredType = declared,
            Type = type,
            Length = type is NeutralType.Text ? first : null,
            // numeric(p,s); for times and intervals the fractional-second digits, timestamp(3).
            Precision = type is NeutralType.Decimal or NeutralType.Time or NeutralType.Timestamp or NeutralType.TimestampTz or NeutralType.Interval ? first : null,
            Scale = type is NeutralType.Decimal ? second ?? (first is null ? null : 0) : null,
            Nullable = !(bool)r[4]!,
            Default = generated ? null : expression,
            GeneratedExpression = generated ? expression : null,
            GeneratedStored = generated,
            Collation = r[8] as string,
            Identity = (string)r[7]! switch
            {
                "a" => Identity.IdentityAlways,
                "d" => Identity.IdentityByDefault,
                _ => (bool)r[9]! ? Identity.Serial : Identity.None,
            },
        };
    }

    private static UserType ReadType(object?[] r) => new()
    {
        Schema = (string)r[0]!,
        Name = (string)r[1]!,
        Kind = r[9] is not null ? UserTypeKind.Extension : (string)r[2]! == "e" ? UserTypeKind.Enum : UserTypeKind.Domain,
        Labels = Names(r[3]),
        BaseType = r[4] as string,
        Default = r[5] as string,
        NotNull = (bool)r[6]!,
        Checks = Names(r[7]).Zip(Names(r[8]), (name, definition) => new CheckConstraint(name, definition)).ToList(),
        Extension = r[9] as string,
    };

    /// <summary>
    /// The sequences with their options, and the state of each one this user may read, all in one
    /// UNION ALL statement: pg_sequences hides last_value until a value was handed out, and a
    /// restarted sequence's next value is then its own business.
    /// </summary>
    private async Task<List<Sequence>> SequencesAsync(CancellationToken ct)
    {
        var rows = await Query(PostgresCatalogSql.Sequences, ct);
        var sequences = rows.Select(r => new Sequence
        {
            Schema = (string)r[0]!,
            Name = (string)r[1]!,
            LastValue = r[2] is null ? null : AsLong(r[2]),
            OwnedByTable = r[3] as string,
            OwnedByColumn = r[4] as string,
            Options = r[5] as string,
        }).ToList();
        var d = database.Dialect;
        var readable = Enumerable.Range(0, rows.Count).Where(i => (bool)rows[i][6]!).ToList();
        foreach (var chunk in readable.Chunk(500))
        {
            var sql = string.Join(" UNION ALL ", chunk.Select(i => string.Create(CultureInfo.InvariantCulture,
                $"SELECT {i}, last_value, is_called FROM {d.Quote(sequences[i].Schema!)}.{d.Quote(sequences[i].Name)}")));
            foreach (var row in await Query(sql, ct))
            {
                var i = (int)AsLong(row[0]);
                sequences[i] = sequences[i] with { Position = (AsLong(row[1]), (bool)row[2]!) };
            }
        }
        return sequences;
    }

    private static ForeignKey ReadForeignKey(object?[] r) => new()
    {
        Name = (string)r[1]!,
        Columns = Names(r[3]),
        ReferencedSchema = (string)r[4]!,
        ReferencedTable = (string)r[5]!,
        ReferencedColumns = Names(r[6]),
        OnDelete = Action((string)r[7]!),
        OnUpdate = Action((string)r[8]!),
    };

    private static Schema.Index ReadIndex(object?[] r) => new()
    {
        Name = (string)r[1]!,
        Unique = (bool)r[2]!,
        Predicate = r[3] as string,
        Definition = (string)r[4]!,
        Columns = ((string?[])r[5]!).ToList(),
        BacksConstraint = (bool)r[6]!,
    };

    /// <summary>pg_constraint's one-letter actions.</summary>
    private static ForeignKeyAction Action(string letter) => letter switch
    {
        "r" => ForeignKeyAction.Restrict,
        "c" => ForeignKeyAction.Cascade,
        "n" => ForeignKeyAction.SetNull,
        "d" => ForeignKeyAction.SetDefault,
        _ => ForeignKeyAction.NoAction,
    };

    /// <summary>
    /// Exact counts, one UNION ALL statement per few hundred tables. ONLY keeps an inheritance
    /// parent's count to its own rows (its children are listed as tables themselves); a partitioned
    /// table has no rows of its own, so it is counted with its partitions.
    /// </summary>
    private async Task<Dictionary<long, long>> RowCounts(List<TableRow> tables, CancellationToken ct)
    {
        var counts = new Dictionary<long, long>();
        var dialect = database.Dialect;
        foreach (var chunk in tables.Chunk(500))
        {
            var sql = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                if (i > 0) sql.Append(" UNION ALL ");
                sql.Append("SELECT ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(", count(*) FROM ")
                    .Append(chunk[i].Partitioned ? "" : "ONLY ")
                    .Append(dialect.Quote(chunk[i].Schema)).Append('.').Append(dialect.Quote(chunk[i].Name));
            }
            foreach (var row in await Query(sql.ToString(), ct)) counts[chunk[AsLong(row[0])].Oid] = AsLong(row[1]);
        }
        return counts;
    }

    private static Dictionary<long, List<object?[]>> ByTable(IReadOnlyList<object?[]> rows) =>
        rows.GroupBy(r => (long)r[0]!).ToDictionary(g => g.Key, g => g.ToList());

    private static List<string> Names(object? value) => ((string[])value!).ToList();

    private Task<IReadOnlyList<object?[]>> Query(string sql, CancellationToken ct) => database.QueryAsync(sql, ct);

}
