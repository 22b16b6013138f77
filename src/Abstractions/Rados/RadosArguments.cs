namespace StorageKit.Rados;

/// <summary>
/// Argument checks both implementations run before any I/O, for values the C API cannot even express
/// (null strings, negative offsets). Values the cluster itself judges (empty or long names) are left
/// to the cluster, and the emulator copies its answer.
/// </summary>
internal static class RadosArguments
{
    public static void ObjectName(string objectName) => ArgumentNullException.ThrowIfNull(objectName);

    public static void Name(string name, string paramName) => ArgumentNullException.ThrowIfNull(name, paramName);

    public static void Offset(long offset, string paramName = "offset") => ArgumentOutOfRangeException.ThrowIfNegative(offset, paramName);

    public static void MaxReturn(int maxReturn) => ArgumentOutOfRangeException.ThrowIfNegative(maxReturn, nameof(maxReturn));

    public static List<KeyValuePair<string, byte[]>> OmapEntries(IEnumerable<KeyValuePair<string, byte[]>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        foreach (var (key, value) in list)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(entries));
            ArgumentNullException.ThrowIfNull(value, nameof(entries));
        }

        return list;
    }

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
