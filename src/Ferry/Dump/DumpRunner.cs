using System.Diagnostics;
using System.Reflection;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Dump;

/// <summary>
/// <c>ferry dump</c>: the source's schema and every selected table's rows into one archive (<see cref="ArchiveFile"/>),
/// read in one snapshot where the engine holds one, table by table with memory bounded whatever a table holds. The
/// archive is written under a temporary name and renamed only when whole, owner-only, so a dump that stops leaves
/// nothing that could pass for a backup.
/// </summary>
public sealed class DumpRunner(IDatabase source, DumpOptions options, IProgress<CopyEvent>? progress = null)
{
    public async Task<DumpReport> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (DumpOptions.LevelProblem(options.CompressionLevel) is { } problem) throw new FerryException(FerryErrorKind.Usage, problem);
        if (File.Exists(options.Output) || Directory.Exists(options.Output))
            throw new FerryException(FerryErrorKind.Usage, $"{options.Output} exists already; a dump never writes over a file. Name another with -o, or remove it.");

        await using var snapshot = await source.BeginSnapshotAsync(ct).ConfigureAwait(false);
        var schema = await source.WithObjectDefinitionsAsync(await source.ReadShapeAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        var tables = new List<Table>();
        foreach (var table in new TableSelection(options.Tables, options.Exclude).Apply(schema.Tables))
            tables.Add(await source.WithDefinitionAsync(table, ct).ConfigureAwait(false));

        // A name of this dump's own, made new: another dump to the same -o at the same time writes its own, and a
        // link planted under the name is refused, not followed.
        var partial = $"{options.Output}.{Path.GetRandomFileName()}.partial";
        var archived = new List<ArchivedTable>();
        try
        {
            BackupName.PrepareFolder(options.Output);
            await using (var file = OwnerOnly(partial))
            {
                ArchiveFile.WriteHeader(file);
                // Every value as stored (a text that is not UTF-8, a zero date, an ENUM's error value), which the same
                // kind of engine takes back exactly, texts as their UTF-8 bytes where the engine can hand them so;
                // PostgreSQL's rows in COPY's own format, never decoded.
                var read = new RowReadOptions { Verbatim = true, TextAsUtf8 = true };
                foreach (var table in tables)
                {
                    progress?.Report(new CopyEvent.TableStarted(table.QualifiedName, null));
                    var entry = await ArchiveRows.WriteAsync(file, table, source, read, options.CompressionLevel, ct).ConfigureAwait(false);
                    archived.Add(entry);
                    progress?.Report(new CopyEvent.TableDone(new TableReport { Table = table.QualifiedName, Read = entry.Rows, Written = entry.Rows }));
                }
                ArchiveFile.WriteManifest(file, new ArchiveManifest
                {
                    Format = ArchiveFile.Format,
                    FerryVersion = typeof(DumpRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?",
                    Source = source.Target.Redacted,
                    CreatedAt = DateTime.UtcNow,
                    Schema = schema with { Tables = tables.Select((t, i) => t with { RowCount = archived[i].Rows, SizeBytes = null }).ToList(), SizeBytes = null, OpenConnections = null },
                    Tables = archived,
                });
                await file.FlushAsync(ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            // Never over a file that appeared meanwhile (another dump to the same -o finished first).
            File.Move(partial, options.Output, overwrite: false);
        }
        catch (Exception e)
        {
            // Not there when its folder could not be made.
            if (File.Exists(partial)) File.Delete(partial);
            // The file work's failures (a full disk, a folder not writable) as one sentence naming the archive.
            if (e is IOException or UnauthorizedAccessException)
                throw new FerryException(FerryErrorKind.Failed, $"The archive {options.Output} could not be written: {e.Message.TrimEnd('.')}; nothing was left under that name.", e);
            throw;
        }
        return new DumpReport
        {
            Path = options.Output,
            Bytes = new FileInfo(options.Output).Length,
            Tables = archived,
            Notes = Notes(schema),
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>A new file only its owner reads: an archive holds the database's data.</summary>
    private static FileStream OwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    /// <summary>What the archive carries beside the tables' rows, and what the source holds that it does not.</summary>
    private static List<string> Notes(DatabaseSchema schema)
    {
        var notes = new List<string>();
        void Count(int n, string what)
        {
            if (n > 0) notes.Add($"{n} {what}");
        }
        Count(schema.Views.Count, "view(s)");
        Count(schema.Triggers.Count, "trigger(s)");
        Count(schema.Functions.Count, "function(s)");
        Count(schema.Sequences.Count, "sequence(s)");
        Count(schema.Extensions.Count, "extension(s)");
        Count(schema.RowSecurity.Count, "table(s) with row-level security");
        Count(schema.Policies.Count, "policy(ies)");
        Count(schema.Comments.Count, "comment(s)");
        var result = notes.Count == 0 ? [] : new List<string> { $"The archive also holds {string.Join(", ", notes)}, carried by a restore into {schema.Engine.Display()}." };
        result.AddRange(schema.NotCarried.Select(n => $"Not carried: {n}."));
        return result;
    }
}
