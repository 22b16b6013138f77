using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>The OSD's omap listing rules (PrimaryLogPG OMAPGETVALS / OMAPGETKEYS).</summary>
internal static class OmapPaging
{
    public static RadosOmapPage Values(SortedDictionary<string, byte[]> omap, string startAfter, string filterPrefix, int maxReturn)
    {
        int limit = Math.Min(maxReturn, RadosLimits.MaxOmapEntriesPerRequest);
        // The OSD starts at the prefix when it sorts after start_after, else just after start_after.
        bool fromPrefix = Utf8OrdinalComparer.Instance.Compare(filterPrefix, startAfter) > 0;
        var entries = new List<KeyValuePair<string, byte[]>>();
        bool more = false;
        foreach (var (key, value) in omap)
        {
            int c = Utf8OrdinalComparer.Instance.Compare(key, fromPrefix ? filterPrefix : startAfter);
            if (fromPrefix ? c < 0 : c <= 0)
            {
                continue;
            }

            if (!key.StartsWith(filterPrefix, StringComparison.Ordinal))
            {
                break;
            }

            if (entries.Count >= limit)
            {
                more = true;
                break;
            }

            entries.Add(KeyValuePair.Create(key, (byte[])value.Clone()));
        }

        return new RadosOmapPage(entries, more);
    }

    public static RadosOmapKeysPage Keys(SortedDictionary<string, byte[]> omap, string startAfter, int maxReturn)
    {
        int limit = Math.Min(maxReturn, RadosLimits.MaxOmapEntriesPerRequest);
        var keys = new List<string>();
        bool more = false;
        foreach (string key in omap.Keys)
        {
            if (Utf8OrdinalComparer.Instance.Compare(key, startAfter) <= 0)
            {
                continue;
            }

            if (keys.Count >= limit)
            {
                more = true;
                break;
            }

            keys.Add(key);
        }

        return new RadosOmapKeysPage(keys, more);
    }
}
