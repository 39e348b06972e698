using System.Globalization;

namespace Ferry.Values;

/// <summary>
/// Whether a number written out in digits survives a target's decimal type unchanged: MySQL's
/// decimal(p,s) (which LOAD DATA would clamp or round with only a warning) and SQLite's NUMERIC
/// affinity (which keeps a 64-bit integer or a double, so more digits are rounded).
/// </summary>
internal static class DecimalFit
{
    /// <summary>The not-a-number values PostgreSQL's numeric has and no decimal type elsewhere does.</summary>
    public static bool IsSpecial(string text) => text is "NaN" or "Infinity" or "-Infinity";

    /// <summary>Characters (digits, sign and point) whose number System.Decimal always holds exactly: 28 of its 28–29 digits.</summary>
    private const int ExactDecimalChars = 28;

    /// <summary>
    /// A decimal when System.Decimal holds every digit of <paramref name="text"/>, else the text itself: decimal.Parse
    /// rounds what does not fit (1.123456789012345678901234567891 loses its last digits) without a word. How MySQL's
    /// DECIMAL is read, whether from the driver or from the bytes of its text as a same-engine pair reads a key.
    /// </summary>
    public static object ExactOrText(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return text;
        // Past the short texts, the digits TryParse kept must be all there were.
        return text.Length <= ExactDecimalChars || Significant(value.ToString(CultureInfo.InvariantCulture)) == Significant(text) ? value : text;
    }

    /// <summary>The text without the trailing zeros of its fraction, which change no value.</summary>
    private static string Significant(string text) => text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;

    /// <summary>Plain decimal text: an optional sign, digits, at most one point; no exponent.</summary>
    public static bool IsPlain(string text)
    {
        var body = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        var point = body.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? body : body.Remove(point, 1);
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) && body.IndexOf('.', point + 1) < 0;
    }

    /// <summary>Digits before the point (leading zeros aside) and after it (trailing zeros aside) of plain text.</summary>
    public static (int Whole, int Fraction) Digits(string plain)
    {
        var body = plain.TrimStart('-', '+');
        var point = body.IndexOf('.', StringComparison.Ordinal);
        var whole = (point < 0 ? body : body[..point]).TrimStart('0').Length;
        var fraction = point < 0 ? 0 : body[(point + 1)..].TrimEnd('0').Length;
        return (whole, fraction);
    }

    /// <summary>
    /// Null when SQLite's NUMERIC affinity stores <paramref name="plain"/> as the same number (an integer
    /// in 64 bits, or a double whose shortest text is the same number); otherwise the double it would store.
    /// </summary>
    public static string? SqliteChange(string plain)
    {
        var (_, fraction) = Digits(plain);
        if (fraction == 0 && long.TryParse(plain.Split('.')[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return null;
        var real = double.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
        // One spelling per number, as the canonical encoding writes it: 1.50 and 1.5 are one number.
        return Values.Canonical.NumberText(real) == Values.Canonical.NumberText(plain) ? null : real;
    }

    /// <summary>
    /// A normalised number (<see cref="Canonical.NumberText"/>) rounded half away from zero to
    /// <paramref name="scale"/> fraction digits, as PostgreSQL's numeric(p,s) and MySQL's decimal(p,s) keep it.
    /// </summary>
    public static string Rounded(string normal, int scale)
    {
        var point = normal.IndexOf('.', StringComparison.Ordinal);
        if (point < 0 || normal.Length - point - 1 <= scale) return normal;
        var negative = normal.StartsWith('-');
        var kept = normal[(negative ? 1 : 0)..point] + normal[(point + 1)..(point + 1 + scale)];
        var digits = System.Numerics.BigInteger.Parse(kept, CultureInfo.InvariantCulture) + (normal[point + 1 + scale] >= '5' ? 1 : 0);
        var text = digits.ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var plain = (negative ? "-" : "") + (scale == 0 ? text : text[..^scale] + "." + text[^scale..]);
        return Canonical.NumberText(plain);
    }
}
