namespace StorageKit.Emulator.Nbd;

/// <summary>libnbd's error messages: <c>nbd_FUNCTION: CONTEXT: strerror(errno)</c>.</summary>
internal static class NbdClientErrors
{
    /// <summary>The exception libnbd's <c>set_error (errno, fmt)</c> in <paramref name="function"/> amounts to.</summary>
    public static StorageException Create(Errno errno, string function, string context, string? target = null)
        => StorageErrors.Create(errno, function, target, $"{function}: {context}: {StrError(errno)}");

    /// <summary>glibc's strerror for the errnos an NBD client meets.</summary>
    public static string StrError(Errno errno) => errno switch
    {
        Errno.None => "Success",
        Errno.EPERM => "Operation not permitted",
        Errno.ENOENT => "No such file or directory",
        Errno.EINTR => "Interrupted system call",
        Errno.EIO => "Input/output error",
        Errno.ENXIO => "No such device or address",
        Errno.EBADF => "Bad file descriptor",
        Errno.EAGAIN => "Resource temporarily unavailable",
        Errno.ENOMEM => "Cannot allocate memory",
        Errno.EACCES => "Permission denied",
        Errno.ENOTDIR => "Not a directory",
        Errno.EINVAL => "Invalid argument",
        Errno.EFBIG => "File too large",
        Errno.ENOSPC => "No space left on device",
        Errno.EROFS => "Read-only file system",
        Errno.EPIPE => "Broken pipe",
        Errno.ERANGE => "Numerical result out of range",
        Errno.ENAMETOOLONG => "File name too long",
        Errno.ENOSYS => "Function not implemented",
        Errno.EPROTO => "Protocol error",
        Errno.EOVERFLOW => "Value too large for defined data type",
        Errno.EOPNOTSUPP => "Operation not supported",
        Errno.ECONNRESET => "Connection reset by peer",
        Errno.ENOTCONN => "Transport endpoint is not connected",
        Errno.ESHUTDOWN => "Cannot send after transport endpoint shutdown",
        Errno.ETIMEDOUT => "Connection timed out",
        Errno.ECONNREFUSED => "Connection refused",
        Errno.EDQUOT => "Disk quota exceeded",
        (Errno)91 => "Protocol wrong type for socket",
        (Errno)97 => "Address family not supported by protocol",
        (Errno)99 => "Cannot assign requested address",
        (Errno)101 => "Network is unreachable",
        (Errno)113 => "No route to host",
        _ => $"Unknown error {(int)errno}",
    };

    /// <summary>The errno a failed NBD command carries (libnbd's <c>nbd_internal_errno_of_nbd_error</c>).</summary>
    public static Errno FromWire(uint error) => error switch
    {
        NbdProtocol.ErrPerm => Errno.EPERM,
        NbdProtocol.ErrIo => Errno.EIO,
        NbdProtocol.ErrNoMem => Errno.ENOMEM,
        NbdProtocol.ErrInval => Errno.EINVAL,
        NbdProtocol.ErrNoSpc => Errno.ENOSPC,
        NbdProtocol.ErrOverflow => Errno.EOVERFLOW,
        NbdProtocol.ErrNotSup => Errno.EOPNOTSUPP,
        NbdProtocol.ErrShutdown => Errno.ESHUTDOWN,
        _ => Errno.EINVAL,
    };

    /// <summary>The errno libnbd gives an option's error reply (<c>NBD_REP_ERR_*</c>).</summary>
    public static Errno FromOptionReply(uint reply) => reply switch
    {
        NbdProtocol.RepErrUnsup => Errno.EOPNOTSUPP,
        NbdProtocol.RepErrPolicy => Errno.EPERM,
        NbdProtocol.RepErrInvalid => Errno.EINVAL,
        0x80000004 => Errno.EOPNOTSUPP, // ERR_PLATFORM
        0x80000005 => Errno.EOPNOTSUPP, // ERR_TLS_REQD
        NbdProtocol.RepErrUnknown => Errno.ENOENT,
        0x80000007 => Errno.ESHUTDOWN, // ERR_SHUTDOWN
        0x80000008 => Errno.EINVAL, // ERR_BLOCK_SIZE_REQD
        NbdProtocol.RepErrTooBig => Errno.ERANGE,
        _ => Errno.EINVAL,
    };

    /// <summary>libnbd's name of a command in "command failed" messages.</summary>
    public static string CommandName(ushort type) => type switch
    {
        NbdProtocol.CmdRead => "read",
        NbdProtocol.CmdWrite => "write",
        NbdProtocol.CmdDisconnect => "disconnect",
        NbdProtocol.CmdFlush => "flush",
        NbdProtocol.CmdTrim => "trim",
        NbdProtocol.CmdCache => "cache",
        NbdProtocol.CmdWriteZeroes => "write-zeroes",
        NbdProtocol.CmdBlockStatus => "block-status",
        _ => "unknown",
    };
}
