using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using Ferry.Errors;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines.MySql;

/// <summary>
/// The rows of a bulk load as the text LOAD DATA reads by default — tab-separated UTF-8, backslash
/// escapes, \N for NULL — made as MySqlConnector asks for bytes: no temporary file, and beyond the
/// driver's 1 MiB packet only the row being encoded is in memory. Each LOAD DATA statement reads one
/// <see cref="Chunk"/>; the next chunk goes on from the same enumerator.
/// </summary>
internal sealed class MySqlLoadRows(IAsyncEnumerator<object?[]> source, IReadOnlyList<Column> columns, bool verbatim)
{
    private readonly IReadOnlyList<Column> columns = columns;
    // Verbatim ENUM columns, whose error value '' the server stores back only with a warning (see MySqlVerbatim).
    private readonly bool[] enums = columns.Select(c => verbatim && MySqlVerbatim.IsEnum(c)).ToArray();
    private bool held;
    private bool ended;

    /// <summary>
    /// What the rows or their encoding threw while the driver read them. The stream does not throw it:
    /// MySqlConnector would close the connection (it cannot tell a stream's failure from a broken socket),
    /// and the ROLLBACK after it would fail in its place. The file ends early instead, and the writer
    /// throws this once the server has answered, so a refused row or a cancellation keeps its type and words.
    /// </summary>
    public ExceptionDispatchInfo? Failure { get; private set; }

    /// <summary>Whether a row is left: a LOAD DATA is sent only for a chunk with at least one.</summary>
    public async ValueTask<bool> HasMoreAsync()
    {
        if (held) return true;
        if (ended) return false;
        try
        {
            held = await source.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Failure = ExceptionDispatchInfo.Capture(e);
            throw;
        }
        ended = !held;
        return held;
    }

    /// <summary>The next LOAD DATA file: up to <paramref name="maxRows"/> rows, ending early once it passes <paramref name="maxBytes"/>.</summary>
    public Chunk NextChunk(int maxRows, long maxBytes) => new(this, maxRows, maxBytes);

    private object?[] Take()
    {
        held = false;
        return source.Current;
    }

    /// <summary>One LOAD DATA file as a read-only stream; the driver disposes it when the file is sent.</summary>
    internal sealed class Chunk(MySqlLoadRows rows, int maxRows, long maxBytes) : ForwardStream
    {
        private readonly StringBuilder line = new();
        // One encoder across the builder's chunks, so a surrogate pair split between two stays one character.
        private readonly Encoder utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
        private byte[] pending = new byte[4096];
        private int pendingOffset, pendingLength;

        public int Rows { get; private set; }

        public long Bytes { get; private set; }

        /// <summary>ENUM error values in the file: each costs one warning 1265 and changes nothing.</summary>
        public int EnumErrorValues { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var written = 0;
            if (rows.Failure is not null) return 0;
            try
            {
                while (written < buffer.Length)
                {
                    if (pendingOffset < pendingLength)
                    {
                        var n = Math.Min(buffer.Length - written, pendingLength - pendingOffset);
                        pending.AsSpan(pendingOffset, n).CopyTo(buffer.Span[written..]);
                        pendingOffset += n;
                        written += n;
                        continue;
                    }
                    if (Rows >= maxRows || Bytes >= maxBytes || !await rows.HasMoreAsync().ConfigureAwait(false)) break;
                    Encode(rows.Take());
                }
            }
            catch (Exception e)
            {
                rows.Failure ??= ExceptionDispatchInfo.Capture(e);
            }
            return written;
        }

        // The driver reads through the array overload; Stream's own would run Read on another thread.
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        private void Encode(object?[] row)
        {
            line.Clear();
            for (var i = 0; i < rows.columns.Count; i++)
            {
                if (i > 0) line.Append('\t');
                AppendField(line, rows.columns[i].GeneratedExpression is null ? row[i] : null);
                if (rows.enums[i] && MySqlVerbatim.IsEnumErrorValue(row[i])) EnumErrorValues++;
            }
            line.Append('\n');
            var length = Encoding.UTF8.GetMaxByteCount(line.Length);
            if (pending.Length < length) pending = new byte[Math.Max(length, pending.Length * 2)];
            pendingLength = 0;
            // The line ends in '\n', so the encoder holds nothing back once it is through.
            foreach (var part in line.GetChunks()) pendingLength += utf8.GetBytes(part.Span, pending.AsSpan(pendingLength), flush: false);
            pendingOffset = 0;
            Rows++;
            Bytes += pendingLength;
        }
    }

    private static void AppendField(StringBuilder line, object? value)
    {
        var c = CultureInfo.InvariantCulture;
        switch (value)
        {
            case null: line.Append("\\N"); break;
            case bool b: line.Append(b ? '1' : '0'); break;
            // Bytes travel as hex, so no character-set conversion can touch them (the loader UNHEXes them).
            case byte[] bytes: line.Append(Convert.ToHexString(bytes)); break;
            // The copy refuses invalid UTF-8 by name before it gets here; never load it as something else.
            case InvalidText invalid: throw new FerryException(FerryErrorKind.Failed, $"Text {invalid} is not valid UTF-8 and cannot be loaded into MySQL.");
            case string s: AppendEscaped(line, s); break;
            case double d: line.Append(d.ToString("R", c)); break;
            case float f: line.Append(f.ToString("R", c)); break;
            case decimal m: line.Append(m.ToString(c)); break;
            case DateTime t: line.Append(t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", c)); break;
            // TIMESTAMP columns are read and written in UTC: the session's time_zone is +00:00.
            case DateTimeOffset t: line.Append(t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", c)); break;
            case DateOnly d: line.Append(d.ToString("yyyy-MM-dd", c)); break;
            case TimeOnly t: line.Append(t.ToString("HH:mm:ss.ffffff", c)); break;
            // TIME spans -838:59:59 to 838:59:59: hours past 24, and a sign.
            case TimeSpan t: line.Append(t < TimeSpan.Zero ? "-" : "").Append(((long)t.Duration().TotalHours).ToString(c)).Append(t.Duration().ToString(@"\:mm\:ss\.ffffff", c)); break;
            case IFormattable f: line.Append(f.ToString(null, c)); break;
            default: AppendEscaped(line, value.ToString() ?? ""); break;
        }
    }

    private static void AppendEscaped(StringBuilder line, string s)
    {
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '\\': line.Append("\\\\"); break;
                case '\t': line.Append("\\t"); break;
                case '\n': line.Append("\\n"); break;
                case '\r': line.Append("\\r"); break;
                case '\0': line.Append("\\0"); break;
                default: line.Append(ch); break;
            }
        }
    }
}
