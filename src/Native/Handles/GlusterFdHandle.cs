using System.Runtime.InteropServices;

namespace StorageKit.Native;

/// <summary>
/// Owns a <c>glfs_fd_t</c> from <c>glfs_open</c>/<c>glfs_creat</c>/<c>glfs_dup</c> (closed with <c>glfs_close</c>)
/// or <c>glfs_opendir</c> (closed with <c>glfs_closedir</c>), and holds a reference on the
/// <see cref="GlusterFsHandle"/> it came from until then.
/// </summary>
internal sealed class GlusterFdHandle : SafeHandle
{
    private readonly GlusterFsHandle _fs;
    private readonly bool _isDirectory;

    /// <summary>Takes ownership of <paramref name="fd"/>; the caller holds a lease on <paramref name="fs"/>, so the reference cannot fail.</summary>
    public GlusterFdHandle(nint fd, GlusterFsHandle fs, bool isDirectory)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        bool added = false;
        fs.DangerousAddRef(ref added);
        _fs = fs;
        _isDirectory = isDirectory;
        SetHandle(fd);
    }

    /// <summary>The <c>glfs_t</c> the fd belongs to (alive as long as the fd is).</summary>
    public GlusterFsHandle Fs => _fs;

    public override bool IsInvalid => handle == 0;

    /// <summary>
    /// -1 until the fd was closed; then 0, or the errno <c>glfs_close</c> reported (write-behind hands deferred
    /// write errors to it, e.g. EBADF after a write on a read-only fd).
    /// </summary>
    public int CloseErrno => Volatile.Read(ref _closeErrno);

    private int _closeErrno = -1;

    protected override bool ReleaseHandle()
    {
        // The fd is freed on the client side even when the close reports an error.
        int returnCode = _isDirectory ? Interop.Gluster.glfs_closedir(handle) : Interop.Gluster.glfs_close(handle);
        int errno = returnCode < 0 ? Marshal.GetLastPInvokeError() : 0;
        Volatile.Write(ref _closeErrno, returnCode < 0 && errno == 0 ? (int)Errno.EIO : errno);
        _fs.DangerousRelease();
        return true;
    }
}
