using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Header watchers and update callbacks: operations that change the header notify it with librbd's header-update
/// message (<c>NotifyMessage</c> version 7, compat 1, op 3, measured byte for byte), so every writable handle's
/// header watch runs its update callbacks; the handle that made the change runs its own callbacks directly, as
/// librbd's <c>notify_update</c> does.
/// </summary>
internal sealed partial class EmulatedRbdImage
{
    /// <summary>librbd's <c>Notifier::NOTIFY_TIMEOUT</c>.</summary>
    private static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(5);

    private static readonly byte[] _headerUpdate = [7, 1, 4, 0, 0, 0, 3, 0, 0, 0];

    private readonly Lock _updateWatchesGate = new();
    private readonly List<UpdateWatch> _updateWatches = [];

    /// <inheritdoc />
    public IReadOnlyList<RbdWatcher> ListWatchers()
    {
        const string op = "rbd_watchers_list";
        Header(op);
        IReadOnlyList<RadosWatcher> watchers = [];
        Rbd(op, () => watchers = io.ListWatchers(RbdLayout.Header(id)));
        return [.. watchers.Select(w => new RbdWatcher(w.Address, (long)w.WatcherId, w.WatchId))];
    }

    /// <inheritdoc />
    public IDisposable WatchUpdates(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var watch = new UpdateWatch(this, callback);
        lock (_updateWatchesGate)
        {
            _updateWatches.Add(watch);
        }

        return watch;
    }

    /// <summary>librbd's <c>notify_update</c>: this handle's callbacks, then a header-update notify to every header watcher.</summary>
    private void NotifyUpdate()
    {
        RunUpdateCallbacks();
        try
        {
            io.Notify(RbdLayout.Header(id), _headerUpdate, NotifyTimeout);
        }
        catch (StorageException)
        {
            // librbd ignores a failed notify: the change is made.
        }
    }

    private void OnHeaderNotification(ReadOnlySpan<byte> payload)
    {
        if (payload.SequenceEqual(_headerUpdate))
        {
            RunUpdateCallbacks();
        }
    }

    private void RunUpdateCallbacks()
    {
        UpdateWatch[] watches;
        lock (_updateWatchesGate)
        {
            // The header changed: the next look at it reads it again (librbd's refresh).
            _lockers = null;
            watches = [.. _updateWatches];
        }

        foreach (var watch in watches)
        {
            try
            {
                watch.Callback();
            }
#pragma warning disable CA1031 // The callback's exceptions are dropped, as documented.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private sealed class UpdateWatch(EmulatedRbdImage image, Action callback) : IDisposable
    {
        public Action Callback { get; } = callback;

        public void Dispose()
        {
            lock (image._updateWatchesGate)
            {
                image._updateWatches.Remove(this);
            }
        }
    }
}
