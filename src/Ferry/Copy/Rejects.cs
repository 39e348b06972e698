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
            row = row.Select(Text),
        });
        lock (_gate) _writer.WriteLine(line);
    }

    /// <summary>
    /// A value as text that loses nothing: bytes as hex, times as ISO-8601 to the tenth of a microsecond and
    /// durations as ISO durations (the invariant culture's text drops fractions of a second and writes 01/02/2024).
    /// </summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        byte[] b => "0x" + Convert.ToHexString(b),
        TimeSpan t => IsoDuration.Format(t),
        _ => IsoText.Format(value) ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    public void Dispose() => _writer.Dispose();
}
