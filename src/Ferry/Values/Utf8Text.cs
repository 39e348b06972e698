using System.Text;

namespace Ferry.Values;

/// <summary>
/// A text as the UTF-8 bytes its source stored, already checked to be valid. Where both ends speak
/// UTF-8 (SQLite to PostgreSQL) the copy passes these bytes through: turning them into a .NET string
/// and back cost more CPU than anything else it did per row. Read only when asked for
/// (<see cref="RowReadOptions.TextAsUtf8"/>); <see cref="ToString"/> gives the string.
/// </summary>
public sealed class Utf8Text(byte[] bytes)
{
    public byte[] Bytes => bytes;

    public override string ToString() => Encoding.UTF8.GetString(bytes);
}
