using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ferry.Errors;

namespace Ferry.Dump;

/// <summary>
/// The layout of a Ferry archive, one file:
/// <list type="number">
/// <item>"FERRYARC" and the format version (4 bytes, little-endian);</item>
/// <item>each table's rows, one after another: a zstd stream (with zstd's own content checksum) of its rows in the
/// format its entry names: each row its values as <see cref="ArchiveValues"/> writes them, in the table's column order,
/// or the source engine's own bulk format (PostgreSQL's COPY text);</item>
/// <item>the <see cref="ArchiveManifest"/> as UTF-8 JSON;</item>
/// <item>the manifest's length (8 bytes, little-endian), its SHA-256 (32 bytes), and "FERRYEND".</item>
/// </list>
/// The manifest comes last so a dump streams table by table; the fixed-size end says where it is, and a file
/// cut short has no end, so it cannot pass for a whole archive.
/// </summary>
public static class ArchiveFile
{
    public const int Format = 1;
    /// <summary>The name's ending Ferry gives an archive.</summary>
    public const string Extension = ".ferry";

    private static readonly byte[] Begin = "FERRYARC"u8.ToArray(), End = "FERRYEND"u8.ToArray();
    private const int HeaderLength = 12, FooterLength = 8 + 32 + 8, MaxManifest = 256 << 20;

    public static void WriteHeader(Stream output)
    {
        output.Write(Begin);
        Span<byte> version = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(version, Format);
        output.Write(version);
    }

    public static void WriteManifest(Stream output, ArchiveManifest manifest)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(manifest, ArchiveManifest.Json);
        output.Write(json);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, json.Length);
        output.Write(length);
        output.Write(SHA256.HashData(json));
        output.Write(End);
    }

    /// <summary>The archive's manifest, after checking that the file is one, whole, and of a format this Ferry reads.</summary>
    public static ArchiveManifest ReadManifest(string path)
    {
        using var file = Open(path);
        var name = Path.GetFileName(path);
        if (file.Length < HeaderLength + FooterLength)
            throw Damaged($"{name} is not a Ferry archive, or was cut short: it holds only {file.Length} bytes.");
        var header = new byte[HeaderLength];
        file.ReadExactly(header);
        if (!header.AsSpan(0, 8).SequenceEqual(Begin))
            throw Damaged($"{name} is not a Ferry archive: it does not begin as one ({Encoding.ASCII.GetString(Begin)}).");
        var format = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        if (format != Format)
            throw Damaged($"{name} is an archive of format {format}; this Ferry reads format {Format}.");

        var footer = new byte[FooterLength];
        file.Seek(-FooterLength, SeekOrigin.End);
        file.ReadExactly(footer);
        var length = BinaryPrimitives.ReadInt64LittleEndian(footer);
        // A table of contents of more than 256 MiB is no archive's (a million tables' would be less): a damaged length.
        if (!footer.AsSpan(40).SequenceEqual(End) || length <= 0 || length > file.Length - HeaderLength - FooterLength || length > MaxManifest)
            throw Damaged($"{name} was cut short or altered: it does not end as a whole archive does (a dump that did not finish?).");
        var json = new byte[length];
        file.Seek(-FooterLength - length, SeekOrigin.End);
        file.ReadExactly(json);
        if (!SHA256.HashData(json).AsSpan().SequenceEqual(footer.AsSpan(8, 32)))
            throw Damaged($"{name} was altered: its table of contents does not match the checksum written with it.");
        ArchiveManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ArchiveManifest>(json, ArchiveManifest.Json);
        }
        catch (JsonException e)
        {
            // Its checksum matched, so it is as written: by a Ferry that writes what this one cannot read.
            throw Damaged($"{name} has a table of contents this Ferry cannot read ({e.Message.TrimEnd('.')}); it may come from a newer Ferry.");
        }
        if (manifest?.Schema?.Tables is null || manifest.Tables is null)
            throw Damaged($"{name} holds a table of contents without its tables.");
        var tablesEnd = file.Length - FooterLength - length;
        foreach (var table in manifest.Tables)
        {
            if (table.Offset < HeaderLength || table.Length < 0 || table.Offset + table.Length > tablesEnd)
                throw Damaged($"{name} was altered: the rows of {table.QualifiedName} lie outside its data.");
            if (manifest.TableOf(table) is null)
                throw Damaged($"{name} was altered: its table of contents lists rows of {table.QualifiedName} but no such table.");
        }
        return manifest;
    }

    /// <summary>The file for reading, shared with other readers (a restore with --jobs opens it once a table).</summary>
    public static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FerryException(FerryErrorKind.Usage, $"There is no archive at {path}.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new FerryException(FerryErrorKind.Usage, $"The archive {path} cannot be read: permission denied.");
        }
    }

    public static FerryException Damaged(string sentence) => new(FerryErrorKind.NotADatabase, sentence);
}
