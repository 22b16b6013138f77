namespace StorageKit;

/// <summary>
/// Linux errno values as returned (negated) by librados, librbd, libgfapi and libnbd.
/// Names mirror the C constants so they read the same as upstream sources.
/// </summary>
public enum Errno
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>Operation not permitted.</summary>
    EPERM = 1,
    /// <summary>No such file, object or entry.</summary>
    ENOENT = 2,
    /// <summary>Interrupted system call.</summary>
    EINTR = 4,
    /// <summary>Input/output error.</summary>
    EIO = 5,
    /// <summary>No such device or address.</summary>
    ENXIO = 6,
    /// <summary>Argument list too long.</summary>
    E2BIG = 7,
    /// <summary>Bad file descriptor or handle.</summary>
    EBADF = 9,
    /// <summary>Resource temporarily unavailable.</summary>
    EAGAIN = 11,
    /// <summary>Out of memory.</summary>
    ENOMEM = 12,
    /// <summary>Permission denied.</summary>
    EACCES = 13,
    /// <summary>Bad address.</summary>
    EFAULT = 14,
    /// <summary>Device or resource busy.</summary>
    EBUSY = 16,
    /// <summary>Object or entry exists.</summary>
    EEXIST = 17,
    /// <summary>Cross-device link.</summary>
    EXDEV = 18,
    /// <summary>No such device.</summary>
    ENODEV = 19,
    /// <summary>Not a directory.</summary>
    ENOTDIR = 20,
    /// <summary>Is a directory.</summary>
    EISDIR = 21,
    /// <summary>Invalid argument.</summary>
    EINVAL = 22,
    /// <summary>Too many open files.</summary>
    EMFILE = 24,
    /// <summary>File too large.</summary>
    EFBIG = 27,
    /// <summary>No space left on device.</summary>
    ENOSPC = 28,
    /// <summary>Illegal seek.</summary>
    ESPIPE = 29,
    /// <summary>Read-only file system.</summary>
    EROFS = 30,
    /// <summary>Too many links.</summary>
    EMLINK = 31,
    /// <summary>Broken pipe.</summary>
    EPIPE = 32,
    /// <summary>Argument out of domain.</summary>
    EDOM = 33,
    /// <summary>Result out of range (also: buffer too small).</summary>
    ERANGE = 34,
    /// <summary>Resource deadlock would occur.</summary>
    EDEADLK = 35,
    /// <summary>Name too long.</summary>
    ENAMETOOLONG = 36,
    /// <summary>No locks available.</summary>
    ENOLCK = 37,
    /// <summary>Function not implemented.</summary>
    ENOSYS = 38,
    /// <summary>Directory not empty.</summary>
    ENOTEMPTY = 39,
    /// <summary>Too many levels of symbolic links.</summary>
    ELOOP = 40,
    /// <summary>No message of desired type.</summary>
    ENOMSG = 42,
    /// <summary>No data available (Ceph: missing xattr).</summary>
    ENODATA = 61,
    /// <summary>Timer expired.</summary>
    ETIME = 62,
    /// <summary>Protocol error.</summary>
    EPROTO = 71,
    /// <summary>Bad message.</summary>
    EBADMSG = 74,
    /// <summary>Value too large for defined data type.</summary>
    EOVERFLOW = 75,
    /// <summary>Operation not supported.</summary>
    EOPNOTSUPP = 95,
    /// <summary>Connection reset by peer.</summary>
    ECONNRESET = 104,
    /// <summary>Already connected.</summary>
    EISCONN = 106,
    /// <summary>Not connected.</summary>
    ENOTCONN = 107,
    /// <summary>Cannot send after transport endpoint shutdown.</summary>
    ESHUTDOWN = 108,
    /// <summary>Connection timed out.</summary>
    ETIMEDOUT = 110,
    /// <summary>Connection refused.</summary>
    ECONNREFUSED = 111,
    /// <summary>Operation already in progress.</summary>
    EALREADY = 114,
    /// <summary>Operation now in progress.</summary>
    EINPROGRESS = 115,
    /// <summary>Disk quota exceeded.</summary>
    EDQUOT = 122,
    /// <summary>Operation canceled (Ceph: cmpxattr / omap compare mismatch).</summary>
    ECANCELED = 125,
    /// <summary>Owner died.</summary>
    EOWNERDEAD = 130,
    /// <summary>Upper bound of kernel errnos; Ceph's cmpext reports a mismatch at offset N as -(MAX_ERRNO + N).</summary>
    MAX_ERRNO = 4095,
}
