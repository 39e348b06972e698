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
            row = row.Select(v => v is null ? null : ValueText.Of(v)),
        });
        lock (_gate) _writer.WriteLine(line);
    }

    public void Dispose() => _writer.Dispose();
}
