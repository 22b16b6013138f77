namespace StorageKit;

/// <summary>
/// The one errno → exception table of the kit. Native code maps C return codes through
/// <see cref="FromReturnCode"/>; the emulator raises the same errno through <see cref="Create"/>,
/// so a caller's <c>catch</c> behaves identically on both implementations.
/// </summary>
public static class StorageErrors
{
    /// <summary>Builds the typed exception for <paramref name="errno"/>.</summary>
    public static StorageException Create(Errno errno, string operation, string? target = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if ((int)errno >= (int)Errno.MAX_ERRNO)
        {
            return new StorageComparisonException(errno, operation, target, message);
        }

        return errno switch
        {
            Errno.ENOENT => new StorageNotFoundException(errno, operation, target, message),
            Errno.EEXIST => new StorageAlreadyExistsException(errno, operation, target, message),
            Errno.EBUSY => new StorageBusyException(errno, operation, target, message),
            Errno.ENOTEMPTY => new StorageNotEmptyException(errno, operation, target, message),
            Errno.EPERM or Errno.EACCES => new StoragePermissionException(errno, operation, target, message),
            Errno.ERANGE => new StorageRangeException(errno, operation, target, message),
            Errno.ENODATA => new StorageNoDataException(errno, operation, target, message),
            Errno.EINVAL => new StorageInvalidArgumentException(errno, operation, target, message),
            Errno.ENAMETOOLONG => new StorageNameTooLongException(errno, operation, target, message),
            Errno.ETIMEDOUT or Errno.ETIME => new StorageTimeoutException(errno, operation, target, message),
            Errno.ENOTCONN or Errno.ESHUTDOWN => new StorageNotConnectedException(errno, operation, target, message),
            Errno.ECANCELED => new StorageComparisonException(errno, operation, target, message),
            Errno.EOPNOTSUPP or Errno.ENOSYS => new StorageNotSupportedException(errno, operation, target, message),
            _ => new StorageException(errno, operation, target, message),
        };
    }

    /// <summary>Builds the exception for a negative C return code (<c>-errno</c>).</summary>
    public static StorageException FromReturnCode(int returnCode, string operation, string? target = null)
    {
        if (returnCode >= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(returnCode), returnCode, "Only negative return codes are errors.");
        }

        return Create((Errno)(-returnCode), operation, target);
    }

    /// <summary>Throws the typed exception when <paramref name="returnCode"/> is negative; returns it otherwise.</summary>
    public static int Check(int returnCode, string operation, string? target = null)
        => returnCode < 0 ? throw FromReturnCode(returnCode, operation, target) : returnCode;

    /// <summary>The exception for using an io context or handle after its cluster connection was shut down.</summary>
    public static StorageException ConnectionShutDown(string operation, string? target = null)
        => Create(Errno.ENOTCONN, operation, target, $"{operation} failed: the cluster connection was shut down.");

    internal static string Describe(Errno errno, string operation, string? target)
    {
        string what = (int)errno >= (int)Errno.MAX_ERRNO
            ? $"compare mismatch at offset {(int)errno - (int)Errno.MAX_ERRNO}"
            : Enum.IsDefined(errno) ? errno.ToString() : $"errno {(int)errno}";
        return target is null ? $"{operation} failed: {what}" : $"{operation} on '{target}' failed: {what}";
    }
}
