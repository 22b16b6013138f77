using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using StorageKit.Nbd;

namespace StorageKit.Emulator.Nbd;

/// <summary>
/// A managed NBD server (the fixed newstyle protocol of NetworkBlockDevice/nbd's doc/proto.md) serving
/// <see cref="INbdExport"/>s by name on TCP and Unix sockets, one task per connection, to any client: libnbd's
/// nbdinfo and nbdsh, qemu-nbd, the kernel. It negotiates structured replies and <c>base:allocation</c>, serves
/// every transmission command and answers bad requests with the errors nbdkit gives. No TLS.
/// </summary>
public sealed class NbdServer : IAsyncDisposable
{
    private readonly List<INbdExport> _exports;
    private readonly Lock _gate = new();
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly ConcurrentDictionary<IDisposable, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<string> _unixPaths = [];
    private bool _stopped;

    /// <summary>A server for <paramref name="exports"/> (names must be unique; "" is the default export); call <see cref="ListenTcp"/> or <see cref="ListenUnix"/> to start.</summary>
    public NbdServer(IEnumerable<INbdExport> exports, NbdServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(exports);
        _exports = [.. exports];
        if (_exports.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count() != _exports.Count)
        {
            throw new ArgumentException("Export names must be unique.", nameof(exports));
        }

        Options = options ?? new NbdServerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxRequestSize, 512, nameof(options));
    }

    /// <summary>A server for one export.</summary>
    public NbdServer(INbdExport export, NbdServerOptions? options = null)
        : this([export ?? throw new ArgumentNullException(nameof(export))], options)
    {
    }

    /// <summary>The exports served, in the order <c>NBD_OPT_LIST</c> gives them.</summary>
    public IReadOnlyList<INbdExport> Exports => _exports;

    /// <summary>The settings.</summary>
    public NbdServerOptions Options { get; }

    /// <summary>The endpoint the last <see cref="ListenTcp"/> bound (with the port chosen for port 0), or null.</summary>
    public IPEndPoint? TcpEndPoint { get; private set; }

    /// <summary>The path the last <see cref="ListenUnix"/> bound, or null.</summary>
    public string? UnixSocketPath { get; private set; }

    /// <summary>Clients connected right now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Listens on <paramref name="endPoint"/> (port 0: an ephemeral port) and returns the bound endpoint.</summary>
    public IPEndPoint ListenTcp(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endPoint);
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var bound = (IPEndPoint)listener.LocalEndPoint!;
        Start(listener);
        TcpEndPoint = bound;
        return bound;
    }

    /// <summary>Listens on a Unix domain socket at <paramref name="path"/>, replacing a stale socket file; the file is removed on stop.</summary>
    public void ListenUnix(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path) && (File.GetAttributes(path) & FileAttributes.Directory) == 0)
        {
            File.Delete(path);
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        lock (_gate)
        {
            _unixPaths.Add(path);
        }

        Start(listener);
        UnixSocketPath = path;
    }

    /// <summary>Stops listening, closes every connection and waits for their tasks; idempotent.</summary>
    public async Task StopAsync()
    {
        Task[] loops;
        lock (_gate)
        {
            if (!_stopped)
            {
                _stopped = true;
                _stopping.Cancel();
                foreach (Socket listener in _listeners)
                {
                    listener.Dispose();
                }

                foreach (string path in _unixPaths)
                {
                    try
                    {
                        File.Delete(path);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Someone removed it (or its directory) already; nothing left to clean up.
                    }
                }
            }

            loops = [.. _acceptLoops];
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        foreach (IDisposable connection in _connections.Keys)
        {
            connection.Dispose();
        }

        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
    }

    /// <summary>
    /// Serves one client over <paramref name="stream"/> (an in-memory pipe, an accepted socket of your own) until it
    /// disconnects, the token is cancelled or the server stops; the stream is disposed at the end.
    /// </summary>
    public async Task ServeAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task serving;
        lock (_gate)
        {
            if (_stopped)
            {
                stream.Dispose();
                throw new ObjectDisposedException(nameof(NbdServer));
            }

            serving = ServeStreamAsync(stream, started.Task, cancellationToken);
            _connections[stream] = serving;
        }

        started.SetResult();
        await serving.ConfigureAwait(false);
    }

    /// <summary>Stops the server (<see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>The export named <paramref name="name"/>, or null.</summary>
    internal INbdExport? Find(string name) => _exports.Find(e => string.Equals(e.Name, name, StringComparison.Ordinal));

    private void Start(Socket listener)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                listener.Dispose();
                throw new ObjectDisposedException(nameof(NbdServer));
            }

            _listeners.Add(listener);
            _acceptLoops.Add(AcceptLoopAsync(listener, _stopping.Token));
        }
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopping closes the listener under the pending accept.
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            if (listener.AddressFamily != AddressFamily.Unix)
            {
                socket.NoDelay = true;
            }

            // Registered before it runs, so a stop racing this accept still closes it.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[socket] = ServeAsync(socket, started.Task, cancellationToken);
            started.SetResult();
            if (cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
            }
        }
    }

    private async Task ServeStreamAsync(Stream stream, Task registered, CancellationToken cancellationToken)
    {
        await registered.ConfigureAwait(false);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            await new NbdServerConnection(this, stream).RunAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is stopping: either ends this connection only.
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            _connections.TryRemove(stream, out _);
        }
    }

    private async Task ServeAsync(Socket socket, Task registered, CancellationToken cancellationToken)
    {
        // Off the accept loop: the connection runs on the pool, never inline with accepting.
        await registered.ConfigureAwait(false);
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            await new NbdServerConnection(this, stream).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is stopping: either ends this connection only.
        }
        finally
        {
            socket.Dispose();
            _connections.TryRemove(socket, out _);
        }
    }
}
