using StorageKit.Native.Rados;

namespace StorageKit.Native;

/// <summary>A <c>rados_xattrs_iter_t</c> from <c>rados_getxattrs</c>; freed with <c>rados_getxattrs_end</c> by <c>using</c>.</summary>
internal readonly ref struct RadosXattrIterator : IDisposable
{
    public RadosXattrIterator(nint pointer) => Pointer = pointer;

    /// <summary>The native iterator; 0 when none was allocated.</summary>
    public nint Pointer { get; }

    /// <summary>Every remaining attribute, by name in ordinal order.</summary>
    public unsafe SortedDictionary<string, byte[]> ReadAll(string objectName)
    {
        var attributes = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        while (true)
        {
            RadosCall.Check(
                Interop.Rados.rados_getxattrs_next(Pointer, out byte* name, out byte* value, out nuint valueLength),
                "rados_getxattrs_next",
                objectName);
            if (name is null)
            {
                return attributes;
            }

            attributes[NativeText.FromNulTerminated(name)] = NativeText.CopyBytes(value, valueLength);
        }
    }

    /// <summary>Frees the iterator (<c>rados_getxattrs_end</c>).</summary>
    public void Dispose()
    {
        if (Pointer != 0)
        {
            Interop.Rados.rados_getxattrs_end(Pointer);
        }
    }
}
