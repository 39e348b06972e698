namespace Ferry.Schema;

/// <summary>One column, as its engine declares it and as Ferry understands it.</summary>
public sealed record Column
{
    public required string Name { get; init; }

    /// <summary>The type exactly as the engine states it (<c>varchar(255)</c>, <c>DATETIME</c>, <c>""</c>).</summary>
    public required string DeclaredType { get; init; }

    public required NeutralType Type { get; init; }

    /// <summary>Length, precision and scale when the declaration states them.</summary>
    public int? Length { get; init; }
    public int? Precision { get; init; }
    public int? Scale { get; init; }

    public bool Nullable { get; init; } = true;

    /// <summary>The default as an expression in the engine's dialect (<c>CURRENT_TIMESTAMP</c>, <c>'x'</c>, <c>nextval(...)</c>).</summary>
    public string? Default { get; init; }

    /// <summary>The expression of a generated column, and whether it is stored.</summary>
    public string? GeneratedExpression { get; init; }
    public bool GeneratedStored { get; init; }

    public string? Collation { get; init; }

    /// <summary>How the engine fills this column on insert: SQLite rowid alias or AUTOINCREMENT, identity, serial, AUTO_INCREMENT.</summary>
    public Identity Identity { get; init; } = Identity.None;
}
