namespace Ferry.Migrations.Lint;

/// <summary>
/// The ids of what <c>ferry migrate lint</c> flags: changes that lose data, or that fail or lock a table
/// in use, once the database holds rows. A file acknowledges one with <c>-- ferry:allow ID</c>.
/// </summary>
public static class LintRules
{
    public const string DropTable = "drop-table";
    public const string DropColumn = "drop-column";
    public const string NarrowType = "narrow-type";
    public const string NotNullWithoutDefault = "not-null-without-default";
    public const string RenameAsDropAdd = "rename-as-drop-add";
    public const string IndexNotConcurrent = "index-not-concurrent";

    public static readonly IReadOnlyList<string> All =
        [DropTable, DropColumn, NarrowType, NotNullWithoutDefault, RenameAsDropAdd, IndexNotConcurrent];
}
