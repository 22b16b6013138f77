namespace StorageKit.Rados;

/// <summary>
/// Argument checks both implementations run before anything else, for values the C API cannot even
/// express: null strings, negative offsets, and NUL characters in names C reads as NUL-terminated (C would
/// silently cut "a\0b" to "a" and touch another object). Values the cluster itself judges (empty or long
/// names) are left to the cluster, and the emulator copies its answer.
/// </summary>
internal static class RadosArguments
{
    public static void ObjectName(string objectName) => Name(objectName, nameof(objectName));

    public static void Name(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("Names passed to librados are NUL-terminated and cannot contain '\\0'.", paramName);
        }
    }

    public static void Offset(long offset, string paramName = "offset") => ArgumentOutOfRangeException.ThrowIfNegative(offset, paramName);

    public static void MaxReturn(int maxReturn) => ArgumentOutOfRangeException.ThrowIfNegative(maxReturn, nameof(maxReturn));

    /// <summary>Materialises the entries once (the caller's enumerable may be lazy) and checks every key.</summary>
    public static List<KeyValuePair<string, ReadOnlyMemory<byte>>> OmapEntries(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        foreach (var (key, _) in list)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(entries));
        }

        return list;
    }

    /// <summary>Materialises the keys once and checks none is null (omap keys are counted, so NUL is fine).</summary>
    public static List<string> Keys(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys.ToList();
        foreach (string key in list)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
        }

        return list;
    }
}
