using Ferry.Connections;

namespace Ferry.Engines;

/// <summary>What <c>ferry ping</c> reports.</summary>
public sealed record ServerInfo(EngineKind Engine, string Version, TimeSpan RoundTrip, string Where);
