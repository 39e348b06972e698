namespace Ferry.Migrations;

/// <summary>The migrations of one folder, in the order they apply, and the format that decides how they are recorded.</summary>
public sealed record MigrationSet(string Directory, MigrationFormat Format, IReadOnlyList<Migration> Migrations)
{
    /// <summary>The migration whose file name starts with <paramref name="version"/> (<c>3</c> and <c>0003</c> alike).</summary>
    public Migration? Find(string version) =>
        long.TryParse(version, out var number)
            ? Migrations.FirstOrDefault(m => long.TryParse(m.Version, out var v) && v == number)
            : null;

    /// <summary>The migration <see cref="Find"/> finds, or a refusal naming the version (for <c>--to</c>).</summary>
    public Migration Require(string version) =>
        Find(version) ?? throw new Errors.FerryException(Errors.FerryErrorKind.Usage, $"There is no migration {version} in {Directory}.");
}
