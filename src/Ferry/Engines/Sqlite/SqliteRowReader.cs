using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Ferry.Schema;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Ferry.Values;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Streams a table's rows straight from a SQLite statement: one row in memory at a time. This loop is
/// the copy's busiest code, so it steps the statement itself and reads each value with one native
/// call (<see cref="SqliteNative"/>) instead of going through a data reader.
/// </summary>
internal static class SqliteRowReader
{
    private const int Busy = 5, Locked = 6;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="retryFor">How long a file locked by a writer is waited for, as every other SQLite call waits.</param>
    /// <param name="where">The file's redacted name, for the sentence an error becomes.</param>
    /// <param name="read">With <see cref="RowReadOptions.TextAsUtf8"/>, texts as <see cref="Utf8Text"/>, checked but not decoded.</param>
    public static async IAsyncEnumerable<object?[]> ReadAsync(SqliteConnection connection, Table table, ISqlDialect dialect, RowReadOptions read,
        TimeSpan retryFor, string where, [EnumeratorCancellation] CancellationToken ct)
    {
        var textAsUtf8 = read.TextAsUtf8;
        var sql = $"SELECT {string.Join(", ", table.Columns.Select(c => dialect.Quote(c.Name)))} FROM {dialect.Quote(table.Name)}"
            + KeyOrder.Clause(table, read, dialect, c => SqliteRangeHash.Instance.ByBytes(c, dialect));
        if (raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement) != raw.SQLITE_OK) throw Failure(connection, where);
        using (statement)
        {
            var handle = statement.DangerousGetHandle();
            var width = table.Columns.Count;
            var scratch = new byte[1024];
            var locked = Stopwatch.StartNew();
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var rc = SqliteNative.Step(handle);
                if (rc == SqliteNative.Done) yield break;
                if (rc != SqliteNative.Row)
                {
                    // A writer holds the file: wait for it as Microsoft.Data.Sqlite would, then give up with its sentence.
                    if ((rc & 0xFF) is Busy or Locked && locked.Elapsed < retryFor)
                    {
                        await Task.Delay(50, ct).ConfigureAwait(false);
                        continue;
                    }
                    throw Failure(connection, where);
                }
                yield return ReadRow(handle, width, textAsUtf8, ref scratch);
            }
        }
    }

    private static Exception Failure(SqliteConnection connection, string where) => SqliteErrors.Describe(SqliteErrors.Last(connection), where);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static object?[] ReadRow(IntPtr statement, int width, bool textAsUtf8, ref byte[] scratch)
    {
        var row = new object?[width];
        for (var i = 0; i < width; i++)
        {
            row[i] = SqliteNative.ColumnType(statement, i) switch
            {
                SqliteNative.Integer => SqliteNative.ColumnInt64(statement, i),
                SqliteNative.Float => SqliteNative.ColumnDouble(statement, i),
                SqliteNative.Text => textAsUtf8 ? Utf8(statement, i) : Text(statement, i, ref scratch),
                SqliteNative.Blob => Blob(statement, i),
                _ => null,
            };
        }
        return row;
    }

    /// <summary>
    /// A string, or the stored bytes as <see cref="InvalidText"/> when they are not valid UTF-8: SQLite
    /// never checks, and a decoder would silently put U+FFFD in their place.
    /// </summary>
    private static object Text(IntPtr statement, int column, ref byte[] scratch)
    {
        var at = SqliteNative.ColumnText(statement, column);
        var length = SqliteNative.ColumnBytes(statement, column);
        if (length == 0) return "";
        if (length > scratch.Length) scratch = new byte[Math.Max(length, scratch.Length * 2)];
        Marshal.Copy(at, scratch, 0, length);
        try
        {
            return StrictUtf8.GetString(scratch, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return new InvalidText(scratch[..length]);
        }
    }

    /// <summary>The stored bytes, as <see cref="Utf8Text"/> when valid, else as <see cref="InvalidText"/>.</summary>
    private static object Utf8(IntPtr statement, int column)
    {
        var bytes = Copy(SqliteNative.ColumnText(statement, column), statement, column);
        return System.Text.Unicode.Utf8.IsValid(bytes) ? new Utf8Text(bytes) : new InvalidText(bytes);
    }

    private static byte[] Blob(IntPtr statement, int column) => Copy(SqliteNative.ColumnBlob(statement, column), statement, column);

    /// <summary>The value just fetched at <paramref name="at"/>, as long as SQLite then says it is.</summary>
    private static byte[] Copy(IntPtr at, IntPtr statement, int column)
    {
        var bytes = new byte[SqliteNative.ColumnBytes(statement, column)];
        if (bytes.Length > 0) Marshal.Copy(at, bytes, 0, bytes.Length);
        return bytes;
    }
}
