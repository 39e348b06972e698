using System.Buffers;
using Ferry.Copy;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Verify;

/// <summary>
/// One source table and the target table it was copied into, column by column, with what makes their
/// values comparable: each column's type under Ferry's mapping and the conversion a copy gives its values.
/// A source value is encoded as the copy would have written it; a target value as it is read back.
/// </summary>
internal sealed class TablePair
{
    public required string Name { get; init; }
    /// <summary>The source table, only the columns both sides have, in pairing order.</summary>
    public required Table Source { get; init; }
    /// <summary>The target table, the same columns in the same order.</summary>
    public required Table Target { get; init; }
    public required NeutralType[] Types { get; init; }
    public required Conversion[] Converters { get; init; }
    /// <summary>
    /// A same-engine copy carried the values as stored: both sides are read verbatim, as the copy read them,
    /// and compared as what they are (<see cref="Canonical.StoredType"/>), not as a planned type.
    /// </summary>
    public required bool Verbatim { get; init; }
    /// <summary>True where every value of a column is its declared type (PostgreSQL, MySQL), not any storage class (SQLite).</summary>
    public bool Declared { get; init; }

    /// <summary>Indices of the primary key's columns; empty when either side lacks them.</summary>
    public required int[] Key { get; init; }

    public static TablePair Of(TablePlan plan, Table target, Connections.EngineKind targetEngine, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var source = new List<Column>();
        var written = new List<Column>();
        var types = new List<NeutralType>();
        var converters = new List<Conversion>();
        for (var c = 0; c < plan.Written.Columns.Count; c++)
        {
            var name = plan.Written.Columns[c].Name;
            var there = target.Columns.FirstOrDefault(t => string.Equals(t.Name, name, comparison));
            // A column on one side only is a schema difference (SchemaComparison); the content compares the rest.
            if (there is null) continue;
            source.Add(plan.Source.Columns[c]);
            written.Add(there);
            types.Add(ComparedAs(plan.Choices[c].Type, there.Type));
            converters.Add(Conversion.For(plan.Choices[c], targetEngine));
        }
        var keyNames = plan.Source.PrimaryKey?.Columns ?? [];
        var key = keyNames.Select(k => source.FindIndex(c => c.Name == k)).ToArray();
        return new TablePair
        {
            Name = plan.Target.Name,
            Source = plan.Source with { Columns = source },
            Target = target with { Columns = written, PrimaryKey = key.Length > 0 && key.All(i => i >= 0) ? new PrimaryKey(null, key.Select(i => written[i].Name).ToList()) : null },
            Types = [.. types],
            Converters = [.. converters],
            Verbatim = plan.Verbatim,
            Declared = targetEngine is Connections.EngineKind.Postgres or Connections.EngineKind.MySql,
            Key = key.Length > 0 && key.All(i => i >= 0) ? key : [],
        };
    }

    /// <summary>
    /// The primary keys alone of a table and its target, each value compared as the target's declared type holds it:
    /// what a sync compares to find deleted rows, where no copy plan is at hand and only keys must travel.
    /// </summary>
    public static TablePair KeysOf(Table source, Table target, Connections.EngineKind targetEngine)
    {
        var names = source.PrimaryKey!.Columns;
        var written = names.Select(n => target.FindColumn(n)!).ToList();
        var choices = written.Select(Copy.TypeChooser.Declared).ToList();
        return new TablePair
        {
            Name = target.Name,
            Source = source with { Columns = names.Select(n => source.FindColumn(n)!).ToList(), Filter = null },
            Target = target with { Columns = written, PrimaryKey = new PrimaryKey(null, [.. names]) },
            Types = [.. choices.Select(c => c.Type)],
            Converters = [.. choices.Select(c => Conversion.For(c, targetEngine))],
            Verbatim = false,
            Key = [.. Enumerable.Range(0, names.Count)],
        };
    }

    /// <summary>
    /// A text facing a JSON column (SQLite's TEXT against jsonb, made by another tool) is compared as JSON, as jsonb
    /// holds it: whitespace and key order are not differences, a changed value is.
    /// </summary>
    public static NeutralType ComparedAs(NeutralType copied, NeutralType there) => TextAgainstJson(copied, there) ? NeutralType.Json : copied;

    public static bool TextAgainstJson(NeutralType a, NeutralType b) =>
        (a, b) is (NeutralType.Text, NeutralType.Json) or (NeutralType.Json, NeutralType.Text);

    /// <summary>
    /// The source row as the copy would have written it, into <paramref name="converted"/>; the column and
    /// reason of the first value no target value can equal, or null.
    /// </summary>
    public (int Column, string Reason)? Convert(object?[] row, object?[] converted)
    {
        for (var c = 0; c < Converters.Length; c++)
        {
            try
            {
                converted[c] = Converters[c].Apply(row[c]);
            }
            catch (ValueRefusedException refused)
            {
                converted[c] = new Refusal(refused.Message);
                // The columns after it are not converted: none of them is compared as if it were.
                Array.Clear(converted, c + 1, converted.Length - c - 1);
                return (c, refused.Message);
            }
        }
        return null;
    }

