using System.Runtime.InteropServices;

namespace StorageKit.Native;

/// <summary>
/// Owns a <c>glfs_t</c>. Released with <c>glfs_fini</c> once the volume unmounted it and every file or
/// directory opened from it (each holds a reference) is closed, so no <c>glfs_fd_t</c> outlives its <c>glfs_t</c>.
/// </summary>
/// <remarks>
/// <c>glfs_fini</c> of GlusterFS 10.3 takes 10-11 s even for an idle mount (measured; its rpc bail-out timer
/// holds the connection until it fires, gluster/glusterfs#2606, fixed upstream in 11.x). Nothing of the mount
/// is reachable once its fds are closed, so the release hands <c>glfs_fini</c> to a background thread of its
/// own and an unmount returns at once; <see cref="WaitForPendingFinis"/> waits for those threads.
/// </remarks>
internal sealed class GlusterFsHandle : SafeHandle
{
    private static int _pendingFinis;

    public GlusterFsHandle(nint fs)
        : base(invalidHandleValue: 0, ownsHandle: true) => SetHandle(fs);

    /// <summary>How many <c>glfs_fini</c> calls are still running in the background.</summary>
    public static int PendingFinis => Volatile.Read(ref _pendingFinis);

    public override bool IsInvalid => handle == 0;

    /// <summary>Waits until no <c>glfs_fini</c> runs in the background, or <paramref name="timeout"/> passed; true when none does.</summary>
    public static bool WaitForPendingFinis(TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (PendingFinis > 0)
        {
            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    protected override bool ReleaseHandle()
    {
        nint fs = handle;
        Interlocked.Increment(ref _pendingFinis);
        var thread = new Thread(() =>
        {
            try
            {
                // -1 means frames were still in flight after its wait; there is nothing left to do about it.
                _ = Interop.Gluster.glfs_fini(fs);
            }
            finally
            {
                Interlocked.Decrement(ref _pendingFinis);
            }
        })
        {
            IsBackground = true,
            Name = "glfs_fini",
        };
        thread.Start();
        return true;
    }
}
