using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using static StorageKit.Conformance.Rados.SnapshotCases;

namespace StorageKit.Conformance.Rados;

/// <summary>
/// Self-managed snapshots (as RBD uses them): ids from the monitors, applied only by writes whose write context
/// names them; reads at an id, rollback, removal. Each case that allocates ids uses a pool of its own.
/// </summary>
[ConformanceArea("rados.selfmanaged")]
public static class SelfManagedSnapshotCases
{
    /// <summary>
    /// the first id of a pool is 2; every create and every first remove advances the sequence; removing an id twice
    /// is fine; an id above the sequence is ENOENT.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void IdsFollowThePoolSequence(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        ulong first = io.CreateSelfManagedSnapshot();
        Check.Equal(2UL, first, "first id");
        Check.Equal(3UL, io.CreateSelfManagedSnapshot(), "second id");
        io.RemoveSelfManagedSnapshot(first);
        io.RemoveSelfManagedSnapshot(first);
        Check.Equal(5UL, io.CreateSelfManagedSnapshot(), "id after one removal, done twice");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.RemoveSelfManagedSnapshot(99), "remove of an id above the sequence");
        io.RemoveSelfManagedSnapshot(0);
        Check.Equal(7UL, io.CreateSelfManagedSnapshot(), "id after removing 0, which was never handed out");
    }

    /// <summary>
    /// a pool that has self-managed snapshots refuses pool snapshots (EINVAL); it has no pool snapshots to list,
    /// look up, name, remove or roll back to.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void SelfManagedPoolRefusesPoolSnapshots(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("x"));
        ulong id = io.CreateSelfManagedSnapshot();
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => io.CreateSnapshot("p"), "pool snapshot create");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.LookupSnapshot("p"), "lookup");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.RemoveSnapshot("p"), "remove");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.RollbackSnapshot("o", "p"), "rollback");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.GetSnapshotName(id), "name of a self-managed id");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.GetSnapshotTimestamp(id), "stamp of a self-managed id");
        Check.Sequence([], io.ListSnapshots(), "pool snapshots");
    }

    /// <summary>
    /// a pool that never had snapshots answers a self-managed remove with EOPNOTSUPP and can still take pool snapshots;
    /// until then the OSD honours a client's invented write context, so the first pool snapshot (id 1) finds the
    /// object already newer than it.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void RemoveInAPoolWithoutSnapshotsIsNotSupported(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        Check.Throws<StorageNotSupportedException>(Errno.EOPNOTSUPP, () => io.RemoveSelfManagedSnapshot(1), "remove of 1");
        Check.Throws<StorageNotSupportedException>(Errno.EOPNOTSUPP, () => io.RemoveSelfManagedSnapshot(5), "remove of 5");
        io.SetSelfManagedSnapshotWriteContext(5, [5, 3]);
        io.WriteFull("o", Bytes.Of("v1"));
        io.CreateSnapshot("p");
        ulong p = io.LookupSnapshot("p");
        Check.Equal(1UL, p, "first pool snapshot id");
        io.WriteFull("o", Bytes.Of("v2"));
        io.SetReadSnapshot(p);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.ReadAll("o"), "object written under the invented context, at the pool snapshot");
    }

    /// <summary>
    /// a write whose context names the snapshot preserves data, xattrs and omap for it (a removal too, and the removed
    /// object stays listed); a write without a context preserves nothing; reads at the snapshot are read-only.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void WriteContextPreservesTheObject(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("v1"));
        io.SetXattr("o", "a", Bytes.Of("1"));
        io.SetOmap("o", [Entry("k", "1")]);
        io.WriteFull("plain", Bytes.Of("p1"));
        io.WriteFull("removed", Bytes.Of("r1"));
        ulong id = io.CreateSelfManagedSnapshot();
        io.WriteFull("plain", Bytes.Of("p2"));
        io.SetSelfManagedSnapshotWriteContext(id, [id]);
        io.WriteFull("o", Bytes.Of("v2"));
        io.SetXattr("o", "a", Bytes.Of("2"));
        io.SetOmap("o", [Entry("k", "2")]);
        io.Remove("removed");
        Check.Sequence(["o", "plain", "removed"], io.ListObjects().Select(e => e.Name).Order(StringComparer.Ordinal), "listing: the removed object stays while a copy serves the snapshot");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.ReadAll("removed"), "removed object at the head");
        io.SetReadSnapshot(id);
        Check.Bytes(Bytes.Of("p2"), io.ReadAll("plain"), "object written without a write context, at the snapshot");
        Check.Bytes(Bytes.Of("r1"), io.ReadAll("removed"), "removed object at the snapshot");
        Check.Bytes(Bytes.Of("v1"), io.ReadAll("o"), "data at the snapshot");
        Check.Entries([new("a", Bytes.Of("1"))], io.GetXattrs("o"), "xattrs at the snapshot");
        Check.Entries([new("k", Bytes.Of("1"))], io.GetOmapValues("o").Entries, "omap at the snapshot");
        Check.Throws<StorageException>(Errno.EROFS, () => io.WriteFull("o", Bytes.Of("x")), "write at the snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Bytes(Bytes.Of("v2"), io.ReadAll("o"), "data at the head");
    }

    /// <summary>
    /// an object made under a write context does not exist at the snapshots of that context, but newer ids read its head;
    /// an object made under a newer context is missing at both.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ObjectsMadeUnderAContextAreMissingAtItsSnapshots(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        ulong first = io.CreateSelfManagedSnapshot();
        io.SetSelfManagedSnapshotWriteContext(first, [first]);
        ulong second = io.CreateSelfManagedSnapshot();
        io.WriteFull("n", Bytes.Of("new"));
        io.SetSelfManagedSnapshotWriteContext(second, [second, first]);
        io.WriteFull("m", Bytes.Of("newer"));
        io.SetReadSnapshot(first);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.ReadAll("n"), "n at the first snapshot");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.ReadAll("m"), "m at the first snapshot");
        io.SetReadSnapshot(second);
        Check.Bytes(Bytes.Of("new"), io.ReadAll("n"), "n at the second snapshot (its head)");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.ReadAll("m"), "m at the second snapshot");
    }

    /// <summary>
    /// a copy serves exactly the snapshots the write context listed that the object had not seen: ids in between,
    /// or older than the object, are missing there.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void CopyServesOnlyTheListedSnapshots(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        ulong a = io.CreateSelfManagedSnapshot();
        ulong b = io.CreateSelfManagedSnapshot();
        ulong d = io.CreateSelfManagedSnapshot();
        ulong e = io.CreateSelfManagedSnapshot();
        io.WriteFull("o", Bytes.Of("old"));
        io.SetSelfManagedSnapshotWriteContext(e, [e, b]);
        io.WriteFull("o", Bytes.Of("new"));
        foreach (var (id, expected) in new[] { (a, (string?)null), (b, "old"), (d, null), (e, "old") })
        {
            io.SetReadSnapshot(id);
            if (expected is null)
            {
                Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.ReadAll("o"), $"at {id}");
            }
            else
            {
                Check.Bytes(Bytes.Of(expected), io.ReadAll("o"), $"at {id}");
            }
        }
    }

    /// <summary>
    /// a write context newer than the snapshots it lists keeps a copy for them; a later write with an older context
    /// neither copies again nor disturbs the copies.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void OlderWriteContextLeavesCopiesAlone(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("v1"));
        ulong first = io.CreateSelfManagedSnapshot();
        io.SetSelfManagedSnapshotWriteContext(first, [first]);
        io.WriteFull("o", Bytes.Of("v2"));
        ulong second = io.CreateSelfManagedSnapshot();
        io.SetSelfManagedSnapshotWriteContext(second, [second, first]);
        io.WriteFull("o", Bytes.Of("v3"));
        io.SetSelfManagedSnapshotWriteContext(first, [first]);
        io.WriteFull("o", Bytes.Of("v4"));
        io.SetReadSnapshot(first);
        Check.Bytes(Bytes.Of("v1"), io.ReadAll("o"), "at the first snapshot");
        io.SetReadSnapshot(second);
        Check.Bytes(Bytes.Of("v2"), io.ReadAll("o"), "at the second snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Bytes(Bytes.Of("v4"), io.ReadAll("o"), "at the head");
    }

    /// <summary>
    /// librados accepts a write context only when its ids strictly descend and none is above the sequence (EINVAL),
    /// and the sequence is not LIBRADOS_SNAP_HEAD; ids need not exist.
    /// </summary>
    [ConformanceCase]
    public static void WriteContextValidation(RadosCaseContext c)
    {
        var invalid = new (ulong Sequence, ulong[] Snapshots)[] { (1, [2]), (5, [1, 2]), (5, [2, 2]), (RadosSnapshot.Head, []) };
        foreach (var (sequence, snapshots) in invalid)
        {
            Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL,
                () => c.Io.SetSelfManagedSnapshotWriteContext(sequence, snapshots), $"context ({sequence}, [{string.Join(",", snapshots)}])");
        }

        var valid = new (ulong Sequence, ulong[] Snapshots)[] { (5, []), (0, []), (5, [0]), (5, [3, 0]), (5, [5, 3]), (unchecked((ulong)-3L), []) };
        foreach (var (sequence, snapshots) in valid)
        {
            c.Io.SetSelfManagedSnapshotWriteContext(sequence, snapshots);
        }
    }

    /// <summary>
    /// rollback restores data, xattrs and omap; to an id the object did not exist at it removes the object; to an id
    /// newer than the object it changes nothing; a never-written name stays missing.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void RollbackToSelfManagedSnapshot(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("v1"));
        io.SetXattr("o", "a", Bytes.Of("1"));
        io.SetOmap("o", [Entry("k", "1")]);
        ulong id = io.CreateSelfManagedSnapshot();
        io.SetSelfManagedSnapshotWriteContext(id, [id]);
        io.WriteFull("o", Bytes.Of("v2"));
        io.SetXattr("o", "b", Bytes.Of("2"));
        io.RemoveOmapKeys("o", ["k"]);
        io.WriteFull("late", Bytes.Of("x"));
        io.RollbackSelfManagedSnapshot("o", id);
        Check.Bytes(Bytes.Of("v1"), io.ReadAll("o"), "data");
        Check.Entries([new("a", Bytes.Of("1"))], io.GetXattrs("o"), "xattrs");
        Check.Entries([new("k", Bytes.Of("1"))], io.GetOmapValues("o").Entries, "omap");
        io.RollbackSelfManagedSnapshot("late", id);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat("late"), "object made after the snapshot");
        io.RollbackSelfManagedSnapshot("o", 99999);
        Check.Bytes(Bytes.Of("v1"), io.ReadAll("o"), "after a rollback to a newer id");
        io.RollbackSelfManagedSnapshot("never", id);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat("never"), "never-written name");
    }

    /// <summary>
    /// without any snapshot, a rollback to LIBRADOS_SNAP_HEAD or to a large id keeps the object, a rollback to id 0
    /// (before everything) removes it, and a rollback of a missing object does nothing; empty names are EINVAL.
    /// </summary>
    [ConformanceCase]
    public static void RollbackWithoutSnapshots(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("v1"));
        c.Io.RollbackSelfManagedSnapshot(oid, RadosSnapshot.Head);
        c.Io.RollbackSelfManagedSnapshot(oid, 99999);
        Check.Bytes(Bytes.Of("v1"), c.Io.ReadAll(oid), "after rollbacks to the head and to a large id");
        c.Io.RollbackSelfManagedSnapshot(oid, 0);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Stat(oid), "after a rollback to 0");
        c.Io.RollbackSelfManagedSnapshot(c.NewObjectName(), 2);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.RollbackSelfManagedSnapshot("", 2), "empty object name");
        Check.Equal(0, c.Io.ListObjects().Count(), "nothing left");
    }

    /// <summary>
    /// after a self-managed snapshot is removed, reads at it fail for objects written since and a rollback to it
    /// removes them; objects not written since read as at the head.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void RemovedSelfManagedSnapshot(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("v1"));
        io.WriteFull("keep", Bytes.Of("k"));
        ulong id = io.CreateSelfManagedSnapshot();
        io.SetSelfManagedSnapshotWriteContext(id, [id]);
        io.WriteFull("o", Bytes.Of("v2"));
        io.RemoveSelfManagedSnapshot(id);
        io.SetReadSnapshot(id);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.ReadAll("o"), "object written since, at the removed snapshot");
        Check.Bytes(Bytes.Of("k"), io.ReadAll("keep"), "object not written since");
        io.SetReadSnapshot(RadosSnapshot.Head);
        io.RollbackSelfManagedSnapshot("o", id);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat("o"), "after a rollback to the removed snapshot");
        io.RollbackSelfManagedSnapshot("keep", id);
        Check.Bytes(Bytes.Of("k"), io.ReadAll("keep"), "unchanged object after the rollback");
    }

    /// <summary>a rollback while a newer write context is set first preserves the current object for the newer snapshot.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void RollbackUnderANewerContextPreservesTheObject(RadosCaseContext c)
    {
        using IRadosIoContext io = OwnPool(c);
        io.WriteFull("o", Bytes.Of("v1"));
        ulong first = io.CreateSelfManagedSnapshot();
        io.SetSelfManagedSnapshotWriteContext(first, [first]);
        io.WriteFull("o", Bytes.Of("v2"));
        ulong second = io.CreateSelfManagedSnapshot();
        io.SetSelfManagedSnapshotWriteContext(second, [second, first]);
        io.SetReadSnapshot(second);
        io.RollbackSelfManagedSnapshot("o", first);
        Check.Bytes(Bytes.Of("v2"), io.ReadAll("o"), "at the second snapshot");
        io.SetReadSnapshot(RadosSnapshot.Head);
        Check.Bytes(Bytes.Of("v1"), io.ReadAll("o"), "head after the rollback");
    }
}
