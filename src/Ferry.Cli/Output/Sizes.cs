using System.Globalization;

namespace Ferry.Cli.Output;

public static class Sizes
{
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB"];

    /// <summary>Bytes for people: 1,536 → "1.5 KB".</summary>
    public static string Human(long? bytes)
    {
        if (bytes is null) return "—";
        double value = bytes.Value;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1) { value /= 1024; unit++; }
        return unit == 0 ? $"{bytes} B" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
