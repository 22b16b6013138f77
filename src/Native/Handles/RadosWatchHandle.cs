using System.Runtime.InteropServices;
using StorageKit.Native.Rados;

namespace StorageKit.Native;

/// <summary>
/// Owns a watch (its cookie is the handle value) and the io context it was registered through, which the watch
/// keeps for itself so acks and checks use the namespace and locator key of the watch whatever its creator
/// does later. Released with <c>rados_unwatch2</c> and <c>rados_watch_flush</c> (so no callback for it is
/// still queued), unless it was unwatched already or its client shut down (<c>rados_shutdown</c> drops every
/// watch itself, and an unwatch then could wait for an unreachable OSD); then the io context is destroyed.
/// </summary>
internal sealed class RadosWatchHandle : SafeHandle
{
    private readonly NativeRadosClient _client;
    private readonly Action _released;
    private volatile bool _unwatched;

    public RadosWatchHandle(ulong cookie, RadosIoContextHandle ioContext, NativeRadosClient client, Action released)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        IoContext = ioContext;
        _client = client;
        _released = released;
        SetHandle((nint)cookie);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The watch's cookie.</summary>
    public ulong Cookie => (ulong)handle;

    /// <summary>The io context the watch lives in (valid while the handle is leased).</summary>
    public RadosIoContextHandle IoContext { get; }

    /// <summary>The cookie was handed to <c>rados_unwatch2</c>/<c>rados_aio_unwatch</c> and is gone: never pass it to librados again.</summary>
    public void MarkUnwatched() => _unwatched = true;

    protected override bool ReleaseHandle()
    {
        if (!_unwatched && !_client.IsShutDown)
        {
            // Nothing to report to from here: an unwatch that fails leaves nothing behind but the OSD's watch,
            // which times out on its own.
            _ = Interop.Rados.rados_unwatch2(IoContext, (ulong)handle);
            // The io context holds a reference on the cluster, so the raw handle is valid here.
            _ = Interop.Rados.rados_watch_flush(IoContext.ClusterPointer);
        }

        _released();
        IoContext.Dispose();
        return true;
    }
}
