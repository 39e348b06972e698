namespace Ferry.Engines.MySql;

/// <summary>A table's SHOW CREATE TABLE text, run on a MySQL target as written but for its foreign keys.</summary>
internal static class MySqlTableDefinition
{
    /// <summary>
    /// The statement without its <c>CONSTRAINT `name` FOREIGN KEY</c> lines: the copy adds foreign keys after
    /// every table is loaded, and a referenced table may not exist yet. SHOW CREATE TABLE writes one column,
    /// key or constraint per line, each but the last ending in a comma, and the closing line starts with ')'.
    /// The AUTO_INCREMENT=N option stays: the counter is the source's, ahead of the largest key where rows were deleted.
    /// </summary>
    public static string WithoutForeignKeys(string definition)
    {
        var lines = definition.Split('\n').ToList();
        var removed = lines.RemoveAll(IsForeignKey);
        if (removed == 0) return definition;
        var closing = lines.FindIndex(1, l => l.StartsWith(')'));
        if (closing > 0 && lines[closing - 1].EndsWith(',')) lines[closing - 1] = lines[closing - 1][..^1];
        return string.Join('\n', lines);
    }

    /// <summary>"  CONSTRAINT `name` FOREIGN KEY …", its name skipped as quoted (a doubled backtick is one).</summary>
    private static bool IsForeignKey(string line)
    {
        const string Start = "  CONSTRAINT `";
        if (!line.StartsWith(Start, StringComparison.Ordinal)) return false;
        var i = Start.Length;
        while (i < line.Length)
        {
            if (line[i] == '`' && (i + 1 >= line.Length || line[i + 1] != '`')) break;
            i += line[i] == '`' ? 2 : 1;
        }
        return line.AsSpan(i + 1).StartsWith(" FOREIGN KEY ", StringComparison.Ordinal);
    }
}
