using System.Threading.Channels;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// A watch on an emulated object. Like a librados watch it is confirmed ("pinged") every 5 s of cluster time
/// while its client is connected, and the emulated OSD drops it when it goes unconfirmed for its timeout: at
/// once for timeouts under 5 s (the watch breaks with ENOTCONN), or, after the client shut down without
/// unwatching, that long after the last confirmation (until then it is listed and makes notifies time out).
/// Notifications and errors are delivered on the client's callback queue, never on the caller's thread.
/// </summary>
internal sealed class EmulatedWatch : IRadosWatch
{
    private readonly Lock _lock = new();
    private readonly EmulatedRadosClient _client;
    private readonly EmulatedPool _pool;
    private readonly string _registerOperation;
    private readonly Channel<RadosNotification> _notifications =
        Channel.CreateUnbounded<RadosNotification>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Channel<StorageException> _errors = Channel.CreateUnbounded<StorageException>();
    private State _state = State.Active;
    private bool _unwatching;
    private DateTimeOffset _lastConfirmed;
    private ITimer? _pingTimer;
    private ITimer? _expiryTimer;

    public EmulatedWatch(EmulatedRadosClient client, EmulatedPool pool, ObjectKey key, ulong id, uint timeoutSeconds, string registerOperation)
    {
        _client = client;
        _pool = pool;
        Key = key;
        Id = id;
        Timeout = timeoutSeconds == 0 ? RadosTimeouts.DefaultWatchTimeout : TimeSpan.FromSeconds(timeoutSeconds);
        _registerOperation = registerOperation;
    }

    private enum State
    {
        Active,
        Broken,
        Disconnected,
        Unwatched,
    }

    public ulong Id { get; }

    public string ObjectName => Key.Name;

    public ChannelReader<RadosNotification> Notifications => _notifications.Reader;

    public ChannelReader<StorageException> Errors => _errors.Reader;

    internal ObjectKey Key { get; }

    internal EmulatedRadosClient Client => _client;

    internal ulong WatcherId => _client.Caller.GlobalId;

    internal TimeSpan Timeout { get; }

    internal RadosWatcher Describe() => new(WatcherId, Id, _client.Caller.Address.ToString(), Timeout);

    /// <summary>True while the client is connected and the watch works: notifies are delivered to it.</summary>
    internal bool IsActive
    {
        get
        {
            lock (_lock)
            {
                return _state == State.Active;
            }
        }
    }

    /// <summary>Starts confirming the watch every ping interval and arms the OSD's timeout.</summary>
    internal void Start()
    {
        TimeProvider time = _client.Cluster.Time;
        lock (_lock)
        {
            _lastConfirmed = time.GetUtcNow();
            if (_state != State.Active)
            {
                // Broken before it started (the object went away at once): nothing to confirm or time out.
                return;
            }

            _expiryTimer = time.CreateTimer(static s => ((EmulatedWatch)s!).Expire(), this, Timeout, System.Threading.Timeout.InfiniteTimeSpan);
            _pingTimer = time.CreateTimer(static s => ((EmulatedWatch)s!).Ping(), this, RadosTimeouts.WatchPingInterval, RadosTimeouts.WatchPingInterval);
        }
    }

    public TimeSpan Check()
    {
        const string operation = "rados_watch_check";
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_state == State.Unwatched, this);
            if (_client.IsShutDown)
            {
                throw StorageErrors.ConnectionShutDown(operation, ObjectName);
            }

            if (_state == State.Broken)
            {
                throw StorageErrors.Create(Errno.ENOTCONN, operation, ObjectName);
            }

