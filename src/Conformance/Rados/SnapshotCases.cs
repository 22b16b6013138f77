using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>
/// Pool snapshots: management, reads at a snapshot (copy-on-write of data, xattrs and omap), rollback. Every case
/// that takes a snapshot does it in a pool of its own, since snapshots cover a whole pool and a pool keeps the
/// snapshot mode it first used. Only one client looks at a new snapshot: another client learns of it with the
/// next OSD map, a moment later (measured).
/// </summary>
[ConformanceArea("rados.snapshots")]
public static class SnapshotCases
{
    /// <summary>a new snapshot can be looked up, is listed, has its name and a stamp of when it was taken, in whole seconds; later snapshots, later stamps.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void CreateLookupListNameAndStamp(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        Check.Sequence([], io.ListSnapshots(), "snapshots of a new pool");
        DateTimeOffset before = c.Session.UtcNow;
        io.CreateSnapshot("s1");
        DateTimeOffset after = c.Session.UtcNow;
        ulong id = io.LookupSnapshot("s1");
        Check.Sequence([id], io.ListSnapshots(), "snapshots");
        Check.Equal("s1", io.GetSnapshotName(id), "name");
        DateTimeOffset stamp = io.GetSnapshotTimestamp(id);
        Check.True(stamp >= WholeSeconds(before) && stamp <= after, $"stamp {stamp:O} within [{WholeSeconds(before):O}, {after:O}]");
        Check.Equal(0L, stamp.UtcTicks % TimeSpan.TicksPerSecond, "sub-second ticks of the stamp");
        Check.Equal(TimeSpan.Zero, stamp.Offset, "offset of the stamp");
        c.Session.Elapse(TimeSpan.FromSeconds(2));
        io.CreateSnapshot("s2");
        TimeSpan between = io.GetSnapshotTimestamp(io.LookupSnapshot("s2")) - stamp;
        Check.True(between >= TimeSpan.FromSeconds(2) && between <= TimeSpan.FromSeconds(4), $"stamps of snapshots taken 2 s apart are {between} apart");
    }

    /// <summary>ids come from the pool's snapshot sequence: 1, 2, and every create and remove advances it; the list is in id order; a removed snapshot is gone by name and by id.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void IdsFollowThePoolSequence(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.CreateSnapshot("a");
        io.CreateSnapshot("b");
        Check.Equal(1UL, io.LookupSnapshot("a"), "first id");
        Check.Equal(2UL, io.LookupSnapshot("b"), "second id");
        io.RemoveSnapshot("a");
        io.CreateSnapshot("c");
        Check.Equal(4UL, io.LookupSnapshot("c"), "id after a removal");
        io.CreateSnapshot("a");
        Check.Equal(5UL, io.LookupSnapshot("a"), "id of a re-used name");
        Check.Sequence([2UL, 4UL, 5UL], io.ListSnapshots(), "snapshots");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.GetSnapshotName(1), "name of a removed id");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.GetSnapshotTimestamp(1), "stamp of a removed id");
        io.RemoveSnapshot("b");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.LookupSnapshot("b"), "lookup after remove");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.RemoveSnapshot("b"), "second remove");
        Check.Sequence([4UL, 5UL], io.ListSnapshots(), "snapshots after another removal");
    }

    /// <summary>a name is unique in the pool (EEXIST); the empty name, UTF-8 names and 300-character names are fine.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void SnapshotNames(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.CreateSnapshot("dup");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => io.CreateSnapshot("dup"), "second snapshot of the same name");
        io.CreateSnapshot("");
        Check.Equal("", io.GetSnapshotName(io.LookupSnapshot("")), "empty name");
        io.CreateSnapshot("snap-é✓");
        Check.Equal("snap-é✓", io.GetSnapshotName(io.LookupSnapshot("snap-é✓")), "UTF-8 name");
        string longName = new('n', 300);
        io.CreateSnapshot(longName);
        Check.Equal(longName, io.GetSnapshotName(io.LookupSnapshot(longName)), "300-character name");
        Check.Equal(4, io.ListSnapshots().Count, "snapshot count");
    }

    /// <summary>lookup and remove of an unknown name, and name and stamp of an unknown id, are ENOENT.</summary>
    [ConformanceCase]
    public static void UnknownSnapshotsAreNotFound(RadosCaseContext c)
    {
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.LookupSnapshot("no-such-snapshot"), "lookup");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.RemoveSnapshot("no-such-snapshot"), "remove");
        foreach (ulong id in new[] { 0UL, 99999UL, RadosSnapshot.Head })
        {
            Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.GetSnapshotName(id), $"name of {id}");
            Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.GetSnapshotTimestamp(id), $"stamp of {id}");
        }
    }

    /// <summary>the read snapshot starts at the head, reports what was set, and head again reads the live object.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ReadAtSnapshotSeesOldDataAndHeadSeesNew(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        Check.Equal(RadosSnapshot.Head, io.ReadSnapshot, "read snapshot of a new io context");
        io.WriteFull("o", Bytes.Of("version one"));
        ulong snap = Snapshot(io, "s1");
        io.WriteFull("o", Bytes.Of("v2"));
        io.SetReadSnapshot(snap);
        Check.Equal(snap, io.ReadSnapshot, "read snapshot");
        Check.Bytes(Bytes.Of("version one"), io.ReadAll("o"), "data at the snapshot");
        Check.Bytes(Bytes.Of("sion"), io.Read("o", 4, 3), "partial read at the snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Equal(RadosSnapshot.Head, io.ReadSnapshot, "read snapshot back at the head");
        Check.Bytes(Bytes.Of("v2"), io.ReadAll("o"), "data at the head");
    }

    /// <summary>xattrs at a snapshot are those of the snapshot: changed, added and removed ones.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ReadAtSnapshotSeesOldXattrs(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("data"));
        io.SetXattr("o", "a", Bytes.Of("1"));
        io.SetXattr("o", "gone", Bytes.Of("g"));
        ulong snap = Snapshot(io, "s1");
        io.SetXattr("o", "a", Bytes.Of("2"));
        io.SetXattr("o", "b", Bytes.Of("new"));
        io.RemoveXattr("o", "gone");
        io.SetReadSnapshot(snap);
        Check.Bytes(Bytes.Of("1"), io.GetXattr("o", "a"), "a at the snapshot");
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => io.GetXattr("o", "b"), "xattr added after the snapshot");
        Check.Entries([new("a", Bytes.Of("1")), new("gone", Bytes.Of("g"))], io.GetXattrs("o"), "xattrs at the snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Entries([new("a", Bytes.Of("2")), new("b", Bytes.Of("new"))], io.GetXattrs("o"), "xattrs at the head");
    }

    /// <summary>omap (and xattrs) of an object without data are kept at the snapshot, for values, keys, paging and lookups by key.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ReadAtSnapshotSeesOldOmap(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.SetOmap("o", [Entry("k1", "1"), Entry("k2", "2"), Entry("k3", "3")]);
        io.SetXattr("o", "x", Bytes.Of("1"));
        ulong snap = Snapshot(io, "s1");
        io.SetOmap("o", [Entry("k1", "one"), Entry("k4", "4")]);
        io.RemoveOmapKeys("o", ["k2"]);
        io.RemoveXattr("o", "x");
        io.SetReadSnapshot(snap);
        Check.Equal(0L, io.Stat("o").Size, "size at the snapshot of an object without data");
        Check.Entries([new("x", Bytes.Of("1"))], io.GetXattrs("o"), "xattrs at the snapshot");
        RadosOmapPage page = io.GetOmapValues("o", maxReturn: 2);
        Check.Entries([new("k1", Bytes.Of("1")), new("k2", Bytes.Of("2"))], page.Entries, "first page at the snapshot");
        Check.True(page.More, "more after the first page");
        Check.Sequence(["k3"], io.GetOmapKeys("o", "k2").Keys, "keys after k2 at the snapshot");
        Check.Entries([new("k2", Bytes.Of("2"))], io.GetOmapValuesByKeys("o", ["k2", "k4"]), "by keys at the snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Sequence(["k1", "k3", "k4"], io.GetOmapKeys("o").Keys, "keys at the head");
        io.ClearOmap("o");
        io.SetReadSnapshot(snap);
        Check.Equal(3, io.GetOmapValues("o").Entries.Count, "omap at the snapshot after a clear at the head");
    }

    /// <summary>stat at a snapshot reports the old size and the old mtime.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void StatAtSnapshotReportsOldSizeAndMtime(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("0123456789"));
        RadosObjectStat old = io.Stat("o");
        ulong snap = Snapshot(io, "s1");
        c.Session.Elapse(TimeSpan.FromSeconds(1.2));
        io.Truncate("o", 3);
        io.Append("o", Bytes.Of("XY"));
        RadosObjectStat now = io.Stat("o");
        Check.True(now.ModifiedTime > old.ModifiedTime, "mtime moved at the head");
        io.SetReadSnapshot(snap);
        Check.Equal(old, io.Stat("o"), "stat at the snapshot");
        Check.Bytes(Bytes.Of("0123456789"), io.ReadAll("o"), "data at the snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Bytes(Bytes.Of("012XY"), io.ReadAll("o"), "data at the head");
    }

    /// <summary>an object made after the snapshot does not exist at it: every read is ENOENT.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ObjectCreatedAfterSnapshotIsMissingAtIt(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        ulong snap = Snapshot(io, "s1");
        io.WriteFull("late", Bytes.Of("x"));
        io.SetXattr("late", "a", Bytes.Of("1"));
        io.SetOmap("late", [Entry("k", "v")]);
        io.SetReadSnapshot(snap);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.ReadAll("late"), "read");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat("late"), "stat");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.GetXattr("late", "a"), "getxattr");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.GetXattrs("late"), "getxattrs");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.GetOmapValues("late"), "omap values");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.GetOmapValuesByKeys("late", ["k"]), "omap by keys");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.ReadAll("never-written"), "read of an object never written");
    }

    /// <summary>an object removed after the snapshot is still whole at it, and missing at the head; an object not written since reads the same.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ObjectRemovedAfterSnapshotIsReadableAtIt(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("kept"));
        io.SetXattr("o", "a", Bytes.Of("1"));
        io.SetOmap("o", [Entry("k", "v")]);
        io.WriteFull("same", Bytes.Of("unchanged"));
        ulong snap = Snapshot(io, "s1");
        io.Remove("o");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat("o"), "stat at the head");
        io.SetReadSnapshot(snap);
        Check.Bytes(Bytes.Of("kept"), io.ReadAll("o"), "data at the snapshot");
        Check.Entries([new("a", Bytes.Of("1"))], io.GetXattrs("o"), "xattrs at the snapshot");
        Check.Entries([new("k", Bytes.Of("v"))], io.GetOmapValues("o").Entries, "omap at the snapshot");
        Check.Bytes(Bytes.Of("unchanged"), io.ReadAll("same"), "object not written since, at the snapshot");
    }

    /// <summary>each of two snapshots sees the object as it was when it was taken.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void EachSnapshotSeesItsOwnVersion(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("v1"));
        ulong s1 = Snapshot(io, "s1");
        io.WriteFull("o", Bytes.Of("v2"));
        io.SetXattr("o", "a", Bytes.Of("2"));
        ulong s2 = Snapshot(io, "s2");
        io.WriteFull("o", Bytes.Of("v3"));
        io.SetReadSnapshot(s1);
        Check.Bytes(Bytes.Of("v1"), io.ReadAll("o"), "at s1");
        Check.Equal(0, io.GetXattrs("o").Count, "xattrs at s1");
        io.SetReadSnapshot(s2);
        Check.Bytes(Bytes.Of("v2"), io.ReadAll("o"), "at s2");
        Check.Entries([new("a", Bytes.Of("2"))], io.GetXattrs("o"), "xattrs at s2");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Bytes(Bytes.Of("v3"), io.ReadAll("o"), "at the head");
    }

    /// <summary>a snapshot covers every namespace of the pool; objects keep their locator keys.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void SnapshotCoversEveryNamespace(RadosCaseContext c)
    {
        string pool = c.CreatePool();
        using IRadosIoContext io = c.Client.OpenIoContext(pool);
        using IRadosIoContext other = c.Client.OpenIoContext(pool);
        other.SetNamespace("tenant-b");
        other.SetLocatorKey("lk");
        io.WriteFull("o", Bytes.Of("default v1"));
        other.WriteFull("o", Bytes.Of("tenant v1"));
        ulong snap = Snapshot(io, "s1");
        io.WriteFull("o", Bytes.Of("default v2"));
        other.WriteFull("o", Bytes.Of("tenant v2"));
        Check.Sequence([snap], other.ListSnapshots(), "snapshots seen from another namespace");
        io.SetReadSnapshot(snap);
        other.SetReadSnapshot(snap);
        Check.Bytes(Bytes.Of("default v1"), io.ReadAll("o"), "default namespace at the snapshot");
        Check.Bytes(Bytes.Of("tenant v1"), other.ReadAll("o"), "other namespace at the snapshot");
    }

    /// <summary>the version read at a snapshot is the one the object had when the snapshot was taken.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void VersionAtSnapshotIsTheOldVersion(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("v1"));
        io.SetXattr("o", "a", Bytes.Of("1"));
        ulong old = io.LastVersion;
        ulong snap = Snapshot(io, "s1");
        io.WriteFull("o", Bytes.Of("v2"));
        ulong now = io.LastVersion;
        io.SetReadSnapshot(snap);
        io.ReadAll("o");
        Check.Equal(old, io.LastVersion, "version after a read at the snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        io.ReadAll("o");
        Check.Equal(now, io.LastVersion, "version after a read at the head");
    }

    /// <summary>
    /// an object removed while a snapshot holds a copy of it stays listed (an OSD whiteout) although every call at
    /// the head finds it missing; writing it brings it back. Listing ignores the read snapshot: it shows the objects
    /// there are now.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void RemovedObjectStaysListedWhileASnapshotHoldsIt(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("held", Bytes.Of("x"));
        io.WriteFull("free", Bytes.Of("y"));
        ulong snap = Snapshot(io, "s1");
        io.Remove("held");
        io.WriteFull("fresh", Bytes.Of("z"));
        io.Remove("fresh");
        Check.Sequence(["free", "held"], io.ListObjects().Select(e => e.Name).Order(StringComparer.Ordinal), "listing");
        io.WriteFull("late", Bytes.Of("l"));
        io.SetReadSnapshot(snap);
        Check.Sequence(["free", "held", "late"], io.ListObjects().Select(e => e.Name).Order(StringComparer.Ordinal), "listing at the snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat("held"), "stat");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Remove("held"), "second remove");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.RemoveXattr("held", "a"), "rmxattr");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.ClearOmap("held"), "omap clear");
        io.Create("held", exclusive: true);
        Check.Equal(0L, io.Stat("held").Size, "size of the object made again");
    }

    /// <summary>reads at a removed snapshot fail with ENOENT for objects written since it; unchanged objects read as at the head; an older snapshot sharing the copy keeps it.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ReadAtRemovedSnapshot(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("changed", Bytes.Of("old"));
        io.WriteFull("same", Bytes.Of("same"));
        ulong a = Snapshot(io, "a");
        ulong b = Snapshot(io, "b");
        io.WriteFull("changed", Bytes.Of("new"));
        io.RemoveSnapshot("b");
        io.SetReadSnapshot(b);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.ReadAll("changed"), "object written after the snapshot");
        Check.Bytes(Bytes.Of("same"), io.ReadAll("same"), "object not written since");
        io.SetReadSnapshot(a);
        Check.Bytes(Bytes.Of("old"), io.ReadAll("changed"), "the older snapshot still reads its copy");
    }

    /// <summary>
    /// every write of an io context that reads a snapshot fails with EROFS before anything is checked or sent —
    /// even on a missing object, with an empty or too long name, or beyond the size limit.
    /// </summary>
    [ConformanceCase]
    public static void WritesAtASnapshotAreReadOnly(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("data"));
        c.Io.SetReadSnapshot(1);
        var writes = new (string What, Action Write)[]
        {
            ("write", () => c.Io.Write(oid, Bytes.Of("x"), 0)),
            ("write_full", () => c.Io.WriteFull(oid, Bytes.Of("x"))),
            ("write_full of a new object", () => c.Io.WriteFull(c.NewObjectName(), Bytes.Of("x"))),
            ("append", () => c.Io.Append(oid, Bytes.Of("x"))),
            ("truncate", () => c.Io.Truncate(oid, 0)),
            ("truncate of a missing object", () => c.Io.Truncate(c.NewObjectName(), 0)),
            ("remove", () => c.Io.Remove(oid)),
            ("remove of a missing object", () => c.Io.Remove(c.NewObjectName())),
            ("create", () => c.Io.Create(c.NewObjectName(), exclusive: true)),
            ("setxattr", () => c.Io.SetXattr(oid, "a", Bytes.Of("x"))),
            ("rmxattr", () => c.Io.RemoveXattr(oid, "a")),
            ("omap set", () => c.Io.SetOmap(oid, [Entry("k", "v")])),
            ("omap set of nothing", () => c.Io.SetOmap(oid, [])),
            ("omap rm keys", () => c.Io.RemoveOmapKeys(oid, ["k"])),
            ("omap clear", () => c.Io.ClearOmap(oid)),
            ("write_full with an empty name", () => c.Io.WriteFull("", Bytes.Of("x"))),
            ("write_full with a 2049-byte name", () => c.Io.WriteFull(new string('n', 2049), Bytes.Of("x"))),
            ("setxattr with a 101-byte name", () => c.Io.SetXattr(oid, new string('a', 101), Bytes.Of("x"))),
            ("write beyond the object size limit", () => c.Io.Write(oid, Bytes.Of("x"), 1L << 40)),
        };
        foreach (var (what, write) in writes)
        {
            Check.Throws<StorageException>(Errno.EROFS, write, what);
        }

        c.Io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Bytes(Bytes.Of("data"), c.Io.ReadAll(oid), "object unchanged");
    }

    /// <summary>read snapshot 0 is the head for librados: reads see the live object and writes work.</summary>
    [ConformanceCase]
    public static void ReadSnapshotZeroIsTheHead(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("live"));
        c.Io.SetReadSnapshot(0);
        Check.Equal(0UL, c.Io.ReadSnapshot, "read snapshot as set");
        Check.Bytes(Bytes.Of("live"), c.Io.ReadAll(oid), "read");
        c.Io.WriteFull(oid, Bytes.Of("written"));
        Check.Bytes(Bytes.Of("written"), c.Io.ReadAll(oid), "read after a write");
    }

    /// <summary>
    /// a snapshot id newer than anything the object saw reads the head (even an id no snapshot has);
    /// <c>LIBRADOS_SNAP_DIR</c> is EINVAL.
    /// </summary>
    [ConformanceCase]
    public static void ReadAtUnknownSnapshotIds(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("live"));
        c.Io.SetReadSnapshot(99999);
        Check.Bytes(Bytes.Of("live"), c.Io.ReadAll(oid), "read at an id no snapshot has");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.ReadAll(c.NewObjectName()), "read of a missing object");
        c.Io.SetReadSnapshot(ulong.MaxValue);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.ReadAll(oid), "read at LIBRADOS_SNAP_DIR");
    }

    /// <summary>rollback restores data, xattrs and omap; it is a write, so mtime and version move on, though the io context's last version does not record it.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void RollbackRestoresDataXattrsAndOmap(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("v1"));
        io.SetXattr("o", "a", Bytes.Of("1"));
        io.SetOmap("o", [Entry("k", "1")]);
        Snapshot(io, "s1");
        io.WriteFull("o", Bytes.Of("v2-longer"));
        io.SetXattr("o", "a", Bytes.Of("2"));
        io.SetXattr("o", "b", Bytes.Of("new"));
        io.SetOmap("o", [Entry("k", "2"), Entry("j", "j")]);
        RadosObjectStat before = io.Stat("o");
        ulong version = io.LastVersion;
        c.Session.Elapse(TimeSpan.FromSeconds(1.2));
        io.RollbackSnapshot("o", "s1");
        Check.Equal(version, io.LastVersion, "last version right after the rollback (librados does not record it)");
        Check.Bytes(Bytes.Of("v1"), io.ReadAll("o"), "data");
        Check.Entries([new("a", Bytes.Of("1"))], io.GetXattrs("o"), "xattrs");
        Check.Entries([new("k", Bytes.Of("1"))], io.GetOmapValues("o").Entries, "omap");
        RadosObjectStat after = io.Stat("o");
        Check.True(io.LastVersion > version, "the rollback made a new version");
        Check.Equal(2L, after.Size, "size");
        Check.True(after.ModifiedTime > before.ModifiedTime, "mtime after the rollback is later");
    }

    /// <summary>rollback removes an object that did not exist at the snapshot, restores one removed since, leaves a never-written name alone, and rewrites an unchanged one as it is.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void RollbackCreatesAndRemovesObjects(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("removed", Bytes.Of("three"));
        io.WriteFull("same", Bytes.Of("same"));
        Snapshot(io, "s1");
        RadosObjectStat before = io.Stat("same");
        io.Remove("removed");
        io.WriteFull("late", Bytes.Of("four"));
        io.RollbackSnapshot("late", "s1");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat("late"), "object made after the snapshot");
        io.RollbackSnapshot("removed", "s1");
        Check.Bytes(Bytes.Of("three"), io.ReadAll("removed"), "object removed after the snapshot");
        io.RollbackSnapshot("never", "s1");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat("never"), "name never written");
        c.Session.Elapse(TimeSpan.FromSeconds(1.2));
        io.RollbackSnapshot("same", "s1");
        Check.Bytes(Bytes.Of("same"), io.ReadAll("same"), "object not written since");
        Check.True(io.Stat("same").ModifiedTime > before.ModifiedTime, "a rollback of an unchanged object still counts as a write (mtime)");
    }

    /// <summary>a rollback to an older snapshot keeps what newer snapshots see, and first preserves the object for a snapshot taken after its last write.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void RollbackKeepsNewerSnapshots(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("0123456789"));
        Snapshot(io, "d1");
        io.Truncate("o", 3);
        io.Append("o", Bytes.Of("XY"));
        ulong d2 = Snapshot(io, "d2");
        io.Write("o", Bytes.Of("Q"), 8);
        io.RollbackSnapshot("o", "d1");
        Check.Bytes(Bytes.Of("0123456789"), io.ReadAll("o"), "head after the rollback");
        io.SetReadSnapshot(d2);
        Check.Bytes(Bytes.Of("012XY"), io.ReadAll("o"), "at the newer snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        ulong d3 = Snapshot(io, "d3");
        io.RollbackSnapshot("o", "d2");
        io.SetReadSnapshot(d3);
        Check.Bytes(Bytes.Of("0123456789"), io.ReadAll("o"), "at a snapshot taken after the last write, preserved by the rollback");
    }

    /// <summary>rollback works while the io context reads a snapshot (librados does not refuse it with EROFS).</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void RollbackWhileReadingASnapshot(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("v1"));
        ulong snap = Snapshot(io, "s1");
        io.WriteFull("o", Bytes.Of("v2"));
        io.SetReadSnapshot(snap);
        io.RollbackSnapshot("o", "s1");
        Check.Throws<StorageException>(Errno.EROFS, () => io.WriteFull("o", Bytes.Of("v3")), "an ordinary write still");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Bytes(Bytes.Of("v1"), io.ReadAll("o"), "head after the rollback");
    }

    /// <summary>
    /// rollback to an unknown snapshot name is ENOENT, checked before the object name; with a known snapshot the
    /// empty name is EINVAL and a 2049-byte name ENAMETOOLONG.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void RollbackErrors(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("x"));
        Snapshot(io, "s1");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.RollbackSnapshot("o", "nope"), "unknown snapshot");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.RollbackSnapshot("", "nope"), "unknown snapshot, empty object name");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => io.RollbackSnapshot("", "s1"), "empty object name");
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => io.RollbackSnapshot(new string('n', 2049), "s1"), "2049-byte object name");
        io.RemoveSnapshot("s1");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.RollbackSnapshot("o", "s1"), "removed snapshot");
        Check.Bytes(Bytes.Of("x"), io.ReadAll("o"), "object untouched");
    }

    /// <summary>a pool with pool snapshots applies them whatever write context the client sets, and refuses self-managed snapshots with EINVAL, even after all its snapshots are gone.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void PoolSnapshotPoolRefusesSelfManagedSnapshots(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("v1"));
        ulong snap = Snapshot(io, "s1");
        io.SetSelfManagedSnapshotWriteContext(0, []);
        io.WriteFull("o", Bytes.Of("v2"));
        io.SetReadSnapshot(snap);
        Check.Bytes(Bytes.Of("v1"), io.ReadAll("o"), "at the snapshot, after a write with an empty client write context");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => io.CreateSelfManagedSnapshot(), "self-managed create");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => io.RemoveSelfManagedSnapshot(1), "self-managed remove");
        io.RemoveSnapshot("s1");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => io.CreateSelfManagedSnapshot(), "self-managed create after the last pool snapshot is gone");
        Snapshot(io, "s2");
        Check.Equal(1, io.ListSnapshots().Count, "pool snapshots still work");
    }

    /// <summary>snapshot calls on an io context whose pool was deleted fail with ENOENT.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void SnapshotCallsOnADeletedPoolAreNotFound(RadosCaseContext c)
    {
        string pool = c.CreatePool();
        using IRadosIoContext io = c.Client.OpenIoContext(pool);
        io.WriteFull("o", Bytes.Of("x"));
        io.CreateSnapshot("s");
        c.Client.DeletePool(pool);
        var calls = new (string What, Action Call)[]
        {
            ("snap create", () => io.CreateSnapshot("t")),
            ("snap remove", () => io.RemoveSnapshot("s")),
            ("snap lookup", () => io.LookupSnapshot("s")),
            ("snap list", () => io.ListSnapshots()),
            ("snap name", () => io.GetSnapshotName(1)),
            ("snap rollback", () => io.RollbackSnapshot("o", "s")),
            ("self-managed create", () => io.CreateSelfManagedSnapshot()),
        };
        foreach (var (what, call) in calls)
        {
            Check.Throws<StorageNotFoundException>(Errno.ENOENT, call, what);
        }
    }

    /// <summary>the read snapshot belongs to one io context: others of the same client read and write the head, and it stays through a namespace change.</summary>
    [ConformanceCase]
    public static void ReadSnapshotBelongsToTheIoContext(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("live"));
        using IRadosIoContext other = c.OpenIoContext();
        c.Io.SetReadSnapshot(99999);
        Check.Equal(RadosSnapshot.Head, other.ReadSnapshot, "read snapshot of another io context");
        other.WriteFull(oid, Bytes.Of("written"));
        Check.Bytes(Bytes.Of("written"), c.Io.ReadAll(oid), "read through the io context at a snapshot id newer than the object");
        c.Io.SetNamespace(c.Namespace + "-b");
        Check.Equal(99999UL, c.Io.ReadSnapshot, "read snapshot after a namespace change");
        Check.Throws<StorageException>(Errno.EROFS, () => c.Io.WriteFull(oid, Bytes.Of("x")), "write in the other namespace");
        c.Io.SetNamespace(c.Namespace);
    }

    /// <summary>after the client shut down, every snapshot call fails with ENOTCONN; the read snapshot still answers.</summary>
    [ConformanceCase]
    public static void SnapshotCallsAfterShutdownAreNotConnected(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient();
        using IRadosIoContext io = client.OpenIoContext(c.Target.SharedPool);
        io.SetNamespace(c.Namespace);
        io.SetReadSnapshot(3);
        client.Shutdown();
        var calls = new (string What, Action Call)[]
        {
            ("snap create", () => io.CreateSnapshot("s")),
            ("snap remove", () => io.RemoveSnapshot("s")),
            ("snap lookup", () => io.LookupSnapshot("s")),
            ("snap list", () => io.ListSnapshots()),
            ("snap name", () => io.GetSnapshotName(1)),
            ("snap stamp", () => io.GetSnapshotTimestamp(1)),
            ("snap rollback", () => io.RollbackSnapshot("o", "s")),
            ("snap set read", () => io.SetReadSnapshot(RadosSnapshot.Head)),
            ("self-managed create", () => io.CreateSelfManagedSnapshot()),
            ("self-managed remove", () => io.RemoveSelfManagedSnapshot(2)),
            ("self-managed rollback", () => io.RollbackSelfManagedSnapshot("o", 2)),
            ("self-managed write context", () => io.SetSelfManagedSnapshotWriteContext(2, [2])),
            ("write at a snapshot", () => io.WriteFull("o", Bytes.Of("x"))),
        };
        foreach (var (what, call) in calls)
        {
            Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, call, what);
        }

        Check.Equal(3UL, io.ReadSnapshot, "read snapshot still answers");
    }

    /// <summary>on a disposed io context snapshot calls throw ObjectDisposedException, after the argument checks.</summary>
    [ConformanceCase]
    public static void SnapshotCallsOnADisposedIoContext(RadosCaseContext c)
    {
        IRadosIoContext io = c.OpenIoContext();
        io.SetReadSnapshot(3);
        io.Dispose();
        Check.ThrowsExactly<ArgumentNullException>(() => io.CreateSnapshot(null!), "null name");
        Check.ThrowsExactly<ObjectDisposedException>(() => io.CreateSnapshot("s"), "snap create");
        Check.ThrowsExactly<ObjectDisposedException>(() => io.ListSnapshots(), "snap list");
        Check.ThrowsExactly<ObjectDisposedException>(() => io.SetReadSnapshot(RadosSnapshot.Head), "snap set read");
        Check.ThrowsExactly<ObjectDisposedException>(() => io.RollbackSelfManagedSnapshot("o", 2), "self-managed rollback");
        Check.ThrowsExactly<ObjectDisposedException>(() => io.SetSelfManagedSnapshotWriteContext(2, [2]), "self-managed write context");
        Check.ThrowsExactly<ObjectDisposedException>(() => io.WriteFull("o", Bytes.Of("x")), "write at a snapshot");
    }

    /// <summary>null names and lists are ArgumentNullException and a NUL in a snapshot name ArgumentException, before any I/O.</summary>
    [ConformanceCase]
    public static void SnapshotArgumentsAreChecked(RadosCaseContext c)
    {
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.CreateSnapshot(null!), "create");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.RemoveSnapshot(null!), "remove");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.LookupSnapshot(null!), "lookup");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.RollbackSnapshot(null!, "s"), "rollback object");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.RollbackSnapshot("o", null!), "rollback snapshot");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.RollbackSelfManagedSnapshot(null!, 2), "self-managed rollback object");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.SetSelfManagedSnapshotWriteContext(2, null!), "write context snapshots");
        Check.ThrowsExactly<ArgumentException>(() => c.Io.CreateSnapshot("s\0t"), "NUL in a snapshot name");
        Check.ThrowsExactly<ArgumentException>(() => c.Io.RollbackSnapshot("o\0p", "s"), "NUL in an object name");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.LookupSnapshot("s"), "nothing was created");
    }

    /// <summary>snapshot errors name the C function that failed.</summary>
    [ConformanceCase]
    public static void ErrorsNameTheCFunction(RadosCaseContext c)
    {
        Check.Equal("rados_ioctx_snap_lookup", Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.LookupSnapshot("nope"), "lookup").Operation, "lookup");
        Check.Equal("rados_ioctx_snap_remove", Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.RemoveSnapshot("nope"), "remove").Operation, "remove");
        Check.Equal("rados_ioctx_snap_get_name", Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.GetSnapshotName(99999), "name").Operation, "name");
        Check.Equal("rados_ioctx_snap_get_stamp", Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.GetSnapshotTimestamp(99999), "stamp").Operation, "stamp");
        Check.Equal("rados_ioctx_snap_rollback", Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.RollbackSnapshot("o", "nope"), "rollback").Operation, "rollback");
        Check.Equal("rados_ioctx_selfmanaged_snap_set_write_ctx",
            Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.SetSelfManagedSnapshotWriteContext(1, [2]), "write context").Operation, "write context");
        c.Io.SetReadSnapshot(5);
        Check.Equal("rados_write_full", Check.Throws<StorageException>(Errno.EROFS, () => c.Io.WriteFull("o", Bytes.Of("x")), "write_full").Operation, "write_full at a snapshot");
        Check.Equal("rados_write_op_omap_set2", Check.Throws<StorageException>(Errno.EROFS, () => c.Io.SetOmap("o", [Entry("k", "v")]), "omap set").Operation, "omap set at a snapshot");
        c.Io.SetReadSnapshot(RadosSnapshot.Head);
    }

    /// <summary>compound operations honour snapshots: a compound write after a snapshot leaves the snapshot's view, a compound read at the snapshot sees it.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void CompoundOperationsHonourSnapshots(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("before"));
        io.SetXattr("o", "x", Bytes.Of("1"));
        io.CreateSnapshot("s");
        ulong snap = io.LookupSnapshot("s");
        var write = new RadosWriteOperation();
        write.WriteFull(Bytes.Of("after!"));
        write.SetXattr("x", Bytes.Of("2"));
        io.Operate("o", write);
        var removal = new RadosWriteOperation();
        removal.Remove();
        io.WriteFull("gone", Bytes.Of("g"));
        io.CreateSnapshot("s2");
        io.Operate("gone", removal);
        io.SetReadSnapshot(snap);
        var read = new RadosReadOperation();
        RadosReadStep data = read.Read(0, 16);
        io.Operate("o", read);
        Check.Bytes(Bytes.Of("before"), data.Buffer.Span[..data.BytesRead], "compound read at the snapshot");
        Check.Bytes(Bytes.Of("1"), io.GetXattr("o", "x"), "xattr at the snapshot");
        io.SetReadSnapshot(io.LookupSnapshot("s2"));
        Check.Bytes(Bytes.Of("g"), io.ReadAll("gone"), "object removed by a compound op, read at the later snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Bytes(Bytes.Of("after!"), io.ReadAll("o"), "head");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat("gone"), "removed object at head");
    }

    /// <summary>a lock taken after a snapshot (a class-method write) is not part of the snapshot's xattrs.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void LockAfterSnapshotIsNotInTheSnapshot(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("data"));
        io.CreateSnapshot("s");
        io.LockExclusive("o", "l", "cookie");
        Check.True(io.GetXattrs("o").ContainsKey("lock.l"), "the head carries the lock xattr");
        io.SetReadSnapshot(io.LookupSnapshot("s"));
        Check.Sequence([], io.GetXattrs("o").Keys, "xattrs at the snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        io.Unlock("o", "l", "cookie");
    }

    internal static IRadosIoContext OwnPool(RadosCaseContext c) => c.Client.OpenIoContext(c.CreatePool());

    internal static KeyValuePair<string, ReadOnlyMemory<byte>> Entry(string key, string value) => new(key, Bytes.Of(value));

    private static ulong Snapshot(IRadosIoContext io, string name)
    {
        io.CreateSnapshot(name);
        return io.LookupSnapshot(name);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => time.AddTicks(-(time.UtcTicks % TimeSpan.TicksPerSecond));
}
