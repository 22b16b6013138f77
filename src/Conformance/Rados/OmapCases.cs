using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>Omap: set, paged get with start-after / prefix / max-return, get by keys, keys, remove, clear.</summary>
[ConformanceArea("rados.omap")]
public static class OmapCases
{
    private static string Seed(RadosCaseContext c, params string[] keys)
    {
        string oid = c.NewObjectName();
        c.Io.SetOmap(oid, keys.Select(k => KeyValuePair.Create(k, Bytes.Of("v-" + k))));
        return oid;
    }

    private static string[] KeysOf(RadosOmapPage page) => page.Entries.Select(e => e.Key).ToArray();

    /// <summary>set then get returns every entry in key order.</summary>
    [ConformanceCase]
    public static void SetThenGetReturnsEntriesInOrder(RadosCaseContext c)
    {
        string oid = Seed(c, "b", "a", "c");
        RadosOmapPage page = c.Io.GetOmapValues(oid);
        Check.Sequence(["a", "b", "c"], KeysOf(page), "keys");
        Check.Bytes(Bytes.Of("v-b"), page.Entries[1].Value.Span, "value of b");
        Check.Equal(false, page.More, "more");
    }

    /// <summary>set on a missing object creates an empty object.</summary>
    [ConformanceCase]
    public static void SetOnMissingObjectCreatesIt(RadosCaseContext c)
    {
        string oid = Seed(c, "k");
        Check.Equal(0L, c.Io.Stat(oid).Size, "size");
    }

    /// <summary>set overwrites existing keys and keeps the others.</summary>
    [ConformanceCase]
    public static void SetOverwritesValues(RadosCaseContext c)
    {
        string oid = Seed(c, "a", "b");
        c.Io.SetOmap(oid, "a", Bytes.Of("new"));
        Check.Entries(
            [KeyValuePair.Create("a", Bytes.Of("new")), KeyValuePair.Create("b", Bytes.Of("v-b"))],
            c.Io.GetAllOmapValues(oid), "omap");
    }

    /// <summary>get values on a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void GetValuesOnMissingObjectIsNotFound(RadosCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.GetOmapValues(c.NewObjectName()), "omap get vals on missing object");

    /// <summary>get keys on a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void GetKeysOnMissingObjectIsNotFound(RadosCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.GetOmapKeys(c.NewObjectName()), "omap get keys on missing object");

    /// <summary>get by keys on a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void GetByKeysOnMissingObjectIsNotFound(RadosCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.GetOmapValuesByKeys(c.NewObjectName(), ["a"]), "omap get by keys on missing object");

