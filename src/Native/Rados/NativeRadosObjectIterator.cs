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
    public uint Token => Interop.Rados.rados_nobjects_list_get_pg_hash_position(Use("rados_nobjects_list_get_pg_hash_position"));

    /// <inheritdoc />
    public unsafe bool MoveNext()
    {
        const string operation = "rados_nobjects_list_next2";
        int returnCode = Interop.Rados.rados_nobjects_list_next2(
            Use(operation), out byte* entry, out byte* key, out byte* nspace, out nuint entryLength, out nuint keyLength, out nuint nspaceLength);
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
        Interop.Rados.rados_nobjects_list_seek(Use("rados_nobjects_list_seek"), token);
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

    private RadosListContextHandle Use(string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ioContext.Use(operation, _ioContext.PoolName);
        return _handle;
    }
}
