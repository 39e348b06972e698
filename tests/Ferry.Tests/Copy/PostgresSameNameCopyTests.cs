using Ferry.Copy;
using Ferry.Errors;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// A Supabase database holds auth.users beside public.users. A copy takes one table of a name at a time: both at once
/// are refused with the way to take each, and two runs (--tables 'auth.*', then 'public.*') carry both, the key between them too.
/// </summary>
public sealed class PostgresSameNameCopyTests
{
    private const string Supabase = """
        CREATE SCHEMA auth;
        CREATE TABLE auth.users (id uuid PRIMARY KEY, email text NOT NULL);
        CREATE TABLE public.users (id uuid PRIMARY KEY REFERENCES auth.users (id), name text);
        INSERT INTO auth.users VALUES ('0b4c1a5e-8f2d-4c3b-9a1e-7d6f5e4c3b2a', 'ann@example.com');
        INSERT INTO public.users VALUES ('0b4c1a5e-8f2d-4c3b-9a1e-7d6f5e4c3b2a', 'Ann');
        """;

    [Fact]
    public async Task TwoSchemasUsersGoOneRunEachWithTheKeyBetweenThem()
    {
        await using var source = await ScratchDatabase.PostgresAsync();
        await using var target = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(source.Target, Supabase);

        var both = await Assert.ThrowsAsync<FerryException>(() => CopyHarness.CopyAsync(source.Target, target.Target));
        Assert.StartsWith("Tables auth.users and public.users share the name users", both.Message, StringComparison.Ordinal);

        var auth = await CopyHarness.CopyAsync(source.Target, target.Target, new CopyOptions { Tables = ["auth.*"] });
        var app = await CopyHarness.CopyAsync(source.Target, target.Target, new CopyOptions { Tables = ["public.*"] });

        Assert.Empty(auth.Problems);
        Assert.Empty(app.Problems);
        Assert.Equal(["ann@example.com Ann"], (await CopyHarness.RowsAsync(target.Target,
            "SELECT a.email || ' ' || p.name FROM auth.users a JOIN public.users p USING (id)")).Select(r => (string)r[0]!));
        Assert.Equal(["FOREIGN KEY (id) REFERENCES auth.users(id)"], (await CopyHarness.RowsAsync(target.Target,
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'public.users'::regclass AND contype = 'f'")).Select(r => (string)r[0]!));
    }
}
