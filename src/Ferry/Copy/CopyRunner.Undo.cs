using Ferry.Errors;

namespace Ferry.Copy;

/// <summary>A copy stopped by a refused value: the target put back as it was found, or its state said.</summary>
public sealed partial class CopyRunner
{
    /// <summary>
    /// Drops the tables and schemas this run created and empties the tables it found empty, then forgets the journal,
    /// so the advice "run again with --rejects FILE" starts a clean copy. Where the run cannot be undone
    /// the journal stays, and the advice is to resume with --rejects.
    /// </summary>
    private async Task<CopyRefusedException> UndoAsync(CopyRefusedException refused, CopyJournal journal, CancellationToken ct)
    {
        const string Rejects = "--rejects FILE to copy the other rows and keep the refused ones in FILE";
        if (_undo.Irreversible is { } why)
            return new CopyRefusedException(refused.Table, refused.Refusal,
                $"{refused.Refusal}. Nothing of {refused.Table} was kept, but the target cannot be put back as it was ({why}): {journal.Describe()}. " +
                $"Run the same command with --resume {Rejects}.");
        try
        {
            // Referencing tables first: a foreign key added inside CREATE TABLE (SQLite) would block the drop.
            foreach (var table in _undo.CreatedTables.Reverse()) await target.ExecuteAsync(_ddl.DropTable(table), ct).ConfigureAwait(false);
            foreach (var table in _undo.EmptyBefore) await target.ExecuteAsync($"DELETE FROM {target.Dialect.Name(table.Schema, table.Name)}", ct).ConfigureAwait(false);
            // A schema this run made holds only what this run put there (its types, its tables): it goes whole.
            foreach (var schema in _undo.CreatedSchemas) await target.ExecuteAsync(_ddl.DropSchema(schema)!, ct).ConfigureAwait(false);
        }
        catch (FerryException e)
        {
            return new CopyRefusedException(refused.Table, refused.Refusal,
                $"{refused.Refusal}. Putting the target back failed ({e.Message.TrimEnd('.')}); it holds: {journal.Describe()}. Run the same command with --resume {Rejects}.");
        }
        journal.Delete();
        var undone = _undo.CreatedTables.Count == 0 ? "" : $" (the {_undo.CreatedTables.Count} tables this copy had created were dropped again)";
        return new CopyRefusedException(refused.Table, refused.Refusal,
            $"{refused.Refusal}. The target is as Ferry found it{undone}. Run again with {Rejects}.");
    }
}
