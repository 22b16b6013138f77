using System.Collections.Concurrent;

namespace StorageKit.Emulator.Nbd;

/// <summary>
/// Where an <see cref="EmulatedNbdClient"/> finds in-process servers: virtual Unix socket paths and
/// <c>host:port</c> endpoints mapped to <see cref="NbdServer"/>s, reached through an in-memory connection
/// (no socket at all). An endpoint not registered here is dialled as a real socket.
/// </summary>
public sealed class EmulatedNbdNetwork
{
    private readonly ConcurrentDictionary<string, NbdServer> _endpoints = new(StringComparer.Ordinal);

    /// <summary>The network clients use unless given another.</summary>
    public static EmulatedNbdNetwork Default { get; } = new();

    /// <summary>Makes <paramref name="server"/> reachable at the virtual Unix socket <paramref name="socketPath"/> until the result is disposed.</summary>
    public IDisposable RegisterUnix(string socketPath, NbdServer server)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        return Register("unix:" + socketPath, server);
    }

    /// <summary>Makes <paramref name="server"/> reachable at the virtual <paramref name="host"/>:<paramref name="port"/> until the result is disposed.</summary>
    public IDisposable RegisterTcp(string host, int port, NbdServer server)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        return Register(TcpKey(host, port), server);
    }

    /// <summary>The server at a virtual Unix socket, or null.</summary>
    internal NbdServer? FindUnix(string socketPath) => _endpoints.GetValueOrDefault("unix:" + socketPath);

    /// <summary>The server at a virtual TCP endpoint, or null.</summary>
    internal NbdServer? FindTcp(string host, int port) => _endpoints.GetValueOrDefault(TcpKey(host, port));

    private static string TcpKey(string host, int port) => $"tcp:{host.ToUpperInvariant()}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private Registration Register(string key, NbdServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!_endpoints.TryAdd(key, server))
        {
            throw new ArgumentException($"The endpoint '{key}' is already registered.", nameof(server));
        }

        return new Registration(this, key, server);
    }

    private sealed class Registration(EmulatedNbdNetwork network, string key, NbdServer server) : IDisposable
    {
        public void Dispose() => network._endpoints.TryRemove(new KeyValuePair<string, NbdServer>(key, server));
    }
}
