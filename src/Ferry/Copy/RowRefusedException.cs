namespace Ferry.Copy;

/// <summary>Thrown by a value converter: this value cannot be written as it is. The copy adds table, key and column.</summary>
public sealed class RowRefusedException(string reason) : Exception(reason);
