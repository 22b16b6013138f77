using System.Text;
using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// RBD image metadata measured on a real Ceph 16 cluster (docs/native-probe-results.md, "RBD metadata"):
/// get, set, remove, paged listing, <c>conf_</c> overrides checked against librbd's options, read-only
/// handles, and the header omap layout.
/// </summary>
[ConformanceArea("rbd.metadata")]
public static class MetadataCases
{
    private static string Entries(IEnumerable<KeyValuePair<string, string>> entries)
        => string.Join(",", entries.Select(e => e.Key + "=" + e.Value));

    /// <summary>a set key reads back; setting it again overwrites; an empty value is kept as empty.</summary>
    [ConformanceCase]
    public static void SetGetOverwrite(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        image.SetMetadata("color", "blue");
        Check.Equal("blue", image.GetMetadata("color"), "after set");
        image.SetMetadata("color", "green");
        Check.Equal("green", image.GetMetadata("color"), "after overwrite");
        image.SetMetadata("empty", "");
        Check.Equal("", image.GetMetadata("empty"), "empty value");
    }

    /// <summary>get and remove of a key never set are ENOENT.</summary>
    [ConformanceCase]
    public static void MissingKeyIsNotFound(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.GetMetadata("nope"), "get");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.RemoveMetadata("nope"), "remove");
    }

    /// <summary>a removed key reads ENOENT, a second remove too, and it leaves the list.</summary>
    [ConformanceCase]
    public static void RemoveThenMissing(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        image.SetMetadata("a", "1");
        image.SetMetadata("b", "2");
        image.RemoveMetadata("a");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.GetMetadata("a"), "get removed");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.RemoveMetadata("a"), "remove again");
        Check.Equal("b=2", Entries(image.ListMetadata()), "list");
    }

    /// <summary>a fresh image lists no metadata.</summary>
    [ConformanceCase]
    public static void FreshImageListsNothing(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        Check.Equal(0, image.ListMetadata().Count, "entries");
    }

    /// <summary>the list comes in byte order of the keys, whatever order they were set in.</summary>
    [ConformanceCase]
    public static void ListInKeyOrder(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        foreach (string key in new[] { "k2", "B", "k10", "a", "k1" })
        {
            image.SetMetadata(key, "v" + key);
        }

        Check.Equal("B=vB,a=va,k1=vk1,k10=vk10,k2=vk2", Entries(image.ListMetadata()), "list");
    }

    /// <summary>listing starts after the start key and stops after max entries (0: no limit); a start past the end lists nothing.</summary>
    [ConformanceCase]
    public static void ListPages(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        for (int i = 0; i < 5; i++)
        {
            image.SetMetadata("k" + i, "v" + i);
        }

        Check.Equal("k2=v2,k3=v3", Entries(image.ListMetadata("k1", 2)), "after k1, 2");
        Check.Equal("k0=v0", Entries(image.ListMetadata("", 1)), "first 1");
        Check.Equal("k4=v4", Entries(image.ListMetadata("k3")), "after k3");
        Check.Equal("k3=v3,k4=v4", Entries(image.ListMetadata("k25", 0)), "after a key between");
        Check.Equal("", Entries(image.ListMetadata("zz")), "after the last");
    }

    /// <summary>paging through with the last key of each page visits every key once.</summary>
    [ConformanceCase]
    public static void ListPagingVisitsAll(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        for (int i = 0; i < 7; i++)
        {
            image.SetMetadata("key" + i, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var seen = new List<string>();
        string start = "";
        int pages = 0;
        while (true)
        {
            var page = image.ListMetadata(start, 3);
            if (page.Count == 0)
            {
                break;
            }

            pages++;
            seen.AddRange(page.Select(e => e.Key));
            start = page[^1].Key;
        }

        Check.Equal(3, pages, "pages");
        Check.Equal("key0,key1,key2,key3,key4,key5,key6", string.Join(",", seen), "keys");
    }

    /// <summary>the empty key can be set, read and removed, but the list never shows it (it lists after <c>metadata_</c>).</summary>
    [ConformanceCase]
    public static void EmptyKeyIsAllowed(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        image.SetMetadata("", "x");
        Check.Equal("x", image.GetMetadata(""), "get");
        Check.Equal("", Entries(image.ListMetadata()), "list skips the empty key");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.RemoveMetadata("missing"), "other keys still checked");
        image.RemoveMetadata("");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.GetMetadata(""), "after remove");
    }

    /// <summary>a 5000-byte value round-trips (the native list and get grow their buffers).</summary>
    [ConformanceCase]
    public static void LargeValueRoundTrips(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        string value = new('x', 5000);
        image.SetMetadata("big", value);
        Check.Equal(value, image.GetMetadata("big"), "get");
        Check.Equal(value, image.ListMetadata().Single().Value, "list");
    }

    /// <summary>metadata lives in the header: another handle sees it at once, and it survives reopening.</summary>
    [ConformanceCase]
    public static void VisibleToOtherHandles(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(4096);
        using (var first = s.Rbd.Open(name))
        using (var second = s.Rbd.Open(name, null, readOnly: true))
        {
            first.SetMetadata("shared", "yes");
            Check.Equal("yes", second.GetMetadata("shared"), "second handle");
        }

        using var again = s.Rbd.Open(name);
        Check.Equal("yes", again.GetMetadata("shared"), "reopened");
    }

    /// <summary>keys are stored raw in the header omap as <c>metadata_&lt;key&gt;</c> with the value's bytes.</summary>
    [ConformanceCase]
    public static void StoredInHeaderOmap(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        image.SetMetadata("k", "value");
        image.SetMetadata("", "e");
        var stored = s.Io.GetOmapValues("rbd_header." + image.Id, "", "metadata_").Entries;
        Check.Equal("metadata_=e,metadata_k=value", string.Join(",", stored.Select(e => e.Key + "=" + Encoding.UTF8.GetString(e.Value.Span))), "omap");
    }

    /// <summary>a <c>conf_</c> key naming no librbd option is EINVAL, also for non-rbd Ceph options; nothing is stored.</summary>
    [ConformanceCase]
    public static void ConfUnknownOptionIsInvalid(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.SetMetadata("conf_bogus", "1"), "conf_bogus");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.SetMetadata("conf_mon_host", "1"), "conf_mon_host");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.GetMetadata("conf_bogus"), "not stored");
    }

    /// <summary>a <c>conf_</c> key for a librbd option stores a value of the option's type; a value that does not parse is EINVAL.</summary>
    [ConformanceCase]
    public static void ConfOptionValueIsParsed(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        image.SetMetadata("conf_rbd_cache", "false");
        Check.Equal("false", image.GetMetadata("conf_rbd_cache"), "bool stored");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.SetMetadata("conf_rbd_cache", "maybe"), "bad bool");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.SetMetadata("conf_rbd_cache_size", "abc"), "bad size");
        image.SetMetadata("conf_rbd_cache_size", "4M");
        image.SetMetadata("conf_rbd_cache_policy", "writeback");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.SetMetadata("conf_rbd_cache_policy", "sometimes"), "bad enum");
        Check.Equal("conf_rbd_cache=false,conf_rbd_cache_policy=writeback,conf_rbd_cache_size=4M", Entries(image.ListMetadata()), "list");
    }

    /// <summary>pool-only options (<c>rbd_default_features</c>, <c>rbd_op_threads</c>) and mirror daemon options cannot be overridden per image: EINVAL.</summary>
    [ConformanceCase]
    public static void ConfPoolOnlyOptionsAreInvalid(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.SetMetadata("conf_rbd_default_features", "1"), "rbd_default_features");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.SetMetadata("conf_rbd_op_threads", "1"), "rbd_op_threads");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.SetMetadata("conf_rbd_mirror_journal_poll_age", "1"), "rbd_mirror_journal_poll_age");
    }

    /// <summary>"conf_" with nothing after it is a plain key, stored unchecked.</summary>
    [ConformanceCase]
    public static void ConfPrefixAloneIsPlainKey(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        image.SetMetadata("conf_", "anything");
        Check.Equal("anything", image.GetMetadata("conf_"), "get");
    }

    /// <summary>a read-only handle reads metadata but set and remove are EROFS; a bad <c>conf_</c> key is EINVAL first.</summary>
    [ConformanceCase]
    public static void ReadOnlyHandleCannotChange(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(4096);
        using (var image = s.Rbd.Open(name))
        {
            image.SetMetadata("k", "v");
        }

        using var readOnly = s.Rbd.Open(name, null, readOnly: true);
        Check.Equal("v", readOnly.GetMetadata("k"), "get");
        Check.Throws<StorageException>(Errno.EROFS, () => readOnly.SetMetadata("k2", "v"), "set");
        Check.Throws<StorageException>(Errno.EROFS, () => readOnly.RemoveMetadata("k"), "remove");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => readOnly.SetMetadata("conf_bogus", "v"), "option check before EROFS");
    }

    /// <summary>a handle reading a snapshot cannot set metadata (EROFS) but reads the image's metadata.</summary>
    [ConformanceCase]
    public static void AtSnapshotSetIsReadOnly(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4096));
        image.SetMetadata("k", "v");
        image.CreateSnapshot("s");
        image.SetSnapshot("s");
        Check.Throws<StorageException>(Errno.EROFS, () => image.SetMetadata("k2", "v"), "set");
        Check.Equal("v", image.GetMetadata("k"), "get");
        image.SetSnapshot((string?)null);
        image.SetMetadata("k2", "v2");
        image.RemoveSnapshot("s");
    }

    /// <summary>null key or value is ArgumentNullException, NUL in a key ArgumentException, a negative max ArgumentOutOfRangeException; a closed handle ObjectDisposedException.</summary>
    [ConformanceCase]
    public static void ArgumentAndDisposedChecks(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        var image = s.Rbd.Open(s.NewImage(4096));
        Check.ThrowsExactly<ArgumentNullException>(() => image.GetMetadata(null!), "null key");
        Check.ThrowsExactly<ArgumentNullException>(() => image.SetMetadata("k", null!), "null value");
        Check.ThrowsExactly<ArgumentException>(() => image.SetMetadata("a\0b", "v"), "NUL in key");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => image.ListMetadata("", -1), "negative max");
        image.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => image.GetMetadata("k"), "get after dispose");
        Check.ThrowsExactly<ObjectDisposedException>(() => image.SetMetadata("k", "v"), "set after dispose");
        Check.ThrowsExactly<ObjectDisposedException>(() => image.ListMetadata(), "list after dispose");
    }
}
