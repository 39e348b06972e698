namespace Ferry.Migrations.Rehearse;

/// <summary>
/// One table before and after the rehearsal: its rows in the target and in the scratch after the
/// migrations, whether a migration names it, and what is wrong, if anything. A table no migration names
/// must come out as it went in: same columns and keys, same rows counted.
/// </summary>
public sealed record TableCheck(string Table, long? RowsBefore, long? RowsAfter, bool Touched, string? Problem)
{
    public bool Ok => Problem is null;
}
