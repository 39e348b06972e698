using Ferry.Engines;
using Ferry.Engines.Postgres;
using Xunit;

namespace Ferry.Tests.Engines.Postgres;

/// <summary>
/// A database with the shapes the shared fixture lacks: a partitioned table, a foreign key to it,
/// a second schema, an inheritance child and a domain. Its own database, so the
/// shared fixture's catalog comparisons stay exact.
/// </summary>
public sealed class PostgresPartitionTests : IAsyncLifetime
{
    private const string Schema = """"
        CREATE DOMAIN short_text AS varchar(20);
        CREATE TABLE events (id integer NOT NULL, at date NOT NULL, label short_text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
        CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        INSERT INTO events VALUES (1, '2023-05-01', 'a'), (2, '2024-05-01', 'b'), (3, '2024-06-01', 'c');
        CREATE TABLE notes (id integer PRIMARY KEY, event_id integer, event_at date, FOREIGN KEY (event_id, event_at) REFERENCES events ON DELETE RESTRICT);
        CREATE SCHEMA "Side ""B""";
        CREATE TABLE "Side ""B""".parent (id integer);
        CREATE TABLE "Side ""B""".child (extra text) INHERITS ("Side ""B""".parent);
        INSERT INTO "Side ""B""".parent VALUES (1);
        INSERT INTO "Side ""B""".child VALUES (2, 'x'), (3, 'y');
        """";

    private readonly PostgresFixture server = new();

    public async Task InitializeAsync()
    {
        await using (var admin = await PostgresEngine.OpenAsync(server.Server, PostgresFixture.ReadWrite, CancellationToken.None))
            await admin.ExecuteAsync($"CREATE DATABASE {admin.Dialect.Quote(server.DatabaseName)}", CancellationToken.None);
        await using var db = await server.OpenAsync(AccessMode.ReadWrite);
        await db.ExecuteAsync(Schema, CancellationToken.None);
    }

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task Partitions_are_read_through_their_parent_and_schemas_are_kept()
    {
        await using var db = await server.OpenAsync(AccessMode.ReadOnly);
        var schema = await db.ReadSchemaAsync(CancellationToken.None);

        // Ordinal: "Side \"B\"" sorts before "public".
        Assert.Equal(["Side \"B\".child", "Side \"B\".parent", "public.events", "public.notes"], schema.Tables.Select(t => t.QualifiedName));
        var events = schema.FindTable("events")!;
        Assert.Equal(3, events.RowCount);
        var partitionSizes = await db.QueryAsync("SELECT sum(pg_total_relation_size(relid))::bigint FROM pg_partition_tree('events')", CancellationToken.None);
        Assert.Equal((long)partitionSizes[0][0]!, events.SizeBytes);
        Assert.True(events.SizeBytes > 0);
        Assert.Equal(["id", "at"], events.PrimaryKey!.Columns);

        var label = events.FindColumn("label")!;
        Assert.Equal(("short_text", Ferry.Schema.NeutralType.Text, 20), (label.DeclaredType, label.Type, label.Length!.Value));

        // One foreign key, not one more per partition of the referenced table.
        var reference = Assert.Single(schema.FindTable("notes")!.ForeignKeys);
        Assert.Equal(("events", Ferry.Schema.ForeignKeyAction.Restrict), (reference.ReferencedTable, reference.OnDelete));
        Assert.Equal(["id", "at"], reference.ReferencedColumns);

        // An inheritance parent counts only its own rows; the child is a table of its own.
        Assert.Equal((1L, 2L), (schema.FindTable("parent")!.RowCount!.Value, schema.FindTable("child")!.RowCount!.Value));
        Assert.Equal("Side \"B\"", schema.FindTable("child")!.Schema);
    }
}
