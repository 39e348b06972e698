namespace Ferry.Values;

/// <summary>Thrown by a value converter: this value cannot be written as it is. The caller adds table, key and column.</summary>
public sealed class ValueRefusedException(string reason) : Exception(reason);
