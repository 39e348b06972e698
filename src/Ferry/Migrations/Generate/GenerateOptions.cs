using Ferry.Connections;

namespace Ferry.Migrations.Generate;

public sealed record GenerateOptions
{
    /// <summary>What the migration does, as in add_email: the file's name.</summary>
    public required string Name { get; init; }

    /// <summary>The desired schema, as SQL in the engine's dialect.</summary>
    public required string SchemaFile { get; init; }

    /// <summary>The migrations folder (Ferry's or drizzle-kit's); missing, it is a new Ferry folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The database the migrations are for: its engine decides the dialect, and its server holds the scratch databases.</summary>
    public required ConnectionTarget Target { get; init; }

    /// <summary>Another server of the same engine to make the scratch databases on (--scratch).</summary>
    public ConnectionTarget? Scratch { get; init; }

    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(10);
}
