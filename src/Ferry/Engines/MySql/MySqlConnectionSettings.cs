using System.Globalization;
using Ferry.Connections;
using Ferry.Errors;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>The MySqlConnector connection string for a target: the URL's options, plus the settings Ferry depends on.</summary>
internal static class MySqlConnectionSettings
{
    /// <summary>Whether the URL demands TLS (ssl-mode=required or verify_*), so that a server without it is refused.</summary>
    public static bool DemandsTls(ConnectionTarget target) =>
        SslMode(Option(target, "ssl-mode", "sslmode", "ssl_mode")) is MySqlSslMode.Required or MySqlSslMode.VerifyCA or MySqlSslMode.VerifyFull;

    public static string For(ConnectionTarget target, AccessMode access)
    {
        var sslMode = SslMode(Option(target, "ssl-mode", "sslmode", "ssl_mode"));
        var builder = new MySqlConnectionStringBuilder
        {
            Server = target.Host ?? "localhost",
            Port = (uint)(target.Port ?? MySqlEngine.DefaultPort),
            Database = target.Database ?? "",
            UserID = target.User ?? "",
            Password = target.Password ?? "",
            SslMode = sslMode,
            // One connection per open database, held for its life: a pooled connection would carry
            // (or lose, on reset) the session's read-only mode and sql_mode between users.
            Pooling = false,
            // A tinyint(1) may hold any value from -128 to 127; reading it as bool would lose all but 0/1.
            TreatTinyAsBoolean = false,
            // No column is read as a Guid: a CHAR(36) of text is text and a BINARY(16) is its 16 bytes.
            GuidFormat = MySqlGuidFormat.None,
            // '0000-00-00' is a value MySQL lets tables hold: read as a MySqlDateTime it can be carried by
            // name (ConvertZeroDateTime would turn it into DateTime.MinValue, a real date it is not).
            AllowZeroDateTime = true,
            // LOAD DATA reads blobs into @variables; without this MySqlConnector takes @c7 for a missing parameter.
            AllowUserVariables = true,
            // Targets are bulk-loaded with LOAD DATA LOCAL INFILE (MySqlBulkLoader, from a stream); a source never is.
            AllowLoadLocalInfile = access == AccessMode.ReadWrite,
            // MySQL 8's caching_sha2_password needs the server's RSA key to send a password without TLS.
            // Fetching it unverified lets an active man-in-the-middle read the password, so Ferry does not
            // when the URL asks for a verified server; the URL can always say allowpublickeyretrieval=false.
            AllowPublicKeyRetrieval = Flag(Option(target, "allowpublickeyretrieval", "allow_public_key_retrieval", "allow-public-key-retrieval"))
                ?? sslMode is not (MySqlSslMode.VerifyCA or MySqlSslMode.VerifyFull),
        };
        if (Option(target, "connect_timeout", "connect-timeout", "connecttimeout", "connectiontimeout") is { } timeout)
        {
            builder.ConnectionTimeout = uint.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? seconds
                : throw new FerryException(FerryErrorKind.Usage, $"connect_timeout={timeout} in {target.Redacted} is not a whole number of seconds.");
        }
        return builder.ConnectionString;
    }

    private static MySqlSslMode SslMode(string? value) => value?.Trim().ToLowerInvariant().Replace('-', '_') switch
    {
        // Preferred falls back to plain TCP when the server offers no TLS (a default MariaDB build).
        null or "" or "preferred" or "prefer" => MySqlSslMode.Preferred,
        "disabled" or "disable" or "none" or "false" or "0" => MySqlSslMode.None,
        "required" or "require" or "true" or "1" => MySqlSslMode.Required,
        "verify_ca" => MySqlSslMode.VerifyCA,
        "verify_identity" or "verify_full" => MySqlSslMode.VerifyFull,
        _ => throw new FerryException(FerryErrorKind.Usage,
            $"ssl-mode={value} is not one of disabled, preferred, required, verify_ca, verify_identity."),
    };

    private static bool? Flag(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "1" or "true" or "yes" or "on" => true,
        _ => false,
    };

    private static string? Option(ConnectionTarget target, params string[] names)
    {
        foreach (var name in names)
            if (target.Options.TryGetValue(name, out var value)) return value;
        return null;
    }
}
