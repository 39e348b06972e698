using System.Buffers;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Verify;

/// <summary>
/// One side of a table pair as verify reads it: its rows (a key range of them, in key order if asked), and the
/// range checksums of a key range split at boundaries — computed by the database in one query where its
/// engine writes every column's <see cref="HashText"/> in SQL, else by streaming the range and hashing here.
/// Every query it sends is counted: the round trips a verification cost.
/// </summary>
internal sealed class RangeSide
{
    private readonly IDatabase _database;
    private readonly TablePair _pair;
    private readonly bool _fromSource;
    private readonly IRangeHash _hash;
    private string? _rowText;

    /// <param name="progress">Where the rows this side reads are told, for the source side only (see <see cref="VerifyProgress"/>).</param>
    private readonly IProgress<CopyEvent>? _progress;

    public RangeSide(IDatabase database, TablePair pair, bool fromSource, IProgress<CopyEvent>? progress = null)
    {
        (_database, _pair, _fromSource, _progress) = (database, pair, fromSource, progress);
        _hash = RangeHashes.For(database.Target.Engine);
        _rowText = RowText();
    }

    public int RoundTrips { get; private set; }

    /// <summary>Rows, and the keys picked to split ranges at, this side sent to Ferry: what a database that sums ranges itself saves.</summary>
    public long RowsRead { get; private set; }

    public Table Table => _fromSource ? _pair.Source : _pair.Target;

    /// <summary>The SQL that writes a row's hash text on this side, or null where the side streams.</summary>
    public string? RowTextSql => _rowText;

    /// <summary>True when the database sums ranges itself and only their checksums travel.</summary>
    public bool InSql => _rowText is not null;

    /// <summary>
    /// Two sides of a same-engine copy read their values as stored, which Ferry hashes as what they are, not as
    /// the SQL's declared types would: either both hash in SQL, or both stream.
    /// </summary>
    public static void Agree(RangeSide source, RangeSide target)
    {
        if (!source._pair.Verbatim || source.InSql == target.InSql) return;
        source._rowText = target._rowText = null;
    }

    /// <summary>
    /// The row's hash text as SQL, or null when a column has none here: its engine cannot write its type, or the
    /// copy converts it into a value of another kind (a text parsed into a timestamp), which only Ferry can do.
    /// </summary>
    private string? RowText()
    {
        var d = _database.Dialect;
        var parts = new List<string>();
        for (var c = 0; c < Table.Columns.Count; c++)
        {
            var column = Table.Columns[c];
            var kind = HashText.KindOf(column.Type);
            if (kind == HashKind.Canonical || (!_pair.Verbatim && HashText.KindOf(_pair.Types[c]) != kind)) return null;
            if (_hash.Text(column, d) is not { } text) return null;
            var q = d.Quote(column.Name);
            parts.Add($"CASE WHEN {q} IS NULL THEN '~' ELSE {_hash.Concat([text, "','"])} END");
        }
        return parts.Count == 0 ? null : _hash.Concat(parts);
    }

    /// <summary>The checksums of the <paramref name="boundaries"/>.Count + 1 segments <paramref name="range"/> is split into: segment i holds the keys from boundary i-1 up to boundary i.</summary>
    public Task<RangeChecksum[]> ChecksumsAsync(KeyRange range, IReadOnlyList<object[]> boundaries, CancellationToken ct)
    {
        RoundTrips++;
        return InSql ? InSqlAsync(range, boundaries, ct) : StreamedAsync(range, boundaries, ct);
    }

    private async Task<RangeChecksum[]> InSqlAsync(KeyRange range, IReadOnlyList<object[]> boundaries, CancellationToken ct)
    {
        var d = _database.Dialect;
        var segment = boundaries.Count == 0 ? "0"
            : "CASE " + string.Concat(boundaries.Select((b, i) => $"WHEN {KeyOrder.Before(Table, b, d, ByBytes)} THEN {i} ")) + $"ELSE {boundaries.Count} END";
        var (s, h) = (d.Quote("segment"), d.Quote("hash_text"));
        var sql = $"SELECT {s}, count(*), {_hash.Sum64(h)} FROM (SELECT {segment} AS {s}, {_rowText} AS {h} FROM {_hash.From(Table, d)}"
            + $"{KeyOrder.Where(Table, range, d, ByBytes)}) {d.Quote("ranged")} GROUP BY {s}";
        var sums = new RangeChecksum[boundaries.Count + 1];
        foreach (var row in await _database.QueryAsync(sql, ct).ConfigureAwait(false))
            sums[Convert.ToInt32(row[0], System.Globalization.CultureInfo.InvariantCulture)] = RangeChecksum.Of(row[1], row[2]);
        return sums;
    }

