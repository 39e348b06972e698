namespace Ferry.Values;

/// <summary>A stored text whose bytes are not valid UTF-8: carried as bytes so nothing is silently replaced.</summary>
public sealed record InvalidText(byte[] Bytes)
{
    public override string ToString() => "0x" + Convert.ToHexString(Bytes.Length > 32 ? Bytes[..32] : Bytes) + (Bytes.Length > 32 ? "…" : "");
}
