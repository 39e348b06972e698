using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;

namespace Ferry.Sync;

/// <summary>
/// A stored mark is spliced into the source's SQL, so it must be what the source wrote: one literal (a quoted
/// string, a number, a blob, NULL), never a name, a call or a second statement. It lives on the target, where
/// someone with write access there must not gain a way to run SQL on the source.
/// </summary>
internal static class MarkLiteral
{
    public static string Checked(string literal, EngineKind engine, string table)
    {
        var flavor = engine switch { EngineKind.Postgres => SqlFlavor.Postgres, EngineKind.MySql => SqlFlavor.MySql, _ => SqlFlavor.Sqlite };
        var tokens = SqlTokenizer.Tokenize(literal, flavor);
        var i = tokens.Count > 0 && tokens[0].Kind == TokenKind.Other && tokens[0].Text is "-" or "+" ? 1 : 0;
        var one = (tokens.Count - i) switch
        {
            1 => tokens[i].Kind is TokenKind.String or TokenKind.Number || tokens[i].Is("NULL"),
            // A blob, X'…'; a number's exponent, 1.5e+20 (the tokenizer stops at the sign).
            2 => tokens[i].Text is "X" or "x" && tokens[i + 1].Kind == TokenKind.String,
            3 => tokens[i].Kind == TokenKind.Number && tokens[i + 1].Text is "+" or "-" && tokens[i + 2].Kind == TokenKind.Number,
            _ => false,
        };
        return one
            ? literal
            : throw new FerryException(FerryErrorKind.Failed,
                $"The watermark of {table} in {SyncState.TableName} is not one literal, so it is not run on the source; delete that table's rows there to sync it whole again.");
    }
}