    private async Task<RangeChecksum[]> StreamedAsync(KeyRange range, IReadOnlyList<object[]> boundaries, CancellationToken ct)
    {
        var sums = new RangeChecksum[boundaries.Count + 1];
        var text = new ArrayBufferWriter<byte>(256);
        await foreach (var row in ReadAsync(range, ordered: false, ct).ConfigureAwait(false))
        {
            text.ResetWrittenCount();
            _pair.HashRow(text, row);
            var segment = boundaries.Count == 0 ? 0 : Segment(_pair.KeyOf(row), boundaries);
            sums[segment] = sums[segment].Add(HashText.Of(text.WrittenSpan));
        }
        return sums;
    }

    /// <summary>How many boundaries a key is at or past: the segment the SQL's CASE puts it in.</summary>
    private int Segment(object?[] key, IReadOnlyList<object[]> boundaries)
    {
        var (lo, hi) = (0, boundaries.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_pair.CompareKeyValues(key, boundaries[mid]) >= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The smallest and largest key (an integer key's span, to split arithmetically).</summary>
    public async Task<(object? Min, object? Max)> KeySpanAsync(CancellationToken ct)
    {
        RoundTrips++;
        var d = _database.Dialect;
        var key = d.Quote(Table.Columns[_pair.Key[0]].Name);
        var row = (await _database.QueryAsync($"SELECT min({key}), max({key}) FROM {_hash.From(Table, d)}{KeyOrder.Where(Table, KeyRange.All, d, ByBytes)}", ct).ConfigureAwait(false))[0];
        return (row[0], row[1]);
    }

    /// <summary>
    /// Every <paramref name="step"/>-th key of a range in key order, at most <paramref name="count"/> of them, one value
    /// per key column: where a range is split when its key is not split arithmetically. The database numbers the
    /// keys (row_number, in MySQL 8, MariaDB 10.2 and SQLite 3.25 on), so only the keys picked travel.
    /// </summary>
    public async Task<IReadOnlyList<object?[]>> KeysEveryAsync(KeyRange range, long step, int count, CancellationToken ct)
    {
        RoundTrips++;
        var d = _database.Dialect;
        var key = _pair.Key.Select(c => Table.Columns[c]).ToList();
        var (names, n) = (string.Join(", ", key.Select(c => d.Quote(c.Name))), d.Quote("key_number"));
        var sql = $"SELECT {names} FROM (SELECT {names}, row_number() OVER (ORDER BY {string.Join(", ", key.Select(ByBytes))}) AS {n}"
            + $" FROM {_hash.From(Table, d)}{KeyOrder.Where(Table, range, d, ByBytes)}) {d.Quote("numbered")}"
            + $" WHERE {n} % {step} = 0 AND {n} <= {step * count} ORDER BY {n}";
        var keys = await _database.QueryAsync(sql, ct).ConfigureAwait(false);
        RowsRead += keys.Count;
        return keys;
    }

    /// <summary>
    /// True when every value of the key columns <paramref name="columns"/> (uuids, decimals, times) compares in this
    /// side's SQL with a boundary's literal as <see cref="CanonicalOrder"/> orders them (<see cref="IRangeHash.KeyCheck"/>):
    /// one query counting the keys that do not.
    /// </summary>
    public async Task<bool> ComparesKeysAsync(IReadOnlyList<int> columns, CancellationToken ct)
    {
        var d = _database.Dialect;
        var checks = columns.Select(c => _hash.KeyCheck(Table.Columns[c], d)).ToList();
        if (checks.Any(check => check is null)) return false;
        RoundTrips++;
        var rows = await _database.QueryAsync($"SELECT count(*) FROM {_hash.From(Table, d)} WHERE NOT ({string.Join(" AND ", checks)})", ct).ConfigureAwait(false);
        return Convert.ToInt64(rows[0][0], System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    /// <summary>The rows of a range, a source's converted as the copy converts them (a refused value becomes its refusal).</summary>
    public IAsyncEnumerable<object?[]> RowsAsync(KeyRange range, bool ordered, CancellationToken ct)
    {
        RoundTrips++;
        return ReadAsync(range, ordered, ct);
    }

    private async IAsyncEnumerable<object?[]> ReadAsync(KeyRange range, bool ordered, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        // Texts as their UTF-8 bytes where the engine has them so: hashed and compared as bytes, never decoded.
        var read = new RowReadOptions { Verbatim = _pair.Verbatim, OrderedByKey = ordered, Within = range, TextAsUtf8 = true };
        var rows = _fromSource ? VerifyProgress.Counted(_database.ReadRowsAsync(Table, read, ct), _pair.Name, _progress, ct) : _database.ReadRowsAsync(Table, read, ct);
        await foreach (var row in Prefetch.ReadAhead(rows, ct, keepSession: true).ConfigureAwait(false))
        {
            RowsRead++;
            _pair.KeysAsValues(row);
            if (!_fromSource)
            {
                yield return row;
                continue;
            }
            // In place: each reader hands over a new array per row, and a value is read before its converted one is written.
            _pair.Convert(row, row);
            yield return row;
        }
    }

    private string ByBytes(Column column) => _hash.ByBytes(column, _database.Dialect);
}
