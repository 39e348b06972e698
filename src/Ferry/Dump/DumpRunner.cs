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
        if (options.CompressionLevel is < 1 or > 19)
            throw new FerryException(FerryErrorKind.Usage, $"--compression must be a zstd level from 1 (fastest) to 19 (smallest), not {options.CompressionLevel}.");
        if (File.Exists(options.Output) || Directory.Exists(options.Output))
            throw new FerryException(FerryErrorKind.Usage, $"{options.Output} exists already; a dump never writes over a file. Name another with -o, or remove it.");
        OnDisk(options.Output, () => BackupName.PrepareFolder(options.Output));

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
            await using (var file = OnDisk(options.Output, () => OwnerOnly(partial)))
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
                OnDisk(options.Output, () => file.Flush(flushToDisk: true));
            }
            // Never over a file that appeared meanwhile (another dump to the same -o finished first).
            OnDisk(options.Output, () => File.Move(partial, options.Output, overwrite: false));
        }
        catch (Exception e)
        {
            File.Delete(partial);
            if (e is IOException or UnauthorizedAccessException) throw Unwritable(options.Output, e);
            throw;
        }
        return new DumpReport
        {
            Path = options.Output,
            Bytes = new FileInfo(options.Output).Length,
            Tables = archived,
            Notes = Notes(schema, tables),
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

    /// <summary>The file work of a dump, its failures said as one sentence naming the archive (a full disk, a folder not writable).</summary>
    private static T OnDisk<T>(string archive, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(archive, e);
        }
    }

    private static void OnDisk(string archive, Action work) => OnDisk(archive, () =>
    {
        work();
        return 0;
    });

    private static FerryException Unwritable(string archive, Exception e) =>
        new(FerryErrorKind.Failed, $"The archive {archive} could not be written: {e.Message.TrimEnd('.')}; nothing was left under that name.", e);

    /// <summary>What the archive carries beside the tables' rows, and what the source holds that it does not.</summary>
    private static List<string> Notes(DatabaseSchema schema, IReadOnlyList<Table> tables)
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
