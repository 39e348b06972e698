using Xunit;
using Ferry.Engines;

namespace Ferry.Tests.Engines.Libsql;

/// <summary>A fresh namespace holding <see cref="LibsqlFixtureSchema"/>, shared by one test class.</summary>
public sealed class LibsqlFixture : IAsyncLifetime
{
    public SqldNamespace Namespace { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Namespace = await SqldNamespace.CreateAsync("ferry-schema");
        await using var database = await Namespace.OpenAsync(AccessMode.ReadWrite);
        await database.ExecuteAsync(LibsqlFixtureSchema.Sql, CancellationToken.None);
    }

    public async Task DisposeAsync() => await Namespace.DisposeAsync();
}
