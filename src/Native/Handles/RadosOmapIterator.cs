using StorageKit.Native.Rados;

namespace StorageKit.Native;

/// <summary>
/// A <c>rados_omap_iter_t</c> filled by a read op; freed with <c>rados_omap_get_end</c> by <c>using</c>,
/// also when the op failed (librados allocates it when the step is added, not when it succeeds).
/// </summary>
internal readonly ref struct RadosOmapIterator : IDisposable
{
    public RadosOmapIterator(nint pointer) => Pointer = pointer;

    /// <summary>The native iterator; 0 when none was allocated.</summary>
    public nint Pointer { get; }

    /// <summary>Every remaining entry, in the order librados returns them (ascending key order).</summary>
    public unsafe List<KeyValuePair<string, ReadOnlyMemory<byte>>> ReadEntries(string operation, string objectName)
    {
        var entries = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>();
        while (true)
        {
            RadosCall.Check(
                Interop.Rados.rados_omap_get_next2(Pointer, out byte* key, out byte* value, out nuint keyLength, out nuint valueLength),
                operation,
                objectName);
            if (key is null)
            {
                return entries;
            }

            entries.Add(KeyValuePair.Create(NativeText.FromCounted(key, keyLength), new ReadOnlyMemory<byte>(NativeText.CopyBytes(value, valueLength))));
        }
    }

    /// <summary>Frees the iterator (<c>rados_omap_get_end</c>).</summary>
    public void Dispose()
    {
        if (Pointer != 0)
        {
            Interop.Rados.rados_omap_get_end(Pointer);
        }
    }
}
