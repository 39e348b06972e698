using System.Globalization;

namespace Ferry.Values;

/// <summary>
/// A value as Ferry shows it anywhere a person or a file reads it (a refused row, a key, a difference verify names,
/// a query's output): whole and in one form whatever the culture — a timestamp to its last fraction as ISO-8601, an
/// interval as ISO-8601, bytes as hex — never a culture's short form that drops the fraction.
/// </summary>
public static class ValueText
{
    public static string Of(object value) => value switch
    {
        byte[] b => "0x" + Convert.ToHexString(b),
        TimeSpan t => IsoDuration.Format(t),
        _ => IsoText.Format(value) ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
