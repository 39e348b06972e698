namespace Ferry.Engines;

/// <summary>
/// A stretch of a table's one-column primary key, from <see cref="From"/> (included) to <see cref="Until"/>
/// (not included), in <see cref="KeyOrder"/>'s order. A null end is open: an open start also takes the NULL
/// keys SQLite lets a key hold, which sort first. Ends are keys as readers give them: integers or texts.
/// </summary>
public sealed record KeyRange(object? From, object? Until)
{
    public static KeyRange All { get; } = new(null, null);
}
