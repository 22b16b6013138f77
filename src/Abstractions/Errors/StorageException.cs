namespace StorageKit;

/// <summary>
/// A failure reported by a storage system, carrying the positive errno the C library returned,
/// the operation that failed and the object it concerned. Both implementations throw the same
/// type with the same errno in the same situation; build instances with <see cref="StorageErrors"/>.
/// </summary>
public class StorageException : IOException
{
    /// <summary>Creates an exception for <paramref name="errno"/> raised by <paramref name="operation"/> on <paramref name="target"/>.</summary>
    public StorageException(Errno errno, string operation, string? target, string? message = null, Exception? innerException = null)
        : base(message ?? StorageErrors.Describe(errno, operation, target), innerException)
    {
        Errno = errno;
        Operation = operation;
        Target = target;
        // Same encoding as .NET uses for Unix IO errors: 0x8007xxxx would be Win32, so keep it simple and visible.
        HResult = unchecked((int)0x80070000) | ((int)errno & 0xFFFF);
    }

    /// <summary>The positive errno (the C library returned its negation).</summary>
    public Errno Errno { get; }

    /// <summary>The operation that failed, named after the C API verb (for example <c>write_full</c>).</summary>
    public string Operation { get; }

    /// <summary>What the operation concerned: pool, object, key, image or path; null when nothing specific.</summary>
    public string? Target { get; }
}

/// <summary>The object, entry or pool does not exist (<see cref="Errno.ENOENT"/>).</summary>
public sealed class StorageNotFoundException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);

/// <summary>The object, entry or pool already exists (<see cref="Errno.EEXIST"/>).</summary>
public sealed class StorageAlreadyExistsException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);

/// <summary>The resource is busy or locked (<see cref="Errno.EBUSY"/>).</summary>
public sealed class StorageBusyException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);

/// <summary>The directory, pool or group still has content (<see cref="Errno.ENOTEMPTY"/>).</summary>
public sealed class StorageNotEmptyException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);

/// <summary>The caller may not do this (<see cref="Errno.EPERM"/> or <see cref="Errno.EACCES"/>).</summary>
public sealed class StoragePermissionException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);

/// <summary>A value is out of range or a buffer too small (<see cref="Errno.ERANGE"/>).</summary>
public sealed class StorageRangeException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);

/// <summary>The attribute or data asked for is absent (<see cref="Errno.ENODATA"/>).</summary>
public sealed class StorageNoDataException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);

/// <summary>The storage system rejected an argument (<see cref="Errno.EINVAL"/>).</summary>
public sealed class StorageInvalidArgumentException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);

/// <summary>A name is longer than the storage system allows (<see cref="Errno.ENAMETOOLONG"/>).</summary>
public sealed class StorageNameTooLongException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);

/// <summary>The operation timed out (<see cref="Errno.ETIMEDOUT"/> or <see cref="Errno.ETIME"/>).</summary>
public sealed class StorageTimeoutException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);

/// <summary>The client is not connected, or its connection was shut down (<see cref="Errno.ENOTCONN"/>).</summary>
public sealed class StorageNotConnectedException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);

/// <summary>A compare step found different data or attributes (<see cref="Errno.ECANCELED"/>, or cmpext's offset-coded errno).</summary>
public sealed class StorageComparisonException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message)
{
    /// <summary>For cmpext: the first offset (relative to the compared extent) that differed; otherwise null.</summary>
    public long? MismatchOffset => (int)Errno >= (int)Errno.MAX_ERRNO ? (int)Errno - (int)Errno.MAX_ERRNO : null;
}

/// <summary>The storage system does not support the operation (<see cref="Errno.EOPNOTSUPP"/> or <see cref="Errno.ENOSYS"/>).</summary>
public sealed class StorageNotSupportedException(Errno errno, string operation, string? target, string? message = null)
    : StorageException(errno, operation, target, message);
