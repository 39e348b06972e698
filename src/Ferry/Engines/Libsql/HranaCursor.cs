using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Ferry.Engines.Libsql;

/// <summary>
/// The body of a <c>/v3/cursor</c> response, read as it arrives: newline-delimited JSON, one entry a
/// line, so a result of any size passes through in constant memory and the server's 10 MB response
/// cap (which applies to pipelines) does not apply.
/// </summary>
internal sealed class HranaCursor : IAsyncDisposable
{
    private readonly HttpResponseMessage? _response;
    private readonly TextReader? _lines;
    private readonly Queue<HranaCursorEntry>? _entries;
    private bool _finished;

    private HranaCursor(HttpResponseMessage response, TextReader lines)
    {
        _response = response;
        _lines = lines;
    }

    private HranaCursor(IEnumerable<HranaCursorEntry> entries) => _entries = new Queue<HranaCursorEntry>(entries);

    /// <summary>Reads the first line, <c>{"baton":...,"base_url":...}</c>, and leaves the entries for later.</summary>
    public static async Task<(HranaCursor Cursor, string? Baton, string? BaseUrl)> OpenAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var lines = new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        var cursor = new HranaCursor(response, lines);
        try
        {
            var first = await lines.ReadLineAsync(ct).ConfigureAwait(false)
                ?? throw new HranaException("libSQL closed the cursor response before its first line.");
            using var head = JsonDocument.Parse(first);
            return (cursor, HranaJson.String(head.RootElement, "baton"), HranaJson.String(head.RootElement, "base_url"));
        }
        catch
        {
            await cursor.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A cursor over entries already in hand: what a Hrana 2 server, which has no cursors, is emulated with.</summary>
    public static HranaCursor FromEntries(IEnumerable<HranaCursorEntry> entries) => new(entries);

    /// <summary>The next entry, or null when the server has sent everything.</summary>
    public async Task<HranaCursorEntry?> ReadEntryAsync(CancellationToken ct)
    {
        if (_entries is not null) return _entries.TryDequeue(out var queued) ? queued : null;
        while (!_finished)
        {
            var line = await _lines!.ReadLineAsync(ct).ConfigureAwait(false);
            if (line is null)
            {
                _finished = true;
                return null;
            }
            if (line.Length == 0) continue;
            if (Parse(line) is { } entry) return entry;
        }
        return null;
    }

    /// <summary>
    /// The rows of one step of the batch, in order. Any step's error, or the batch's, is thrown; a body
    /// that ends before the step's <c>step_end</c> is an error too, never a short result.
    /// </summary>
    /// <param name="columns">Told the step's columns when they arrive, before its first row.</param>
    public async IAsyncEnumerable<object?[]> ReadRowsAsync(int step, [EnumeratorCancellation] CancellationToken ct, Action<IReadOnlyList<HranaColumn>>? columns = null)
    {
        var current = -1;
        var ended = false;
        while (await ReadEntryAsync(ct).ConfigureAwait(false) is { } entry)
        {
            switch (entry)
            {
                case HranaCursorEntry.StepBegin begin:
                    current = begin.Step;
                    if (current == step) columns?.Invoke(begin.Columns);
                    break;
                case HranaCursorEntry.Row row when current == step:
                    yield return row.Values;
                    break;
                case HranaCursorEntry.StepEnd when current == step:
                    ended = true;
                    break;
                case HranaCursorEntry.StepError error:
                    throw HranaException.From(error.Failure, error.Step);
                case HranaCursorEntry.Error error:
                    throw HranaException.From(error.Value);
            }
        }
        // Reading to the end (the steps after ours are a ROLLBACK at most) frees the stream for its close.
        if (!ended) throw new HranaException("libSQL ended the cursor before the statement's last row.");
    }

    private static HranaCursorEntry? Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var entry = document.RootElement;
        return HranaJson.String(entry, "type") switch
        {
            "step_begin" => new HranaCursorEntry.StepBegin(entry.GetProperty("step").GetInt32(), HranaJson.ReadColumns(entry.GetProperty("cols"))),
            "row" => new HranaCursorEntry.Row(HranaJson.ReadRow(entry.GetProperty("row"))),
            "step_end" => new HranaCursorEntry.StepEnd(
                entry.TryGetProperty("affected_row_count", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : 0,
                HranaJson.ReadRowId(entry)),
            "step_error" => new HranaCursorEntry.StepError(entry.GetProperty("step").GetInt32(), HranaJson.ReadError(entry.GetProperty("error"))),
            "error" => new HranaCursorEntry.Error(HranaJson.ReadError(entry.GetProperty("error"))),
            // sqld adds entries of its own (replication_index); the spec says to ignore what we do not know.
            _ => null,
        };
    }

    public ValueTask DisposeAsync()
    {
        _lines?.Dispose();
        _response?.Dispose();
        return ValueTask.CompletedTask;
    }
}
