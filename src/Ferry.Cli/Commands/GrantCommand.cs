using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Errors;
using Ferry.Grants;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>ferry grant readonly URL --user NAME</c> makes a login that can only read and proves it; <c>ferry grant check URL</c>
/// proves whether the URL's user can write. Secrets come from the environment only, never the command line.
/// </summary>
public static class GrantCommand
{
    public static Command Create() => new("grant", "Make a read-only login and prove it, or check whether a URL's user can write")
    {
        ReadOnly(),
        Check(),
    };

    private static Command ReadOnly()
    {
        var url = CommonOptions.Url("url", "The database, connected to as a user allowed to create logins (postgres://…, mysql://…, libsql://…)");
        var user = new Option<string>("--user") { Description = "The login to create (PostgreSQL, MySQL/MariaDB)" };
        var passwordEnv = new Option<string>("--password-env")
        {
            Description = "The environment variable holding its password (default FERRY_READONLY_PASSWORD); never given on the command line",
            DefaultValueFactory = _ => "FERRY_READONLY_PASSWORD",
        };
        var tokenEnv = new Option<string>("--token-env") { Description = "libSQL: the environment variable holding a read-only JWT to prove" };
        var command = new Command("readonly", "Create a login that can only read (libSQL: prove a read-only token), then prove that the database refuses its writes")
        {
            url, user, passwordEnv, tokenEnv, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var target = CommonOptions.ParseTarget(parse, parse.GetValue(url)!);
            var environment = new EnvironmentSource(parse.GetValue(CommonOptions.EnvFile));
            var json = parse.GetValue(CommonOptions.Json);
            if (target.Engine == EngineKind.Libsql && parse.GetValue(tokenEnv) is { } tokenName)
            {
                var token = Secret(environment, tokenName, "token");
                var check = await ReadOnlyLogin.CheckAsync(target with { AuthToken = token }, CommonOptions.RetryWindow(parse), ct);
                if (!json) Console.Out.WriteLine($"libSQL has no users; checked the token in {tokenName} against {target.Redacted}:");
                return GrantRenderer.Write(check, json, Console.Out);
            }
            ReadOnlyLogin.RequireUsers(target);
            var name = parse.GetValue(user) ?? throw new FerryException(FerryErrorKind.Usage, "--user NAME names the login to create.");
            var variable = parse.GetValue(passwordEnv)!;
            var password = Secret(environment, variable, "password");
            var result = await ReadOnlyLogin.CreateAsync(target, name, password, CommonOptions.RetryWindow(parse), ct);
            if (!json) Console.Out.WriteLine($"Created the login {name} on {target.Redacted} with the password in {variable}; connected as it to prove it:");
            return GrantRenderer.Write(result, json, Console.Out);
        });
        return command;
    }

    private static Command Check()
    {
        var url = CommonOptions.Url("url", "The database and user to check (postgres://…, mysql://…, libsql://…?authToken=…, env:NAME)");
        var command = new Command("check", "Prove whether the URL's user can write: its privileges, and writes tried in a transaction that is rolled back (exit 0 only when it cannot)")
        {
            url, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var target = CommonOptions.ParseTarget(parse, parse.GetValue(url)!);
            var check = await ReadOnlyLogin.CheckAsync(target, CommonOptions.RetryWindow(parse), ct);
            return GrantRenderer.Write(check, parse.GetValue(CommonOptions.Json), Console.Out);
        });
        return command;
    }

    private static string Secret(EnvironmentSource environment, string variable, string what)
    {
        var value = environment.Get(variable);
        if (string.IsNullOrEmpty(value))
            throw new FerryException(FerryErrorKind.Usage, $"The {what} is read from the environment variable {variable}, which is not set.");
        SecretMasker.Register(value);
        return value;
    }
}
