using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>Object data: write, write-full, append, read, truncate, create, remove, stat.</summary>
[ConformanceArea("rados.objects")]
public static class ObjectCases
{
    /// <summary>write_full then read returns exactly what was written.</summary>
    [ConformanceCase]
    public static void WriteFullThenReadReturnsData(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        byte[] data = Bytes.Pattern(5000);
        c.Io.WriteFull(oid, data);
        Check.Bytes(data, c.Io.ReadAll(oid), "read after write_full");
        Check.Equal(5000L, c.Io.Stat(oid).Size, "size");
    }

    /// <summary>write_full replaces the whole object, shrinking it.</summary>
    [ConformanceCase]
    public static void WriteFullReplacesLongerContent(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Pattern(100));
        c.Io.WriteFull(oid, Bytes.Of("short"));
        Check.Bytes(Bytes.Of("short"), c.Io.ReadAll(oid), "content");
        Check.Equal(5L, c.Io.Stat(oid).Size, "size");
    }

    /// <summary>write at an offset overwrites in place and keeps the rest.</summary>
    [ConformanceCase]
    public static void WriteAtOffsetOverwritesInPlace(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("hello world"));
        c.Io.Write(oid, Bytes.Of("WORLD"), 6);
        Check.Bytes(Bytes.Of("hello WORLD"), c.Io.ReadAll(oid), "content");
    }

    /// <summary>write past the end leaves a hole that reads back as zeros.</summary>
    [ConformanceCase]
    public static void WritePastEndZeroFillsTheGap(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("ab"));
        c.Io.Write(oid, Bytes.Of("cd"), 10);
        byte[] expected = [(byte)'a', (byte)'b', 0, 0, 0, 0, 0, 0, 0, 0, (byte)'c', (byte)'d'];
        Check.Bytes(expected, c.Io.ReadAll(oid), "content");
        Check.Equal(12L, c.Io.Stat(oid).Size, "size");
    }

    /// <summary>write to a missing object creates it.</summary>
    [ConformanceCase]
    public static void WriteCreatesMissingObject(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.Write(oid, Bytes.Of("xyz"), 4);
        Check.Equal(7L, c.Io.Stat(oid).Size, "size");
        Check.Bytes([0, 0, 0, 0, (byte)'x', (byte)'y', (byte)'z'], c.Io.ReadAll(oid), "content");
    }

    /// <summary>append adds to the end, and creates a missing object.</summary>
    [ConformanceCase]
    public static void AppendAddsToTheEnd(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.Append(oid, Bytes.Of("one"));
        c.Io.Append(oid, Bytes.Of("two"));
        Check.Bytes(Bytes.Of("onetwo"), c.Io.ReadAll(oid), "content");
    }

    /// <summary>write_full of nothing makes an empty object.</summary>
    [ConformanceCase]
    public static void WriteFullEmptyCreatesEmptyObject(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, []);
        Check.Equal(0L, c.Io.Stat(oid).Size, "size");
        Check.Bytes([], c.Io.ReadAll(oid), "content");
    }

    /// <summary>read of a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void ReadMissingObjectIsNotFound(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Read(oid, new byte[10], 0), "read of missing object");
    }

    /// <summary>read at or past the end returns no bytes, not an error.</summary>
    [ConformanceCase]
    public static void ReadPastEndReturnsNothing(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("0123456789"));
        Check.Equal(0, c.Io.Read(oid, new byte[4], 10), "read at end");
        Check.Equal(0, c.Io.Read(oid, new byte[4], 1000), "read far past end");
    }

    /// <summary>a read that crosses the end is short.</summary>
    [ConformanceCase]
    public static void ReadAcrossEndIsShort(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("0123456789"));
        var buffer = new byte[8];
        Check.Equal(3, c.Io.Read(oid, buffer, 7), "bytes read");
        Check.Bytes(Bytes.Of("789"), buffer.AsSpan(0, 3), "data");
    }

    /// <summary>a read with a larger buffer returns the whole object.</summary>
    [ConformanceCase]
    public static void ReadWithLargeBufferReturnsWholeObject(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("abc"));
        var buffer = new byte[1024];
        Check.Equal(3, c.Io.Read(oid, buffer, 0), "bytes read");
    }

    /// <summary>a read from the middle returns that range.</summary>
    [ConformanceCase]
    public static void ReadRangeFromMiddle(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        byte[] data = Bytes.Pattern(10000, 7);
        c.Io.WriteFull(oid, data);
        Check.Bytes(data.AsSpan(4096, 100), c.Io.Read(oid, 100, 4096), "range");
    }

    /// <summary>truncate shrinking cuts the data.</summary>
    [ConformanceCase]
    public static void TruncateShrinks(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("0123456789"));
        c.Io.Truncate(oid, 4);
        Check.Bytes(Bytes.Of("0123"), c.Io.ReadAll(oid), "content");
        Check.Equal(4L, c.Io.Stat(oid).Size, "size");
    }

    /// <summary>truncate growing zero-fills.</summary>
    [ConformanceCase]
    public static void TruncateGrowsWithZeros(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("ab"));
        c.Io.Truncate(oid, 6);
        Check.Bytes([(byte)'a', (byte)'b', 0, 0, 0, 0], c.Io.ReadAll(oid), "content");
    }

    /// <summary>truncate to zero empties the object but keeps it.</summary>
    [ConformanceCase]
    public static void TruncateToZeroKeepsObject(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("abc"));
        c.Io.Truncate(oid, 0);
        Check.Equal(0L, c.Io.Stat(oid).Size, "size");
    }

    /// <summary>shrinking then growing does not bring old bytes back.</summary>
    [ConformanceCase]
    public static void TruncateShrinkThenGrowReadsZeros(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("abcdef"));
        c.Io.Truncate(oid, 2);
        c.Io.Truncate(oid, 6);
        Check.Bytes([(byte)'a', (byte)'b', 0, 0, 0, 0], c.Io.ReadAll(oid), "content");
    }

    /// <summary>truncate of a missing object succeeds and creates nothing (measured on Ceph 16).</summary>
    [ConformanceCase]
    public static void TruncateMissingObjectIsNoOp(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.Truncate(oid, 5);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Stat(oid), "stat after truncate of a missing object");
        Check.Equal(0, c.Io.ListObjects().Count(), "objects listed");
    }

    /// <summary>remove deletes; a second remove is ENOENT.</summary>
    [ConformanceCase]
    public static void RemoveThenRemoveAgainIsNotFound(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("x"));
        c.Io.Remove(oid);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Stat(oid), "stat after remove");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Remove(oid), "second remove");
    }

    /// <summary>remove of a missing object is ENOENT, never a no-op.</summary>
    [ConformanceCase]
    public static void RemoveMissingIsNotFound(RadosCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Remove(c.NewObjectName()), "remove of missing object");

    /// <summary>stat of a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void StatMissingIsNotFound(RadosCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Stat(c.NewObjectName()), "stat of missing object");

    /// <summary>an object removed and written again starts from scratch.</summary>
    [ConformanceCase]
    public static void RemovedObjectComesBackEmpty(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("old data"));
        c.Io.SetXattr(oid, "a", Bytes.Of("1"));
        c.Io.Remove(oid);
        c.Io.Write(oid, Bytes.Of("n"), 0);
        Check.Bytes(Bytes.Of("n"), c.Io.ReadAll(oid), "content");
        Check.Equal(0, c.Io.GetXattrs(oid).Count, "xattrs");
    }

    /// <summary>exclusive create of a new object makes it empty.</summary>
    [ConformanceCase]
    public static void CreateExclusiveMakesEmptyObject(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.Create(oid, exclusive: true);
        Check.Equal(0L, c.Io.Stat(oid).Size, "size");
    }

    /// <summary>exclusive create of an existing object is EEXIST and keeps its data.</summary>
    [ConformanceCase]
    public static void CreateExclusiveOnExistingIsExists(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("keep"));
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Io.Create(oid, exclusive: true), "exclusive create");
        Check.Bytes(Bytes.Of("keep"), c.Io.ReadAll(oid), "content after failed create");
    }

    /// <summary>non-exclusive create of an existing object succeeds and keeps its data.</summary>
    [ConformanceCase]
    public static void CreateNonExclusiveOnExistingKeepsData(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("keep"));
        c.Io.Create(oid, exclusive: false);
        Check.Bytes(Bytes.Of("keep"), c.Io.ReadAll(oid), "content");
    }

    /// <summary>stat reports an mtime close to now.</summary>
    [ConformanceCase]
    public static void StatReportsRecentModifiedTime(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        DateTimeOffset before = c.Session.UtcNow;
        c.Io.WriteFull(oid, Bytes.Of("t"));
        DateTimeOffset mtime = c.Io.Stat(oid).ModifiedTime;
        Check.True((mtime - before).Duration() < TimeSpan.FromSeconds(30), $"mtime {mtime:O} should be close to {before:O}");
    }

    /// <summary>a 4 MiB object round-trips.</summary>
    [ConformanceCase]
    public static void LargeObjectRoundTrips(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        byte[] data = Bytes.Pattern(4 << 20, 3);
        c.Io.WriteFull(oid, data);
        Check.Bytes(data, c.Io.ReadAll(oid), "4 MiB content");
    }

    /// <summary>two io contexts (and two clients) see the same object.</summary>
    [ConformanceCase]
    public static void SecondClientSeesWrites(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("shared"));
        IRadosClient other = c.NewClient();
        using IRadosIoContext io = other.OpenIoContext(c.Target.SharedPool);
        io.SetNamespace(c.Namespace);
        Check.Bytes(Bytes.Of("shared"), io.ReadAll(oid), "content seen by a second client");
    }

    /// <summary>object names may hold any UTF-8, spaces and slashes.</summary>
    [ConformanceCase]
    public static void UnusualObjectNamesWork(RadosCaseContext c)
    {
        foreach (string name in new[] { "with space", "a/b/c", "ünïcødé-✓", "tab\tname", "dots..", "\u00e9" })
        {
            c.Io.WriteFull(name, Bytes.Of(name));
            Check.Bytes(Bytes.Of(name), c.Io.ReadAll(name), $"content of '{name}'");
        }
    }
}
