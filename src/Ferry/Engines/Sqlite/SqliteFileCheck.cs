using System.Buffers.Binary;
using System.Text;
using Ferry.Errors;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Looks at a file before SQLite does. SQLite happily treats a missing file as a new database and an
/// empty one as an empty database; for a source both are mistakes the user must hear about.
/// </summary>
internal static class SqliteFileCheck
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SQLite format 3\0");
    private const int HeaderLength = 100;

    public static void RequireDatabase(string path)
    {
        if (Directory.Exists(path)) throw NotADatabase($"{path} is a directory, not a SQLite database file.");
        var file = new FileInfo(path);
        if (!file.Exists) throw NotADatabase($"The SQLite file {path} does not exist.");
        if (file.Length == 0) throw NotADatabase($"{path} is empty (0 bytes): it is not a SQLite database.");

        var header = new byte[HeaderLength];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        }
        catch (UnauthorizedAccessException)
        {
            throw NotADatabase($"{path} cannot be read: permission denied.");
        }
        if (read < Magic.Length || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw NotADatabase($"{path} is not a SQLite database (it does not start with the SQLite header).");
        if (read < HeaderLength)
            throw NotADatabase($"{path} is truncated: it holds {read} bytes, less than a SQLite header.");

        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16)) switch { 1 => 65536, var s => (int)s };
        var pageCount = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        // The page count is only valid when "version-valid-for" matches the change counter; and in
        // WAL mode new pages may still sit in the -wal file, so only judge a file without one.
        var countValid = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92)) == BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24));
        var expected = (long)pageSize * pageCount;
        if (countValid && pageCount > 0 && file.Length < expected && !File.Exists(path + "-wal"))
            throw NotADatabase($"{path} is truncated: its header describes {expected:N0} bytes but the file holds {file.Length:N0}.");
    }

    private static FerryException NotADatabase(string message) => new(FerryErrorKind.NotADatabase, message);
}
