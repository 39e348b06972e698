using System.Runtime.InteropServices;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// The few SQLite calls the row-reading and row-writing loops make per value, bound straight to the bundled library.
/// Through SQLitePCL each call also takes and releases a SafeHandle; at seven columns a row that was
/// a fifth of the reading thread's time. The statement's handle is held open by its owner meanwhile.
/// </summary>
/// <remarks>
/// None of these functions blocks or calls back into .NET (the row is already in memory after a step;
/// a bound value is copied by SQLite), so they skip the GC transition. <see cref="Step"/> can wait for
/// the disk and keeps it.
/// </remarks>
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    public const int Integer = 1, Float = 2, Text = 3, Blob = 4, Null = 5;
    public const int Row = 100, Done = 101;

    [DllImport(Library, EntryPoint = "sqlite3_step")]
    public static extern int Step(IntPtr statement);

    [DllImport(Library, EntryPoint = "sqlite3_column_type"), SuppressGCTransition]
    public static extern int ColumnType(IntPtr statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_int64"), SuppressGCTransition]
    public static extern long ColumnInt64(IntPtr statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_double"), SuppressGCTransition]
    public static extern double ColumnDouble(IntPtr statement, int column);

    /// <summary>The value as UTF-8, converted by SQLite if the file stores UTF-16; valid until the next step.</summary>
    [DllImport(Library, EntryPoint = "sqlite3_column_text"), SuppressGCTransition]
    public static extern IntPtr ColumnText(IntPtr statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_blob"), SuppressGCTransition]
    public static extern IntPtr ColumnBlob(IntPtr statement, int column);

    /// <summary>Bytes of the text or blob just fetched: called after <see cref="ColumnText"/> or <see cref="ColumnBlob"/>, as SQLite asks.</summary>
    [DllImport(Library, EntryPoint = "sqlite3_column_bytes"), SuppressGCTransition]
    public static extern int ColumnBytes(IntPtr statement, int column);

    /// <summary>SQLITE_TRANSIENT: SQLite copies a bound text or blob before the call returns.</summary>
    public static readonly IntPtr Transient = new(-1);

    [DllImport(Library, EntryPoint = "sqlite3_reset")]
    public static extern int Reset(IntPtr statement);

    [DllImport(Library, EntryPoint = "sqlite3_bind_null"), SuppressGCTransition]
    public static extern int BindNull(IntPtr statement, int slot);

    [DllImport(Library, EntryPoint = "sqlite3_bind_int64"), SuppressGCTransition]
    public static extern int BindInt64(IntPtr statement, int slot, long value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_double"), SuppressGCTransition]
    public static extern int BindDouble(IntPtr statement, int slot, double value);

    /// <summary>
    /// Text as the bytes given, <paramref name="length"/> of them: SQLite checks no encoding and stops at no NUL.
    /// A reference, never null: with a null pointer SQLite would store NULL instead of an empty text (or blob).
    /// </summary>
    [DllImport(Library, EntryPoint = "sqlite3_bind_text"), SuppressGCTransition]
    public static extern int BindText(IntPtr statement, int slot, ref byte text, int length, IntPtr destructor);

    [DllImport(Library, EntryPoint = "sqlite3_bind_blob"), SuppressGCTransition]
    public static extern int BindBlob(IntPtr statement, int slot, ref byte blob, int length, IntPtr destructor);
}
