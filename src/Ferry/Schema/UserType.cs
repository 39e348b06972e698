namespace Ferry.Schema;

public enum UserTypeKind
{
    /// <summary>CREATE TYPE … AS ENUM: its labels, in their order.</summary>
    Enum,
    /// <summary>CREATE DOMAIN: a base type with its own default, NOT NULL and checks.</summary>
    Domain,
    /// <summary>A type an extension brings (citext): made by CREATE EXTENSION, not by Ferry.</summary>
    Extension,
}

/// <summary>
/// A PostgreSQL type of the user's (or of an extension) that a table's column is declared with, directly,
/// as an array's element or as a domain's base: the target needs it before the table.
/// </summary>
public sealed record UserType
{
    public required string Schema { get; init; }
    public required string Name { get; init; }
    public required UserTypeKind Kind { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>A domain's base type as format_type writes it.</summary>
    public string? BaseType { get; init; }
    public string? Default { get; init; }
    public bool NotNull { get; init; }
    /// <summary>A domain's checks, each as pg_get_constraintdef writes it: <c>CHECK ((VALUE &gt; 0))</c>.</summary>
    public IReadOnlyList<CheckConstraint> Checks { get; init; } = [];
    /// <summary>The extension the type belongs to.</summary>
    public string? Extension { get; init; }
}
