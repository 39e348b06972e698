using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>
/// What an interrupted copy had already added to a table before the kill, told by structure rather than
/// by an "already exists" error: a foreign key or unique key without a name of its own gets one from the
/// server (Character_ibfk_2 in MySQL, Conversation_userId_fkey1 in PostgreSQL), so adding it again
/// succeeds and leaves two.
/// </summary>
internal static class AlreadyAdded
{
    /// <summary>A table has one primary key: PostgreSQL refuses a second with 42P16, MySQL with 1068.</summary>
    public static bool HasPrimaryKey(Table? made) => made?.PrimaryKey is not null;

    public static bool Has(Table? made, ForeignKey fk) =>
        made is not null && made.ForeignKeys.Any(k => k.ReferencedTable == fk.ReferencedTable
            && k.Columns.SequenceEqual(fk.Columns, StringComparer.Ordinal) && k.ReferencedColumns.SequenceEqual(fk.ReferencedColumns, StringComparer.Ordinal));

    /// <summary>A unique key reads back as a constraint or, in MySQL, as a unique index.</summary>
    public static bool Has(Table? made, UniqueConstraint unique) =>
        made is not null && (made.Uniques.Any(u => u.Columns.SequenceEqual(unique.Columns, StringComparer.Ordinal))
            || made.Indexes.Any(i => i.Unique && i.Columns.SequenceEqual(unique.Columns, StringComparer.Ordinal)));

    /// <summary>Indexes always carry their name, so the name tells.</summary>
    public static bool Has(Table? made, Schema.Index index) => made is not null && made.Indexes.Any(i => i.Name == index.Name);

    /// <summary>Only a named check can be recognised: an unnamed one's expression reads back rewritten by the server.</summary>
    public static bool Has(Table? made, CheckConstraint check) => made is not null && check.Name is not null && made.Checks.Any(c => c.Name == check.Name);
}
