using System.Globalization;
using System.Text.Json;
using Ferry.Values;

namespace Ferry.Copy;

/// <summary>
/// Refused rows, one JSON object a line: table, key, column, reason and the whole row as text, so
/// nothing refused is lost and each line can be fixed and loaded by hand.
/// </summary>
public sealed class Rejects : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public Rejects(string path)
    {
        Path = path;
        _writer = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    public string Path { get; }

    public void Add(string table, string key, string column, string reason, object?[] row)
    {
        var line = JsonSerializer.Serialize(new
        {
            table,
            key,
            column,
            reason,
            row = row.Select(v => v is null ? null : Text(v)),
        });
        lock (_gate) _writer.WriteLine(line);
    }

    /// <summary>
    /// A value as a refusal writes it, in its row and its key: whole and in one form whatever the culture
    /// (a timestamp to its last fraction as ISO-8601, an interval as ISO-8601, bytes as hex), never a
    /// culture's short form that drops the fraction.
    /// </summary>
    public static string Text(object value) => value switch
    {
        byte[] b => "0x" + Convert.ToHexString(b),
        TimeSpan t => IsoDuration.Format(t),
        _ => IsoText.Format(value) ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public void Dispose() => _writer.Dispose();
}