    /// <summary>The canonical encoding of one value of column <paramref name="c"/>: a refused source value encodes as its refusal, equal to nothing a target holds.</summary>
    public void Encode(ArrayBufferWriter<byte> into, object? value, int c)
    {
        if (value is Refusal refusal)
        {
            into.Write<byte>([0xFF]);
            into.Write(System.Text.Encoding.UTF8.GetBytes(refusal.Reason));
            return;
        }
        Canonical.Append(into, value, Verbatim ? Canonical.StoredType(value) : Types[c]);
    }

    public void Encode(ArrayBufferWriter<byte> into, object?[] row)
    {
        for (var c = 0; c < row.Length; c++) Encode(into, row[c], c);
    }

    /// <summary>
    /// A row's <see cref="HashText"/>, source rows converted first: what verify's range checksums hash, and what
    /// PostgreSQL and MySQL write in SQL for a side they hash themselves.
    /// </summary>
    public void HashRow(ArrayBufferWriter<byte> into, object?[] row)
    {
        for (var c = 0; c < row.Length; c++)
        {
            if (row[c] is Refusal refusal) HashText.AppendRefused(into, refusal.Reason);
            else HashText.Append(into, row[c], Verbatim ? Canonical.StoredType(row[c]) : Types[c]);
        }
    }

    /// <summary>
    /// A row read verbatim with its key values as what they are: MySQL's verbatim reading gives every value as the
    /// bytes of its text, and an integer or decimal key's text sorts "10" before "9" and "-2" after "-1". Both sides'
    /// keys become numbers (a decimal as the driver reads it, <see cref="DecimalFit.ExactOrText"/>) or texts again,
    /// so they order, split into ranges and show as keys do.
    /// </summary>
    public void KeysAsValues(object?[] row)
    {
        if (!Verbatim) return;
        foreach (var c in Key)
        {
            if (row[c] is not byte[] bytes) continue;
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            row[c] = Source.Columns[c].Type switch
            {
                NeutralType.Int16 or NeutralType.Int32 or NeutralType.Int64 when long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
                NeutralType.Decimal when DecimalFit.ExactOrText(text) is decimal m => m,
                NeutralType.Text when System.Text.Unicode.Utf8.IsValid(bytes) => text,
                _ => bytes,
            };
        }
    }

    /// <summary>Two rows' keys in <see cref="CanonicalOrder"/>, column by column.</summary>
    public int CompareKeys(object?[] a, object?[] b)
    {
        foreach (var c in Key)
        {
            var order = CompareKey(a[c], b[c], c);
            if (order != 0) return order;
        }
        return 0;
    }

    /// <summary>A row's key: its values of the key columns, in the key's order.</summary>
    public object?[] KeyOf(object?[] row) => [.. Key.Select(c => row[c])];

    /// <summary>
    /// Two keys (one value per key column, as <see cref="KeyOf"/> gives, or the first values of one, as a key range
    /// may end at) in <see cref="CanonicalOrder"/>: a key's first values sort before every key they begin.
    /// </summary>
    public int CompareKeyValues(IReadOnlyList<object?> a, IReadOnlyList<object?> b)
    {
        for (var k = 0; k < Math.Min(a.Count, b.Count); k++)
        {
            var order = CompareKey(a[k], b[k], Key[k]);
            if (order != 0) return order;
        }
        return a.Count.CompareTo(b.Count);
    }

    /// <summary>Two values of key column <paramref name="c"/> in <see cref="CanonicalOrder"/>.</summary>
    public int CompareKey(object? a, object? b, int c) => CanonicalOrder.Compare(a, b, Verbatim ? StoredOrder(a, b, c) : Types[c]);

    /// <summary>
    /// Two stored values of one kind compare as that kind (times by time). Of two kinds: in SQLite, as it orders
    /// storage classes; in a server engine, whose column holds its declared type, as that type, one of them a value
    /// past its range read as text (PostgreSQL's -Infinity, a BC date).
    /// </summary>
    private NeutralType StoredOrder(object? a, object? b, int c) =>
        Canonical.StoredType(a) is var type && type == Canonical.StoredType(b) ? type : Declared ? Types[c] : NeutralType.Unknown;

    public string KeyText(object?[] row) =>
        "(" + string.Join(", ", Key.Select(i => $"{Source.Columns[i].Name}={Display(row[i])}")) + ")";

    /// <summary>
    /// A value as a person compares it: texts quoted (so '' is not NULL and trailing spaces show); anything else
    /// as the rejects file writes it (<see cref="ValueText"/>: bytes in hex, times as ISO-8601 to the last digit).
    /// </summary>
    public static string Display(object? value) => value switch
    {
        null or DBNull => "NULL",
        Refusal r => $"(refused: {r.Reason})",
        string or Utf8Text or InvalidText => $"'{value}'",
        _ => ValueText.Of(value),
    };

    /// <summary>
    /// A value of column <paramref name="c"/> as <see cref="Display(object?)"/> shows it; one read verbatim as the
    /// bytes of its text (MySQL) shows as that text, quoted where the column holds texts.
    /// </summary>
    public string Display(object? value, int c) =>
        Verbatim && value is byte[] bytes && Source.Columns[c].Type != NeutralType.Blob && System.Text.Unicode.Utf8.IsValid(bytes)
            ? (Source.Columns[c].Type == NeutralType.Text ? Display(System.Text.Encoding.UTF8.GetString(bytes)) : System.Text.Encoding.UTF8.GetString(bytes))
            : Display(value);

    /// <summary>A source value the target's type cannot hold exactly.</summary>
    internal sealed record Refusal(string Reason);
}
