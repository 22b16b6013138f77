using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>
/// Edges measured on a real Ceph 16 cluster (docs/native-probe-results.md): zero-length I/O, I/O at and past
/// the size limit, the empty omap key, page caps, version numbers after failures.
/// </summary>
[ConformanceArea("rados.edges")]
public static class EdgeCases
{
    /// <summary>an empty read buffer before the end is ERANGE; at or past the end it reads 0.</summary>
    [ConformanceCase]
    public static void ZeroLengthReadBeforeEndIsRange(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("0123456789"));
        Check.Throws<StorageRangeException>(Errno.ERANGE, () => c.Io.Read(oid, Span<byte>.Empty, 0), "empty read at 0");
        Check.Throws<StorageRangeException>(Errno.ERANGE, () => c.Io.Read(oid, Span<byte>.Empty, 5), "empty read at 5");
        Check.Equal(0, c.Io.Read(oid, Span<byte>.Empty, 10), "empty read at the end");
        Check.Equal(0, c.Io.Read(oid, Span<byte>.Empty, 50), "empty read past the end");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Read(c.NewObjectName(), Span<byte>.Empty, 0), "empty read of a missing object");
    }

    /// <summary>
    /// a write of nothing past offset 0 is refused before any I/O: on Ceph 16 it grows the object but keeps a
    /// stale full-object checksum, after which reads fail with EIO and the object goes unfound (measured).
    /// </summary>
    [ConformanceCase]
    public static void EmptyWritePastStartIsRefused(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("0123456789"));
        Check.ThrowsExactly<ArgumentException>(() => c.Io.Write(oid, [], 100), "empty write at 100");
        Check.Equal(10L, c.Io.Stat(oid).Size, "size unchanged");
        Check.Bytes(Bytes.Of("0123456789"), c.Io.ReadAll(oid), "content unchanged");
    }

    /// <summary>zero-length write, append and write_full create an empty object.</summary>
    [ConformanceCase]
    public static void ZeroLengthWritesCreateObjects(RadosCaseContext c)
    {
        string a = c.NewObjectName(), b = c.NewObjectName(), d = c.NewObjectName();
        c.Io.Write(a, [], 0);
        c.Io.Append(b, []);
        c.Io.WriteFull(d, []);
        Check.Equal(0L, c.Io.Stat(a).Size, "after empty write");
        Check.Equal(0L, c.Io.Stat(b).Size, "after empty append");
        Check.Equal(0L, c.Io.Stat(d).Size, "after empty write_full");
    }

    /// <summary>a write ending past 128 MiB is EFBIG and creates nothing.</summary>
    [ConformanceCase]
    public static void WritePastMaxObjectSizeIsTooBig(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        Check.Throws<StorageException>(Errno.EFBIG, () => c.Io.Write(oid, Bytes.Of("x"), RadosLimits.MaxObjectSize), "write at 128 MiB");
        Check.Throws<StorageException>(Errno.EFBIG, () => c.Io.Write(oid, Bytes.Of("x"), 1L << 40), "write at 1 TiB");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Stat(oid), "nothing was created");
    }

    /// <summary>truncating an object past 128 MiB is EFBIG and keeps its size; a missing one is still a no-op.</summary>
    [ConformanceCase]
    public static void TruncatePastMaxObjectSize(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("abc"));
        Check.Throws<StorageException>(Errno.EFBIG, () => c.Io.Truncate(oid, RadosLimits.MaxObjectSize + 1), "truncate past 128 MiB");
        Check.Equal(3L, c.Io.Stat(oid).Size, "size kept");
        string missing = c.NewObjectName();
        c.Io.Truncate(missing, 1L << 40);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Stat(missing), "missing object stays missing");
    }

    /// <summary>mtimes come in whole seconds (Pacific's rados_stat).</summary>
    [ConformanceCase]
    public static void ModifiedTimeHasWholeSeconds(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("t"));
        DateTimeOffset mtime = c.Io.Stat(oid).ModifiedTime;
        Check.Equal(0L, mtime.UtcTicks % TimeSpan.TicksPerSecond, "sub-second ticks");
        Check.Equal(TimeSpan.Zero, mtime.Offset, "offset");
    }

    /// <summary>the empty omap key is stored but only get-by-keys returns it.</summary>
    [ConformanceCase]
    public static void EmptyOmapKeyOnlyReadableByKeys(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetOmap(oid, [KeyValuePair.Create("", Bytes.Of("empty-key")), KeyValuePair.Create("a", Bytes.Of("1"))]);
        Check.Sequence(["a"], c.Io.GetOmapValues(oid).Entries.Select(e => e.Key), "listed keys");
        Check.Sequence(["a"], c.Io.GetOmapKeys(oid).Keys, "listed key names");
        Check.Entries([KeyValuePair.Create("", Bytes.Of("empty-key"))], c.Io.GetOmapValuesByKeys(oid, [""]), "by keys");
        c.Io.RemoveOmapKeys(oid, [""]);
        Check.Equal(0, c.Io.GetOmapValuesByKeys(oid, [""]).Count, "after removing the empty key");
    }

    /// <summary>omap keys may hold NUL and non-ASCII; they sort bytewise.</summary>
    [ConformanceCase]
    public static void OmapKeysWithNulAndUnicode(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        string[] keys = ["b", "a\0b", "日本", "a", "é"];
        c.Io.SetOmap(oid, keys.Select(k => KeyValuePair.Create(k, Bytes.Of(k))));
        Check.Sequence(["a", "a\0b", "b", "é", "日本"], c.Io.GetAllOmapKeys(oid), "key order");
        Check.Entries([KeyValuePair.Create("a\0b", Bytes.Of("a\0b"))], c.Io.GetOmapValuesByKeys(oid, ["a\0b"]), "key with NUL");
    }

    /// <summary>the OSD caps a page at 1024 entries whatever max-return asks.</summary>
    [ConformanceCase]
    public static void OmapPageIsCappedByTheOsd(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetOmap(oid, Enumerable.Range(0, 1500).Select(i => KeyValuePair.Create($"k{i:D4}", new ReadOnlyMemory<byte>([(byte)i]))));
        RadosOmapPage page = c.Io.GetOmapValues(oid, maxReturn: 2000);
        Check.Equal(RadosLimits.MaxOmapEntriesPerRequest, page.Entries.Count, "entries in one page");
        Check.Equal(true, page.More, "more");
        RadosOmapKeysPage keys = c.Io.GetOmapKeys(oid, "", 2000);
        Check.Equal(RadosLimits.MaxOmapEntriesPerRequest, keys.Keys.Count, "keys in one page");
        Check.Equal(1500, c.Io.GetAllOmapValues(oid, pageSize: 2000).Count, "all entries over pages");
    }

    /// <summary>max-return 0 says more only when a matching key remains.</summary>
    [ConformanceCase]
    public static void MaxReturnZeroWithNothingLeft(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("no omap"));
        Check.Equal(false, c.Io.GetOmapValues(oid, maxReturn: 0).More, "no omap at all");
        c.Io.SetOmap(oid, "a", Bytes.Of("1"));
        Check.Equal(false, c.Io.GetOmapValues(oid, "a", "", 0).More, "nothing after start-after");
        Check.Equal(false, c.Io.GetOmapValues(oid, "", "zz", 0).More, "nothing with the prefix");
    }

    /// <summary>an omap set with no entries still creates the object; removing no keys from a missing one is ENOENT.</summary>
    [ConformanceCase]
    public static void EmptyOmapBatches(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetOmap(oid, Array.Empty<KeyValuePair<string, ReadOnlyMemory<byte>>>());
        Check.Equal(0L, c.Io.Stat(oid).Size, "object created by an empty omap set");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.RemoveOmapKeys(c.NewObjectName(), []), "empty rm keys on a missing object");
    }

    /// <summary>a new io context reports version 0, and so does one whose last read failed.</summary>
    [ConformanceCase]
    public static void VersionIsZeroWhenNothingWasRead(RadosCaseContext c)
    {
        using IRadosIoContext io = c.OpenIoContext();
        Check.Equal(0UL, io.LastVersion, "new io context");
        string oid = c.NewObjectName();
        io.WriteFull(oid, Bytes.Of("x"));
        Check.True(io.LastVersion > 0, "after a write");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat(c.NewObjectName()), "stat of a missing object");
        Check.Equal(0UL, io.LastVersion, "after a failed stat");
        io.ReadAll(oid);
        Check.True(io.LastVersion > 0, "after a read");
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => io.GetXattr(oid, "absent"), "getxattr of an absent attribute");
        Check.Equal(0UL, io.LastVersion, "after a failed getxattr");
    }

    /// <summary>a failed exclusive create does not change the last version.</summary>
    [ConformanceCase]
    public static void FailedWriteKeepsVersion(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("x"));
        ulong before = c.Io.LastVersion;
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Io.Create(oid, exclusive: true), "exclusive create");
        Check.Equal(before, c.Io.LastVersion, "version after the failed create");
    }

    /// <summary>a 101-byte xattr name is ENAMETOOLONG to set but just ENODATA to get.</summary>
    [ConformanceCase]
    public static void LongXattrNameOnGetIsNoData(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("x"));
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Io.GetXattr(oid, new string('n', 101)), "getxattr with a 101-byte name");
    }

    /// <summary>long locator keys work (the 2048-byte name limit applies, not the namespace one).</summary>
    [ConformanceCase]
    public static void LongLocatorKeyWorks(RadosCaseContext c)
    {
        using IRadosIoContext io = c.OpenIoContext();
        io.SetLocatorKey(new string('l', 300));
        io.WriteFull("o", Bytes.Of("placed"));
        Check.Bytes(Bytes.Of("placed"), io.ReadAll("o"), "content");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Stat("o"), "not found without the locator key");
    }
}
