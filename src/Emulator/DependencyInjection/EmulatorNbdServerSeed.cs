using StorageKit.Emulator.Nbd;

namespace StorageKit.Emulator.DependencyInjection;

/// <summary>
/// An <see cref="NbdServer"/> the seed starts on the container's private <see cref="EmulatedNbdNetwork"/>, reachable
/// at a virtual Unix socket, a virtual TCP endpoint or both (no real socket is opened). The container owns it:
/// disposing the container unregisters the endpoints and stops the server.
/// </summary>
public sealed record EmulatorNbdServerSeed
{
    /// <summary>The NBD port IANA assigned (nbdkit's and qemu-nbd's default).</summary>
    public const int DefaultTcpPort = 10809;

    /// <summary>Virtual Unix socket path clients pass to <c>ConnectUnix</c> or a <c>nbd+unix</c> URI; null for none.</summary>
    public string? UnixSocketPath { get; init; }

    /// <summary>Virtual host name clients pass to <c>ConnectTcp</c> or a <c>nbd://</c> URI (matched case-insensitively); null for none.</summary>
    public string? TcpHost { get; init; }

    /// <summary>Virtual TCP port, 1 to 65535, used with <see cref="TcpHost"/>.</summary>
    public int TcpPort { get; init; } = DefaultTcpPort;

    /// <summary>The exports served, at least one, with unique names ("" is the default export).</summary>
    public IReadOnlyList<EmulatorNbdExportSeed> Exports { get; init; } = [];
}
