using System.Security.Cryptography;
using System.Text;

namespace Ferry.Migrations;

/// <summary>
/// A file's fingerprint as drizzle-orm computes it (<c>crypto.createHash('sha256').update(text).digest('hex')</c>
/// over the file read as UTF-8 text), used for Ferry's own format too, so one rule tells an edited file in both.
/// </summary>
public static class MigrationHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The file's text as Node's <c>readFileSync().toString()</c> gives it: UTF-8, a byte-order mark kept
    /// as a character (File.ReadAllText would drop it, and the hash would no longer be drizzle's).
    /// </summary>
    public static string ReadText(string path) => Encoding.UTF8.GetString(System.IO.File.ReadAllBytes(path));
}
