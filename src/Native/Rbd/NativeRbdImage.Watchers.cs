using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>Header watchers and update callbacks.</summary>
internal sealed partial class NativeRbdImage
{
    private readonly Lock _updateWatchesGate = new();
    private readonly HashSet<UpdateWatch> _updateWatches = [];

    /// <inheritdoc />
    public unsafe IReadOnlyList<RbdWatcher> ListWatchers()
    {
        using var lease = Use();
        nuint capacity = 8;
        while (true)
        {
            var watchers = new Interop.Rbd.ImageWatcher[(int)capacity];
            nuint count = capacity;
            fixed (Interop.Rbd.ImageWatcher* pointer = watchers)
            {
                int returnCode = Interop.Rbd.rbd_watchers_list(lease.Handle, pointer, ref count);
                if (returnCode == -(int)Errno.ERANGE)
                {
                    capacity = Math.Max(count, capacity * 2);
                    continue;
                }

                RadosCall.Check(returnCode, "rbd_watchers_list", Name);
                var result = new List<RbdWatcher>((int)count);
                for (int i = 0; i < (int)count; i++)
                {
                    result.Add(new RbdWatcher(NativeText.FromNulTerminated(pointer[i].Address), pointer[i].Id, pointer[i].Cookie));
                }

                Interop.Rbd.rbd_watchers_list_cleanup(pointer, count);
                return result;
            }
        }
    }

    /// <inheritdoc />
    public unsafe IDisposable WatchUpdates(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        using var lease = Use();
        var watch = new UpdateWatch(this, callback);
        int returnCode = Interop.Rbd.rbd_update_watch(lease.Handle, out ulong handle, &OnUpdate, watch.State);
        if (returnCode < 0)
        {
            watch.Free();
            RadosCall.Check(returnCode, "rbd_update_watch", Name);
        }

        watch.Handle = handle;
        lock (_updateWatchesGate)
        {
            _updateWatches.Add(watch);
        }

        return watch;
    }

    /// <summary>Unregisters every update watch still registered: librbd must not call back into a closed image's watchers.</summary>
    private void UnwatchUpdates()
    {
        UpdateWatch[] watches;
        lock (_updateWatchesGate)
        {
            watches = [.. _updateWatches];
        }

        foreach (var watch in watches)
        {
            watch.Dispose();
        }
    }

    private void Unwatch(UpdateWatch watch)
    {
        lock (_updateWatchesGate)
        {
            if (!_updateWatches.Remove(watch))
            {
                return;
            }
        }

        if (HandleLease<RbdImageHandle>.TryAcquire(_handle, out var lease))
        {
            using (lease)
            {
                // rbd_update_unwatch waits for a callback in progress, so the state can be freed afterwards.
                _ = Interop.Rbd.rbd_update_unwatch(lease.Handle, watch.Handle);
            }
        }

        watch.Free();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnUpdate(nint state)
    {
        try
        {
            if (GCHandle.FromIntPtr(state).Target is UpdateWatch watch)
            {
                watch.Callback();
            }
        }
#pragma warning disable CA1031 // Nothing may unwind into librbd; the callback's exceptions are dropped as documented.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>One <c>rbd_update_watch</c> registration; its GC handle is the callback's argument.</summary>
    private sealed class UpdateWatch(NativeRbdImage image, Action callback) : IDisposable
    {
        private GCHandle _self;

        public Action Callback { get; } = callback;

        public ulong Handle { get; set; }

        public nint State
        {
            get
            {
                if (!_self.IsAllocated)
                {
                    _self = GCHandle.Alloc(this);
                }

                return GCHandle.ToIntPtr(_self);
            }
        }

        public void Free()
        {
            if (_self.IsAllocated)
            {
                _self.Free();
            }
        }

        public void Dispose() => image.Unwatch(this);
    }
}
