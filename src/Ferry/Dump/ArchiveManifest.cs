using System.Text.Json;
using System.Text.Json.Serialization;
using Ferry.Schema;

namespace Ferry.Dump;

/// <summary>
/// What an archive holds, written after its tables: the source's whole schema as Ferry read it (with each
/// engine's own CREATE texts, so a restore into the same engine runs them as written), and where each table's
/// rows are, how many, and the SHA-256 of their stored bytes.
/// </summary>
public sealed record ArchiveManifest
{
    /// <summary>The layout version of <see cref="ArchiveFile"/>; a reader refuses one it does not know.</summary>
    public required int Format { get; init; }
    public required string FerryVersion { get; init; }
    /// <summary>The source, redacted: no password or token is ever written into an archive.</summary>
    public required string Source { get; init; }
    public required DateTime CreatedAt { get; init; }
    /// <summary>The schema of the tables dumped (each with its row count as dumped), and the views, sequences and other objects.</summary>
    public required DatabaseSchema Schema { get; init; }
    public required IReadOnlyList<ArchivedTable> Tables { get; init; }

    /// <summary>The schema's table whose rows <paramref name="entry"/> holds; null in a table of contents that lists none such.</summary>
    public Table? TableOf(ArchivedTable entry) => Schema.Tables.FirstOrDefault(t => t.Name == entry.Name && t.Schema == entry.Schema);

    /// <summary>Enums as their names, and tuples (a sequence's position) by their fields, so every value comes back.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        IncludeFields = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };
}

/// <summary>
/// One table's rows in the archive: bytes [<see cref="Offset"/>, +<see cref="Length"/>) of the file, a zstd stream of
/// the rows in <see cref="Format"/>: <see cref="Values"/> (<see cref="ArchiveValues"/>, a row after another) or the
/// source engine's own bulk format (<see cref="Engines.BulkExport"/>), which only that engine reads back.
/// </summary>
public sealed record ArchivedTable(string? Schema, string Name, string Format, long Rows, long Offset, long Length, string Sha256)
{
    public const string Values = "ferry-values";

    public string QualifiedName => Schema is null ? Name : $"{Schema}.{Name}";
}
