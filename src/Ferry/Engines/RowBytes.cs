using Ferry.Values;
namespace Ferry.Engines;

/// <summary>
/// Roughly how many bytes a row holds in memory: batches are bounded by bytes as well as by rows, so
/// a thousand rows of 1 MiB blobs do not become one gigabyte in flight.
/// </summary>
public static class RowBytes
{
    public static long Estimate(object?[] row)
    {
        long bytes = 16 + 8L * row.Length;
        foreach (var value in row)
            bytes += value switch
            {
                null => 0,
                string s => 2L * s.Length + 24,
                byte[] b => b.Length + 24,
                InvalidText t => t.Bytes.Length + 24,
                Utf8Text t => t.Bytes.Length + 24,
                _ => 24,
            };
        return bytes;
    }
}
