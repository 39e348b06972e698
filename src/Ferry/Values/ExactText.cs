namespace Ferry.Values;

/// <summary>
/// A source value no CLR type holds exactly — a timestamp of 'infinity' or BC, a time with its UTC offset,
/// an interval that counts months — as the source's own text. A text column carries it as it is; every
/// other conversion refuses it by name (<see cref="Kind"/> and text in the reason), never approximates it.
/// </summary>
/// <param name="Kind">What the value is, as a reason names it: timestamp, date, time with time zone, interval.</param>
public sealed record ExactText(string Kind, string Text)
{
    public override string ToString() => Text;
}
