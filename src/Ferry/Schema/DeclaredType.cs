using System.Text.RegularExpressions;

namespace Ferry.Schema;

/// <summary>The size modifiers of a declared type: <c>varchar(255)</c>, <c>decimal(10, 2)</c>.</summary>
public static partial class DeclaredType
{
    public static (int? First, int? Second) Modifiers(string declared)
    {
        var match = ModifierPattern().Match(declared);
        if (!match.Success) return (null, null);
        int? second = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), second);
    }

    [GeneratedRegex(@"\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)")]
    private static partial Regex ModifierPattern();
}
