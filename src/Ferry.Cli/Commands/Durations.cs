using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ferry.Cli.Commands;

/// <summary>Options that take a length of time as people write it: <c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1h</c>, or plain seconds.</summary>
public static partial class Durations
{
    /// <param name="zero">Whether 0 is a length this option takes (an overlap may be none; an interval may not).</param>
    /// <param name="recursive">Whether every subcommand takes it too.</param>
    public static Option<TimeSpan> Option(string name, string description, TimeSpan defaultValue, bool zero = false, bool recursive = false) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        Recursive = recursive,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (TryParse(text, out var value) && (value > TimeSpan.Zero || zero && value == TimeSpan.Zero)) return value;
            result.AddError($"{name} takes a length of time such as 500ms, 10s, 2m or 1h, not '{text}'.");
            return default;
        },
    };

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return false;
        value = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "m" or "min" => TimeSpan.FromMinutes(number),
            "h" => TimeSpan.FromHours(number),
            _ => TimeSpan.FromSeconds(number),
        };
        return true;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
