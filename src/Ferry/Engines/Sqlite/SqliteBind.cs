using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Ferry.Values;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Binds one value to a prepared statement's slot in the storage class it arrived as, by direct native
/// calls: a text's bytes as they are (also when they are not valid UTF-8, or hold NUL), which no
/// Microsoft.Data.Sqlite parameter can do, and without its per-value type dispatch.
/// </summary>
internal static class SqliteBind
{
    private const int Ok = 0;

    /// <returns>SQLite's result code; anything but 0 is an error the caller reports.</returns>
    /// <param name="scratch">Reused for the UTF-8 of strings, grown as needed.</param>
    public static int Value(IntPtr statement, int slot, object? value, ref byte[] scratch) => value switch
    {
        null or DBNull => SqliteNative.BindNull(statement, slot),
        long l => SqliteNative.BindInt64(statement, slot, l),
        double d => SqliteNative.BindDouble(statement, slot, double.IsNaN(d) ? throw NaN() : d),
        string s => Text(statement, slot, s, ref scratch),
        Utf8Text t => Bytes(statement, slot, t.Bytes, text: true),
        InvalidText t => Bytes(statement, slot, t.Bytes, text: true),
        byte[] b => Bytes(statement, slot, b, text: false),
        int or short or sbyte or byte or ushort or uint => SqliteNative.BindInt64(statement, slot, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        float f => Value(statement, slot, (double)f, ref scratch),
        char c => Text(statement, slot, c.ToString(), ref scratch),
        bool or DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan or decimal or Guid => Value(statement, slot, SqliteBulkWriter.ToSqlite(value), ref scratch),
        _ => throw new InvalidOperationException($"SQLite has no storage class for a {value.GetType().Name}."),
    };

    private static int Text(IntPtr statement, int slot, string s, ref byte[] scratch)
    {
        var most = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (most > scratch.Length) scratch = new byte[Math.Max(most, scratch.Length * 2)];
        var length = Encoding.UTF8.GetBytes(s, scratch);
        return SqliteNative.BindText(statement, slot, ref MemoryMarshal.GetArrayDataReference(scratch), length, SqliteNative.Transient);
    }

    // An empty array's data reference is still a valid address, so an empty text or blob is not NULL.
    private static int Bytes(IntPtr statement, int slot, byte[] bytes, bool text) => text
        ? SqliteNative.BindText(statement, slot, ref MemoryMarshal.GetArrayDataReference(bytes), bytes.Length, SqliteNative.Transient)
        : SqliteNative.BindBlob(statement, slot, ref MemoryMarshal.GetArrayDataReference(bytes), bytes.Length, SqliteNative.Transient);

    // Microsoft.Data.Sqlite refused NaN the same way; SQLite itself would store it as NULL.
    private static InvalidOperationException NaN() => new("Cannot store 'NaN' values.");

    public static bool Succeeded(int rc) => rc == Ok;
}
