using System.Collections.Concurrent;

namespace Ferry.Connections;

/// <summary>
/// Remembers every password and token Ferry has been given, and removes them from any text about to
/// be shown. Driver error messages are not ours to trust, so the front end passes everything through
/// <see cref="Scrub"/> as a last line of defence, beside <see cref="ConnectionTarget.Redacted"/>.
/// </summary>
public static class SecretMasker
{
    public const string Mask = "****";

    // Shorter secrets would turn ordinary words into asterisks; they are still never printed by
    // Ferry's own code, which only ever prints redacted URLs.
    private const int MinimumLength = 3;

    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    public static void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumLength) return;
        Secrets.TryAdd(secret, 0);
        // URLs carry secrets percent-encoded; error messages may quote either form.
        var escaped = Uri.EscapeDataString(secret);
        if (escaped != secret) Secrets.TryAdd(escaped, 0);
    }

    /// <summary>The text with every registered secret replaced by <see cref="Mask"/>.</summary>
    public static string Scrub(string text)
    {
        // Longest first, so a secret that contains another is masked whole.
        foreach (var secret in Secrets.Keys.OrderByDescending(s => s.Length))
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>Query-string options whose values are secrets.</summary>
    public static bool IsSecretOption(string name) =>
        name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Equals("sslkey", StringComparison.OrdinalIgnoreCase)
        || name.Equals("sslpassword", StringComparison.OrdinalIgnoreCase);
}
