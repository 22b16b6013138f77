using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>Namespaces, locator keys, object listing and versions.</summary>
[ConformanceArea("rados.namespaces")]
public static class NamespaceCases
{
    /// <summary>the same name in two namespaces is two objects.</summary>
    [ConformanceCase]
    public static void NamespacesSeparateObjects(RadosCaseContext c)
    {
        c.Io.WriteFull("same", Bytes.Of("one"));
        using IRadosIoContext other = c.OpenIoContext(c.Namespace + "-b");
        other.WriteFull("same", Bytes.Of("two"));
        Check.Bytes(Bytes.Of("one"), c.Io.ReadAll("same"), "first namespace");
        Check.Bytes(Bytes.Of("two"), other.ReadAll("same"), "second namespace");
    }

    /// <summary>an object is not visible from another namespace.</summary>
    [ConformanceCase]
    public static void ObjectInvisibleFromOtherNamespace(RadosCaseContext c)
    {
        c.Io.WriteFull("here", Bytes.Of("x"));
        using IRadosIoContext other = c.OpenIoContext(c.Namespace + "-b");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => other.Stat("here"), "stat from another namespace");
    }

    /// <summary>the namespace set is the namespace reported.</summary>
    [ConformanceCase]
    public static void SetNamespaceIsReported(RadosCaseContext c)
    {
        Check.Equal(c.Namespace, c.Io.Namespace, "namespace");
        using IRadosIoContext io = c.Client.OpenIoContext(c.Target.SharedPool);
        Check.Equal("", io.Namespace, "namespace of a new io context");
    }

    /// <summary>a 256-byte namespace works, 257 bytes is ENAMETOOLONG (osd_max_object_namespace_len).</summary>
    [ConformanceCase]
    public static void NamespaceLengthLimit(RadosCaseContext c)
    {
        using IRadosIoContext ok = c.OpenIoContext(c.Namespace + new string('n', 256 - c.Namespace.Length));
        ok.WriteFull("o", Bytes.Of("x"));
        Check.Bytes(Bytes.Of("x"), ok.ReadAll("o"), "content in a 256-byte namespace");
        using IRadosIoContext tooLong = c.OpenIoContext(c.Namespace + new string('n', 257 - c.Namespace.Length));
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => tooLong.WriteFull("o", Bytes.Of("x")), "write in a 257-byte namespace");
    }

    /// <summary>listing shows exactly the objects of the namespace.</summary>
    [ConformanceCase]
    public static void ListingShowsNamespaceObjects(RadosCaseContext c)
    {
        string[] names = ["a", "b", "c", "d/e"];
        foreach (string name in names)
        {
            c.Io.WriteFull(name, Bytes.Of(name));
        }

        using IRadosIoContext other = c.OpenIoContext(c.Namespace + "-b");
        other.WriteFull("elsewhere", Bytes.Of("x"));
        List<RadosObjectEntry> listed = c.Io.ListObjects().ToList();
        Check.Sequence(names, listed.Select(e => e.Name).Order(StringComparer.Ordinal), "listed names");
        Check.True(listed.All(e => e.Namespace == c.Namespace), "entries carry their namespace");
    }

    /// <summary>listing an empty namespace yields nothing.</summary>
    [ConformanceCase]
    public static void ListingEmptyNamespaceIsEmpty(RadosCaseContext c)
        => Check.Equal(0, c.Io.ListObjects().Count(), "objects in a fresh namespace");

    /// <summary>listing all namespaces shows objects of each, with their namespace.</summary>
    [ConformanceCase]
    public static void ListingAllNamespaces(RadosCaseContext c)
    {
        c.Io.WriteFull("x", Bytes.Of("1"));
        using IRadosIoContext other = c.OpenIoContext(c.Namespace + "-b");
        other.WriteFull("y", Bytes.Of("2"));
        using IRadosIoContext all = c.OpenIoContext(RadosNamespace.All);
        var mine = all.ListObjects().Where(e => e.Namespace.StartsWith(c.Namespace, StringComparison.Ordinal))
            .Select(e => $"{e.Namespace}:{e.Name}").Order(StringComparer.Ordinal);
        Check.Sequence(new[] { $"{c.Namespace}:x", $"{c.Namespace}-b:y" }.Order(StringComparer.Ordinal), mine, "objects of both namespaces");
    }

    /// <summary>removed objects disappear from listings.</summary>
    [ConformanceCase]
    public static void ListingOmitsRemovedObjects(RadosCaseContext c)
    {
        c.Io.WriteFull("keep", Bytes.Of("1"));
        c.Io.WriteFull("gone", Bytes.Of("2"));
        c.Io.Remove("gone");
        Check.Sequence(["keep"], c.Io.ListObjects().Select(e => e.Name), "listed names");
    }

    /// <summary>a token taken mid-listing resumes on a new iterator and misses nothing.</summary>
    [ConformanceCase]
    public static void ListingResumesFromToken(RadosCaseContext c)
    {
        var names = Enumerable.Range(0, 40).Select(i => $"o{i}").ToList();
        foreach (string name in names)
        {
            c.Io.WriteFull(name, Bytes.Of(name));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        uint token;
        using (IRadosObjectIterator first = c.Io.OpenObjectIterator())
        {
            for (int i = 0; i < 15 && first.MoveNext(); i++)
            {
                seen.Add(first.Current.Name);
            }

            token = first.Token;
        }

        using IRadosObjectIterator second = c.Io.OpenObjectIterator();
        second.Seek(token);
        while (second.MoveNext())
        {
            seen.Add(second.Current.Name);
        }

        Check.Sequence(names.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal), "objects seen before and after the token");
    }

    /// <summary>the locator key places objects: same name with and without a key are two objects.</summary>
    [ConformanceCase]
    public static void LocatorKeySeparatesObjects(RadosCaseContext c)
    {
        c.Io.WriteFull("obj", Bytes.Of("plain"));
        using IRadosIoContext keyed = c.OpenIoContext();
        keyed.SetLocatorKey("placement");
        keyed.WriteFull("obj", Bytes.Of("keyed"));
        Check.Equal("placement", keyed.LocatorKey, "locator key");
        Check.Bytes(Bytes.Of("keyed"), keyed.ReadAll("obj"), "with locator");
        Check.Bytes(Bytes.Of("plain"), c.Io.ReadAll("obj"), "without locator");
    }

    /// <summary>listing reports the locator key an object was written with.</summary>
    [ConformanceCase]
    public static void ListingReportsLocatorKey(RadosCaseContext c)
    {
        using IRadosIoContext keyed = c.OpenIoContext();
        keyed.SetLocatorKey("loc");
        keyed.WriteFull("k1", Bytes.Of("1"));
        c.Io.WriteFull("k2", Bytes.Of("2"));
        var entries = c.Io.ListObjects().OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => $"{e.Name}@{e.LocatorKey}");
        Check.Sequence(["k1@loc", "k2@"], entries, "names with locator keys");
    }

    /// <summary>the object version grows with each write and a read reports the current one.</summary>
    [ConformanceCase]
    public static void VersionGrowsWithWrites(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("1"));
        ulong v1 = c.Io.LastVersion;
        c.Io.Write(oid, Bytes.Of("2"), 1);
        ulong v2 = c.Io.LastVersion;
        Check.True(v1 > 0, $"version after the first write is positive ({v1})");
        Check.True(v2 > v1, $"version grows: {v1} then {v2}");
        c.Io.ReadAll(oid);
        Check.Equal(v2, c.Io.LastVersion, "version after a read");
        c.Io.Stat(oid);
        Check.Equal(v2, c.Io.LastVersion, "version after a stat");
    }

    /// <summary>an xattr or omap change also bumps the version.</summary>
    [ConformanceCase]
    public static void MetadataWritesBumpVersion(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("1"));
        ulong v1 = c.Io.LastVersion;
        c.Io.SetXattr(oid, "a", Bytes.Of("1"));
        ulong v2 = c.Io.LastVersion;
        c.Io.SetOmap(oid, "k", Bytes.Of("v"));
        ulong v3 = c.Io.LastVersion;
        Check.True(v1 < v2 && v2 < v3, $"versions grow: {v1}, {v2}, {v3}");
    }
}
