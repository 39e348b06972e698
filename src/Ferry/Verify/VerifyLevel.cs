namespace Ferry.Verify;

/// <summary>How deep <c>ferry verify</c> looks: each level does what the one before does, and more.</summary>
public enum VerifyLevel
{
    /// <summary>Tables, columns and row counts.</summary>
    Counts,
    /// <summary>A checksum of every table's content on each side, over the canonical encoding.</summary>
    Checksums,
    /// <summary>Checksums, then the rows that differ in each table whose checksums differ, named by key.</summary>
    Rows,
}
