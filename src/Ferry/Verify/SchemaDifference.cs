namespace Ferry.Verify;

/// <summary>What part of a table's shape a <see cref="SchemaDifference"/> is about.</summary>
public enum SchemaPart
{
    Column,
    Type,
    Nullability,
    PrimaryKey,
    UniqueKey,
    Index,
    ForeignKey,
    Check,
}

/// <summary>
/// One difference of shape between a source table and its target: a column, key, index, foreign key or check on
/// one side only, or a column whose type or nullability is not what a copy from this source would have made.
/// <see cref="Object"/> names it (a column, or columns as "(a, b)", a foreign key as "(a) → other(id)"), not by
/// the name the engine gave it: two tools name the same index differently.
/// </summary>
/// <param name="Source">What the source has (for a type: what a copy makes of it on the target's engine), or null when only the target has it.</param>
/// <param name="Target">What the target has, or null when only the source has it.</param>
public sealed record SchemaDifference(string Table, SchemaPart Part, string Object, string? Source, string? Target)
{
    /// <summary>
    /// A column on one side only is a difference of content too: its values are not there. Everything else is
    /// of shape alone, which <c>--allow-schema-differences</c> lets pass.
    /// </summary>
    public bool AboutContent => Part == SchemaPart.Column;

    /// <summary>One sentence, without the table: the renderer and --json say the same.</summary>
    public string Text => Part switch
    {
        SchemaPart.Column => $"column {Object} is only in the {(Source is null ? "target" : "source")}",
        SchemaPart.Type => $"column {Object} is {Target} in the target; a copy makes it {Source}",
        SchemaPart.Nullability => $"column {Object} is {Target} in the target, {Source} in the source",
        // Against the copy's plan, not the source: a SQLite key holding NULLs is one no copy can make.
        SchemaPart.PrimaryKey => $"primary key is {Target ?? "none"} in the target; a copy makes {Source ?? "none"}",
        _ => $"{Noun} {Object} is only in the {(Source is null ? "target" : "source")}",
    };

    private string Noun => Part switch
    {
        SchemaPart.UniqueKey => "unique key",
        SchemaPart.Index => "index",
        SchemaPart.ForeignKey => "foreign key",
        _ => "check",
    };
}
