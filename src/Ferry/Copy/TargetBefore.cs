using Ferry.Ddl;
using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>
/// Resuming: what the target held before this run changed anything — the tables the interrupted copy had
/// created, as it left them, and the views and triggers there. A resumed copy leaves out what is already
/// here instead of running the statement again and reading the refusal: SQLite has no code for "already
/// exists", a server's words are in its own language, and a key without a name of its own gets one from
/// the server (Character_ibfk_2, Conversation_userId_fkey1), so adding it again succeeds and leaves two.
/// </summary>
/// <param name="present">The target's tables the interrupted copy created (each the one in the plan's schema, where it keeps one).</param>
internal sealed class TargetBefore(DatabaseSchema schema, IReadOnlyList<Table> present)
{
    private readonly Dictionary<string, Table> _tables = present.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Whether what <paramref name="step"/> makes is there already, told by structure.</summary>
    public bool Has(DdlStep step)
    {
        var made = _tables.GetValueOrDefault(step.Table);
        return step.Subject switch
        {
            // A table has one primary key: PostgreSQL refuses a second with 42P16, MySQL with 1068.
            PrimaryKey => made?.PrimaryKey is not null,
            ForeignKey fk => made is not null && made.ForeignKeys.Any(k => k.ReferencedTable == fk.ReferencedTable
                && k.Columns.SequenceEqual(fk.Columns, StringComparer.Ordinal) && k.ReferencedColumns.SequenceEqual(fk.ReferencedColumns, StringComparer.Ordinal)),
            // A unique key reads back as a constraint or, in MySQL, as a unique index.
            UniqueConstraint unique => made is not null && (made.Uniques.Any(u => u.Columns.SequenceEqual(unique.Columns, StringComparer.Ordinal))
                || made.Indexes.Any(i => i.Unique && i.Columns.SequenceEqual(unique.Columns, StringComparer.Ordinal))),
            // Indexes always carry their name, so the name tells.
            Schema.Index index => made is not null && made.Indexes.Any(i => i.Name == index.Name),
            // Only a named check can be recognised: an unnamed one's expression reads back rewritten by the server.
            CheckConstraint check => made is not null && check.Name is not null && made.Checks.Any(c => c.Name == check.Name),
            // Views, triggers and functions are copied only within one engine, which writes their CREATE statements
            // alike on both sides: one the interrupted copy made reads back as the plan has it. Another one of
            // that name is not this copy's, and its CREATE is run to say so.
            View view => schema.Views.Any(v => v.Schema == view.Schema && v.Name == view.Name && v.Definition == view.Definition),
            Trigger trigger => schema.Triggers.Any(t => t.Name == trigger.Name && t.Table == trigger.Table && t.Definition == trigger.Definition),
            Function function => schema.Functions.Contains(function),
            // A policy reads back as the same statement; extensions (IF NOT EXISTS), row-level security and comments may simply run again.
            Policy policy => schema.Policies.Contains(policy),
            ViewIndex index => schema.Views.Any(v => v.Indexes.Contains(index)),
            // A sequence of that name with the same options: the interrupted copy made it (its position moves as it is used).
            Sequence sequence => schema.Sequences.Any(q => q.Schema == sequence.Schema && q.Name == sequence.Name && q.Options == sequence.Options),
            _ => false,
        };
    }
}
