namespace Ferry.Copy;

/// <summary>Thrown by a value converter: this value cannot be written as it is. The copy adds table, key and column.</summary>
public sealed class RowRefusedException(string reason) : Exception(reason);

/// <summary>A refused value that stops the copy (no --rejects file): names table, key, column and reason.</summary>
public sealed class CopyRefusedException(string message) : Errors.FerryException(Errors.FerryErrorKind.Failed, message);
