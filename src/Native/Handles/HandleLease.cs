using System.Runtime.InteropServices;

namespace StorageKit.Native;

/// <summary>
/// A reference held on a SafeHandle for the length of one call (<c>using</c>), so a Shutdown or Dispose on
/// another thread cannot free the native object mid-call, and a handle closed just before the call is
/// noticed here, where the caller can name the right error, rather than inside the marshaller.
/// </summary>
internal readonly ref struct HandleLease<THandle> : IDisposable
    where THandle : SafeHandle
{
    private HandleLease(THandle handle) => Handle = handle;

    /// <summary>The leased handle, valid until <see cref="Dispose"/>.</summary>
    public THandle Handle { get; }

    /// <summary>Adds a reference to <paramref name="handle"/>; false when it is already closed.</summary>
    public static bool TryAcquire(THandle handle, out HandleLease<THandle> lease)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            // Closed: the caller reports why.
        }

        lease = added ? new HandleLease<THandle>(handle) : default;
        return added;
    }

    /// <summary>Drops the reference (a no-op for a default lease).</summary>
    public void Dispose() => Handle?.DangerousRelease();
}
