using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// The OSD's omap listing rules (PrimaryLogPG OMAPGETVALS / OMAPGETKEYS): start after <c>start_after</c>, or at
/// the prefix when it sorts later; stop at the first key without the prefix; cap the page at the smaller of
/// max-return and <see cref="RadosLimits.MaxOmapEntriesPerRequest"/>; <c>more</c> when a matching key remains.
/// </summary>
internal static class OmapPaging
{
    public static RadosOmapPage Values(SortedList<string, byte[]> omap, string startAfter, string filterPrefix, int maxReturn)
    {
        int limit = Math.Min(maxReturn, RadosLimits.MaxOmapEntriesPerRequest);
        IList<string> keys = omap.Keys;
        IList<byte[]> values = omap.Values;
        int index = FirstIndex(keys, startAfter, filterPrefix);
        var entries = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>(Math.Min(limit, keys.Count - index));
        bool more = false;
        for (; index < keys.Count; index++)
        {
            string key = keys[index];
            if (!key.StartsWith(filterPrefix, StringComparison.Ordinal))
            {
                break;
            }

            if (entries.Count >= limit)
            {
                more = true;
                break;
            }

            // Stored values are never mutated, so a read-only view is safe to hand out.
            entries.Add(KeyValuePair.Create(key, new ReadOnlyMemory<byte>(values[index])));
        }

        return new RadosOmapPage(entries, more);
    }

    public static RadosOmapKeysPage Keys(SortedList<string, byte[]> omap, string startAfter, int maxReturn)
    {
        int limit = Math.Min(maxReturn, RadosLimits.MaxOmapEntriesPerRequest);
        IList<string> keys = omap.Keys;
        int index = FirstIndex(keys, startAfter, "");
        int count = Math.Min(limit, keys.Count - index);
        var page = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            page.Add(keys[index + i]);
        }

        return new RadosOmapKeysPage(page, index + count < keys.Count);
    }

    /// <summary>Index of the first key to consider: at the prefix when it sorts after start_after, else just after start_after.</summary>
    private static int FirstIndex(IList<string> keys, string startAfter, string filterPrefix)
    {
        Utf8OrdinalComparer comparer = Utf8OrdinalComparer.Instance;
        bool fromPrefix = comparer.Compare(filterPrefix, startAfter) > 0;
        string bound = fromPrefix ? filterPrefix : startAfter;
        int lo = 0, hi = keys.Count;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            int c = comparer.Compare(keys[mid], bound);
            // From the prefix: first key >= bound. After start_after: first key > bound.
            if (fromPrefix ? c < 0 : c <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
