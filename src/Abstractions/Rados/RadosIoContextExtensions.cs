namespace StorageKit.Rados;

/// <summary>Conveniences built only on <see cref="IRadosIoContext"/>, so both implementations share them.</summary>
public static class RadosIoContextExtensions
{
    private const int ReadChunk = 4 << 20;

    /// <summary>Reads up to <paramref name="length"/> bytes at <paramref name="offset"/>; the array is shorter at the end of the object.</summary>
    public static byte[] Read(this IRadosIoContext ioContext, string objectName, int length, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(ioContext);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var buffer = new byte[length];
        int read = ioContext.Read(objectName, buffer, offset);
        return read == length ? buffer : buffer.AsSpan(0, read).ToArray();
    }

    /// <summary>Reads the whole object, in chunks until a short read.</summary>
    public static byte[] ReadAll(this IRadosIoContext ioContext, string objectName)
    {
        ArgumentNullException.ThrowIfNull(ioContext);
        using var result = new MemoryStream();
        var buffer = new byte[ReadChunk];
        long offset = 0;
        while (true)
        {
            int read = ioContext.Read(objectName, buffer, offset);
            result.Write(buffer, 0, read);
            offset += read;
            if (read < buffer.Length)
            {
                return result.ToArray();
            }
        }
    }

    /// <summary>Every omap entry after <paramref name="startAfter"/> with the prefix, fetched page by page (go-ceph <c>GetAllOmapValues</c>).</summary>
    public static IReadOnlyDictionary<string, ReadOnlyMemory<byte>> GetAllOmapValues(
        this IRadosIoContext ioContext, string objectName, string startAfter = "", string filterPrefix = "", int pageSize = RadosLimits.DefaultOmapPageSize)
    {
        ArgumentNullException.ThrowIfNull(ioContext);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var all = new SortedDictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        string after = startAfter;
        while (true)
        {
            RadosOmapPage page = ioContext.GetOmapValues(objectName, after, filterPrefix, pageSize);
            foreach (var (key, value) in page.Entries)
            {
                all[key] = value;
            }

            if (!page.More || page.Entries.Count == 0)
            {
                return all;
            }

            after = page.Entries[^1].Key;
        }
    }

    /// <summary>Every omap key, fetched page by page.</summary>
    public static IReadOnlyList<string> GetAllOmapKeys(this IRadosIoContext ioContext, string objectName, int pageSize = RadosLimits.DefaultOmapPageSize)
    {
        ArgumentNullException.ThrowIfNull(ioContext);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var keys = new List<string>();
        string after = "";
        while (true)
        {
            RadosOmapKeysPage page = ioContext.GetOmapKeys(objectName, after, pageSize);
            keys.AddRange(page.Keys);
            if (!page.More || page.Keys.Count == 0)
            {
                return keys;
            }

            after = page.Keys[^1];
        }
    }

    /// <summary>Sets one omap entry.</summary>
    public static void SetOmap(this IRadosIoContext ioContext, string objectName, string key, ReadOnlyMemory<byte> value)
    {
        ArgumentNullException.ThrowIfNull(ioContext);
        ioContext.SetOmap(objectName, [KeyValuePair.Create(key, value)]);
    }

    /// <summary>Sets omap entries given as byte arrays (for example a <c>Dictionary&lt;string, byte[]&gt;</c>).</summary>
    public static void SetOmap(this IRadosIoContext ioContext, string objectName, IEnumerable<KeyValuePair<string, byte[]>> entries)
    {
        ArgumentNullException.ThrowIfNull(ioContext);
        ArgumentNullException.ThrowIfNull(entries);
        ioContext.SetOmap(objectName, entries.Select(e => KeyValuePair.Create(e.Key, new ReadOnlyMemory<byte>(e.Value ?? throw new ArgumentNullException(nameof(entries))))));
    }

    /// <summary>Lists every object of the current namespace (or all namespaces), to the end.</summary>
    public static IEnumerable<RadosObjectEntry> ListObjects(this IRadosIoContext ioContext)
    {
        ArgumentNullException.ThrowIfNull(ioContext);
        return Iterate(ioContext);

        static IEnumerable<RadosObjectEntry> Iterate(IRadosIoContext ioContext)
        {
            using IRadosObjectIterator iterator = ioContext.OpenObjectIterator();
            while (iterator.MoveNext())
            {
                yield return iterator.Current;
            }
        }
    }
}
