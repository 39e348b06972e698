namespace Ferry.Migrations;

/// <summary>How a folder of migrations is laid out, which also decides the table that records them.</summary>
public enum MigrationFormat
{
    /// <summary>Ferry's own: <c>NNNN_name.sql</c>, an optional <c>NNNN_name.down.sql</c>, recorded in <c>ferry_migrations</c>.</summary>
    Ferry,
    /// <summary>drizzle-kit's: <c>meta/_journal.json</c> and <c>NNNN_tag.sql</c>, recorded in drizzle-orm's <c>__drizzle_migrations</c>.</summary>
    Drizzle,
}
