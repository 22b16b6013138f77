namespace StorageKit.Native.Gluster;

/// <summary>
/// libgfapi keeps fsuid/fsgid per thread (<c>glfs_setfsuid</c>), while the kit keeps them per volume handle:
/// before each call the volume's identity is applied to the calling thread, unless that thread already runs
/// with it. A thread that never called <c>glfs_setfsuid</c> acts as the process's effective uid/gid
/// (libgfapi's <c>syncop_create_frame</c> falls back to <c>geteuid</c>/<c>getegid</c>), which is what a volume
/// without an explicit identity uses.
/// </summary>
internal static class GlusterIdentity
{
    private static readonly uint _processUid = Interop.Libc.geteuid();
    private static readonly uint _processGid = Interop.Libc.getegid();

    // What this thread last applied, plus one; 0 means never, i.e. the process credentials.
    [ThreadStatic]
    private static long t_appliedUid;

    [ThreadStatic]
    private static long t_appliedGid;

    /// <summary>The process's effective uid, the identity of a volume that never set one.</summary>
    public static uint ProcessUid => _processUid;

    /// <summary>The process's effective gid.</summary>
    public static uint ProcessGid => _processGid;

    /// <summary>Makes the calling thread's next libgfapi calls run as <paramref name="uid"/>/<paramref name="gid"/>.</summary>
    public static void Apply(uint uid, uint gid)
    {
        long currentUid = t_appliedUid == 0 ? _processUid : t_appliedUid - 1;
        if (currentUid != uid)
        {
            // glfs_setfsuid only fails (ENOMEM) allocating the thread's context; then try again next call.
            if (Interop.Gluster.glfs_setfsuid(uid) == 0)
            {
                t_appliedUid = (long)uid + 1;
            }
        }

        long currentGid = t_appliedGid == 0 ? _processGid : t_appliedGid - 1;
        if (currentGid != gid)
        {
            if (Interop.Gluster.glfs_setfsgid(gid) == 0)
            {
                t_appliedGid = (long)gid + 1;
            }
        }
    }
}