            TimeSpan since = _client.Cluster.Time.GetUtcNow() - _lastConfirmed;
            return TimeSpan.FromMilliseconds(Math.Floor(since.TotalMilliseconds));
        }
    }

    public void Unwatch()
    {
        lock (_lock)
        {
            if (_state == State.Unwatched || _unwatching)
            {
                return;
            }

            if (_client.IsShutDown)
            {
                throw StorageErrors.ConnectionShutDown("rados_unwatch2", ObjectName);
            }

            _unwatching = true;
        }

        // As rados_unwatch2 then rados_watch_flush: no new notify reaches the watch, and what the client
        // already received is on the channel before the channels complete.
        Leave();
        _client.WaitForCallbacks();
        lock (_lock)
        {
            _state = State.Unwatched;
            StopTimers();
        }

        _notifications.Writer.TryComplete();
        _errors.Writer.TryComplete();
        _client.ForgetWatch(this);

        // The unwatch op is addressed to the object: gone, it answers ENOENT (the watch is released anyway).
        if (!_pool.Exists(Key))
        {
            throw StorageErrors.Create(Errno.ENOENT, "rados_unwatch2", ObjectName);
        }
    }

    public Task UnwatchAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        try
        {
            Unwatch();
            return Task.CompletedTask;
        }
        catch (StorageException ex)
        {
            return Task.FromException(ex);
        }
    }

    public void Ack(ulong notifyId, ReadOnlySpan<byte> reply = default)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_state == State.Unwatched, this);
            if (_client.IsShutDown)
            {
                throw StorageErrors.ConnectionShutDown("rados_notify_ack", ObjectName);
            }
        }

        // rados_notify_ack is fire and forget: an ack for a notify that already finished just goes nowhere.
        _client.Cluster.AckNotify(notifyId, WatcherId, Id, reply.ToArray());
    }

    public void Dispose()
    {
        try
        {
            Unwatch();
        }
        catch (StorageException)
        {
            // The connection is gone; there is nothing left to unwatch.
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Hands a notification to the reader; runs on the client's callback queue.</summary>
    internal void Deliver(RadosNotification notification)
    {
        lock (_lock)
        {
            if (_state == State.Active)
            {
                _notifications.Writer.TryWrite(notification);
            }
        }
    }

    /// <summary>The OSD dropped the watch (object removed, pool deleted): the owner learns it through the error callback.</summary>
    internal void Break()
    {
        lock (_lock)
        {
            if (_state != State.Active)
            {
                if (_state == State.Disconnected)
                {
                    StopTimers();
                }

                return;
            }

            _state = State.Broken;
            StopTimers();
        }

        StorageException error = StorageErrors.Create(Errno.ENOTCONN, _registerOperation, ObjectName, "The watch was disconnected by the OSD.");
        _client.QueueCallback(() =>
        {
            _errors.Writer.TryWrite(error);
            _errors.Writer.TryComplete();
            _notifications.Writer.TryComplete(error);
        });
    }

    /// <summary>The client shut down without unwatching: the OSD keeps the watch until its timeout passes unconfirmed.</summary>
    internal void Disconnect()
    {
        lock (_lock)
        {
            if (_state != State.Active)
            {
                return;
            }

            _state = State.Disconnected;
            _pingTimer?.Dispose();
            _pingTimer = null;
        }

        _notifications.Writer.TryComplete();
        _errors.Writer.TryComplete();
    }

    private void Ping()
    {
        lock (_lock)
        {
            if (_state != State.Active)
            {
                return;
            }

            _lastConfirmed = _client.Cluster.Time.GetUtcNow();
            _expiryTimer?.Change(Timeout, System.Threading.Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The OSD's watch timeout passed without a confirmation.</summary>
    private void Expire()
    {
        lock (_lock)
        {
            if (_state is State.Broken or State.Unwatched)
            {
                return;
            }
        }

        Leave();
        Break();
    }

    private void Leave()
    {
        _pool.RemoveWatch(this);
        _client.Cluster.WatchRemoved(this);
    }

    // Under _lock.
    private void StopTimers()
    {
        _pingTimer?.Dispose();
        _expiryTimer?.Dispose();
        _pingTimer = null;
        _expiryTimer = null;
    }
}
