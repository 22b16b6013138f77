using StorageKit.Rados;

namespace StorageKit.Native.Rados;

/// <summary>
/// <see cref="IRadosObjectIterator"/> over <c>rados_nobjects_list_*</c>. Usable while its io context is:
/// <see cref="ObjectDisposedException"/> once the iterator or its io context is disposed, ENOTCONN once the
/// client is shut down.
/// </summary>
internal sealed class NativeRadosObjectIterator : IRadosObjectIterator
{
    private readonly NativeRadosIoContext _ioContext;
    private readonly RadosListContextHandle _handle;
    private bool _disposed;
    private RadosObjectEntry? _current;

    internal NativeRadosObjectIterator(NativeRadosIoContext ioContext, RadosListContextHandle handle)
    {
        _ioContext = ioContext;
        _handle = handle;
    }

    /// <inheritdoc />
    public RadosObjectEntry Current
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _current ?? throw new InvalidOperationException("MoveNext has not returned true.");
        }
    }

    /// <inheritdoc />
    public uint Token
    {
        get
        {
            using var lease = Use("rados_nobjects_list_get_pg_hash_position");
            return Interop.Rados.rados_nobjects_list_get_pg_hash_position(lease.Handle);
        }
    }

    /// <inheritdoc />
    public unsafe bool MoveNext()
    {
        const string operation = "rados_nobjects_list_next2";
        using var lease = Use(operation);
        int returnCode = Interop.Rados.rados_nobjects_list_next2(
            lease.Handle, out byte* entry, out byte* key, out byte* nspace, out nuint entryLength, out nuint keyLength, out nuint nspaceLength);
        if (returnCode == -(int)Errno.ENOENT)
        {
            // librados' end-of-list signal, not a failure.
            _current = null;
            return false;
        }

        RadosCall.Check(returnCode, operation, _ioContext.PoolName);
        _current = new RadosObjectEntry(
            NativeText.FromCounted(entry, entryLength),
            NativeText.FromCounted(nspace, nspaceLength),
            NativeText.FromCounted(key, keyLength));
        return true;
    }

    /// <inheritdoc />
    public void Seek(uint token)
    {
        using (var lease = Use("rados_nobjects_list_seek"))
        {
            Interop.Rados.rados_nobjects_list_seek(lease.Handle, token);
        }

        _current = null;
    }

    /// <summary>Closes the listing (<c>rados_nobjects_list_close</c>). Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _current = null;
        _ioContext.Forget(_handle);
        _handle.Dispose();
    }

    private HandleLease<RadosListContextHandle> Use(string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ioContext.ThrowIfUnusable(operation, _ioContext.PoolName);
        if (HandleLease<RadosListContextHandle>.TryAcquire(_handle, out var lease))
        {
            return lease;
        }

        // Closed between the checks and the lease, by Dispose or Shutdown on another thread.
        _ioContext.ThrowIfUnusable(operation, _ioContext.PoolName);
        throw new ObjectDisposedException(GetType().FullName);
    }
}
