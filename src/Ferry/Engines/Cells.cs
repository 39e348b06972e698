using System.Globalization;

namespace Ferry.Engines;

/// <summary>
/// A catalog query's cells as numbers: drivers answer a count or a size as int, long or decimal depending on
/// the engine and the expression, and a catalog reader only needs the number.
/// </summary>
internal static class Cells
{
    public static long AsLong(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static long? AsLongOrNull(object? value) => value is null ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static double? AsDoubleOrNull(object? value) => value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);
}