    /// <summary>an object with data but no omap lists nothing.</summary>
    [ConformanceCase]
    public static void ObjectWithoutOmapListsNothing(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("data"));
        RadosOmapPage page = c.Io.GetOmapValues(oid);
        Check.Equal(0, page.Entries.Count, "entries");
        Check.Equal(false, page.More, "more");
    }

    /// <summary>max-return cuts the page and sets more.</summary>
    [ConformanceCase]
    public static void MaxReturnCutsPageAndSetsMore(RadosCaseContext c)
    {
        string oid = Seed(c, "a", "b", "c", "d", "e");
        RadosOmapPage page = c.Io.GetOmapValues(oid, maxReturn: 2);
        Check.Sequence(["a", "b"], KeysOf(page), "first page");
        Check.Equal(true, page.More, "more");
    }

    /// <summary>a page exactly as large as what is left: the value of more.</summary>
    [ConformanceCase]
    public static void PageExactlyAsLargeAsRemainder(RadosCaseContext c)
    {
        string oid = Seed(c, "a", "b", "c");
        RadosOmapPage page = c.Io.GetOmapValues(oid, maxReturn: 3);
        Check.Sequence(["a", "b", "c"], KeysOf(page), "page");
        Check.Equal(false, page.More, "more when max-return equals the remaining count");
    }

    /// <summary>max-return 0 returns nothing and tells whether keys remain.</summary>
    [ConformanceCase]
    public static void MaxReturnZero(RadosCaseContext c)
    {
        string oid = Seed(c, "a", "b", "c");
        RadosOmapPage page = c.Io.GetOmapValues(oid, maxReturn: 0);
        Check.Equal(0, page.Entries.Count, "entries");
        Check.Equal(true, page.More, "more with max-return 0");
    }

    /// <summary>paging with start-after visits every key once.</summary>
    [ConformanceCase]
    public static void PagingVisitsEveryKeyOnce(RadosCaseContext c)
    {
        string[] keys = Enumerable.Range(0, 25).Select(i => $"key-{i:D3}").ToArray();
        string oid = Seed(c, keys);
        var seen = new List<string>();
        string after = "";
        int pages = 0;
        while (true)
        {
            RadosOmapPage page = c.Io.GetOmapValues(oid, after, "", 7);
            seen.AddRange(KeysOf(page));
            pages++;
            if (!page.More)
            {
                break;
            }

            after = page.Entries[^1].Key;
        }

        Check.Sequence(keys, seen, "keys over all pages");
        Check.Equal(4, pages, "pages");
    }

    /// <summary>start-after skips that key and everything before it.</summary>
    [ConformanceCase]
    public static void StartAfterIsExclusive(RadosCaseContext c)
    {
        string oid = Seed(c, "a", "b", "c");
        Check.Sequence(["c"], KeysOf(c.Io.GetOmapValues(oid, startAfter: "b")), "after b");
        Check.Sequence(["b", "c"], KeysOf(c.Io.GetOmapValues(oid, startAfter: "a0")), "after a0");
    }

    /// <summary>start-after past the last key returns nothing.</summary>
    [ConformanceCase]
    public static void StartAfterPastLastKeyReturnsNothing(RadosCaseContext c)
    {
        string oid = Seed(c, "a", "b");
        RadosOmapPage page = c.Io.GetOmapValues(oid, startAfter: "z");
        Check.Equal(0, page.Entries.Count, "entries");
        Check.Equal(false, page.More, "more");
    }

    /// <summary>a prefix filter returns only matching keys.</summary>
    [ConformanceCase]
    public static void PrefixFiltersKeys(RadosCaseContext c)
    {
        string oid = Seed(c, "a1", "a2", "b1", "b2", "c1");
        Check.Sequence(["b1", "b2"], KeysOf(c.Io.GetOmapValues(oid, filterPrefix: "b")), "prefix b");
        Check.Sequence([], KeysOf(c.Io.GetOmapValues(oid, filterPrefix: "zz")), "prefix zz");
        Check.Sequence(["a1", "a2", "b1", "b2", "c1"], KeysOf(c.Io.GetOmapValues(oid, filterPrefix: "")), "empty prefix");
    }

    /// <summary>prefix with a start-after before the prefix range starts at the prefix.</summary>
    [ConformanceCase]
    public static void PrefixWithStartAfterBeforeRange(RadosCaseContext c)
    {
        string oid = Seed(c, "a1", "a2", "b1", "b2", "c1");
        Check.Sequence(["b1", "b2"], KeysOf(c.Io.GetOmapValues(oid, "a1", "b")), "after a1 with prefix b");
    }

    /// <summary>prefix with a start-after inside the prefix range continues after it.</summary>
    [ConformanceCase]
    public static void PrefixWithStartAfterInsideRange(RadosCaseContext c)
    {
        string oid = Seed(c, "a1", "a2", "b1", "b2", "c1");
        Check.Sequence(["b2"], KeysOf(c.Io.GetOmapValues(oid, "b1", "b")), "after b1 with prefix b");
    }

    /// <summary>prefix with a start-after past the prefix range returns nothing.</summary>
    [ConformanceCase]
    public static void PrefixWithStartAfterPastRange(RadosCaseContext c)
    {
        string oid = Seed(c, "a1", "a2", "b1", "b2", "c1");
        RadosOmapPage page = c.Io.GetOmapValues(oid, "c", "b");
        Check.Sequence([], KeysOf(page), "after c with prefix b");
        Check.Equal(false, page.More, "more");
    }

    /// <summary>prefix and max-return together: more is set while matching keys remain.</summary>
    [ConformanceCase]
    public static void PrefixWithMaxReturnSetsMore(RadosCaseContext c)
    {
        string oid = Seed(c, "p1", "p2", "p3", "q1");
        RadosOmapPage page = c.Io.GetOmapValues(oid, "", "p", 2);
        Check.Sequence(["p1", "p2"], KeysOf(page), "page");
        Check.Equal(true, page.More, "more");
    }

    /// <summary>GetAllOmapValues pages through everything.</summary>
    [ConformanceCase]
    public static void GetAllPagesThroughEverything(RadosCaseContext c)
    {
        string[] keys = Enumerable.Range(0, 40).Select(i => $"k{i:D2}").ToArray();
        string oid = Seed(c, keys);
        Check.Sequence(keys, c.Io.GetAllOmapValues(oid, pageSize: 6).Keys, "all keys");
    }

    /// <summary>get keys lists keys in order, paged.</summary>
    [ConformanceCase]
    public static void GetKeysPages(RadosCaseContext c)
    {
        string oid = Seed(c, "c", "a", "b", "d");
        RadosOmapKeysPage first = c.Io.GetOmapKeys(oid, "", 3);
        Check.Sequence(["a", "b", "c"], first.Keys, "first page");
        Check.Equal(true, first.More, "more");
        RadosOmapKeysPage second = c.Io.GetOmapKeys(oid, "c", 3);
        Check.Sequence(["d"], second.Keys, "second page");
        Check.Equal(false, second.More, "more on the last page");
        Check.Sequence(["a", "b", "c", "d"], c.Io.GetAllOmapKeys(oid, 2), "all keys");
    }

    /// <summary>get by keys returns only the keys that exist.</summary>
    [ConformanceCase]
    public static void GetByKeysSkipsAbsentKeys(RadosCaseContext c)
    {
        string oid = Seed(c, "a", "b", "c");
        Check.Entries(
            [KeyValuePair.Create("a", Bytes.Of("v-a")), KeyValuePair.Create("c", Bytes.Of("v-c"))],
            c.Io.GetOmapValuesByKeys(oid, ["a", "c", "zzz"]), "by keys");
    }

    /// <summary>get by an empty key list returns nothing.</summary>
    [ConformanceCase]
    public static void GetByNoKeysReturnsNothing(RadosCaseContext c)
    {
        string oid = Seed(c, "a");
        Check.Equal(0, c.Io.GetOmapValuesByKeys(oid, []).Count, "entries");
    }

    /// <summary>remove keys deletes them; absent keys are ignored.</summary>
    [ConformanceCase]
    public static void RemoveKeysIgnoresAbsentKeys(RadosCaseContext c)
    {
        string oid = Seed(c, "a", "b", "c");
        c.Io.RemoveOmapKeys(oid, ["a", "nope"]);
        Check.Sequence(["b", "c"], c.Io.GetAllOmapKeys(oid), "keys left");
    }

    /// <summary>remove keys on a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void RemoveKeysOnMissingObjectIsNotFound(RadosCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.RemoveOmapKeys(c.NewObjectName(), ["a"]), "omap rm keys on missing object");

    /// <summary>clear removes every entry and keeps data and xattrs.</summary>
    [ConformanceCase]
    public static void ClearRemovesEntriesOnly(RadosCaseContext c)
    {
        string oid = Seed(c, "a", "b");
        c.Io.Write(oid, Bytes.Of("data"), 0);
        c.Io.SetXattr(oid, "x", Bytes.Of("1"));
        c.Io.ClearOmap(oid);
        Check.Equal(0, c.Io.GetOmapValues(oid).Entries.Count, "entries after clear");
        Check.Bytes(Bytes.Of("data"), c.Io.ReadAll(oid), "data after clear");
        Check.Bytes(Bytes.Of("1"), c.Io.GetXattr(oid, "x"), "xattr after clear");
    }

    /// <summary>clear on a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void ClearOnMissingObjectIsNotFound(RadosCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.ClearOmap(c.NewObjectName()), "omap clear on missing object");

    /// <summary>empty values and binary values round-trip.</summary>
    [ConformanceCase]
    public static void EmptyAndBinaryValuesRoundTrip(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        byte[] binary = [0, 255, 0, 1, 2];
        c.Io.SetOmap(oid, [KeyValuePair.Create("empty", Array.Empty<byte>()), KeyValuePair.Create("bin", binary)]);
        Check.Entries([KeyValuePair.Create("bin", binary), KeyValuePair.Create("empty", Array.Empty<byte>())], c.Io.GetAllOmapValues(oid), "omap");
    }

    /// <summary>keys sort bytewise as UTF-8 (upper case before lower case, ASCII before accents).</summary>
    [ConformanceCase]
    public static void KeysSortBytewise(RadosCaseContext c)
    {
        string oid = Seed(c, "b", "B", "é", "a", "Z", "aa", "\U0001F600", "\uFF21");
        Check.Sequence(["B", "Z", "a", "aa", "b", "é", "\uFF21", "\U0001F600"], c.Io.GetAllOmapKeys(oid), "key order");
    }

    /// <summary>omap survives write_full and truncate of the data.</summary>
    [ConformanceCase]
    public static void DataWritesKeepOmap(RadosCaseContext c)
    {
        string oid = Seed(c, "a");
        c.Io.WriteFull(oid, Bytes.Of("data"));
        c.Io.Truncate(oid, 0);
        Check.Sequence(["a"], c.Io.GetAllOmapKeys(oid), "keys");
    }

    /// <summary>removing the object removes its omap.</summary>
    [ConformanceCase]
    public static void RemovingObjectDropsOmap(RadosCaseContext c)
    {
        string oid = Seed(c, "a");
        c.Io.Remove(oid);
        c.Io.WriteFull(oid, Bytes.Of("again"));
        Check.Equal(0, c.Io.GetOmapValues(oid).Entries.Count, "entries of the new object");
    }
}
