using StorageKit.Conformance.Framework;
using StorageKit.Conformance.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// The RBD trash measured on a real Ceph 16 cluster (docs/native-probe-results.md, "RBD trash"): move, list,
/// get, restore, remove and purge, deferment edges on the session clock, and the <c>rbd_trash</c> layout.
/// </summary>
[ConformanceArea("rbd.trash")]
public static class TrashCases
{
    /// <summary>a trashed image leaves the image list and cannot be opened by name, and the trash lists it with its name.</summary>
    [ConformanceCase]
    public static void MoveHidesImage(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string name = s.NewImage(4096);
        string id = trash.Move(name);
        Check.True(!s.Rbd.List().Contains(name), "not listed");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.Open(name).Dispose(), "open by name");
        var entry = s.Rbd.ListTrash().Single(e => e.Id == id);
        Check.Equal(name, entry.Name, "trash name");
        Check.Equal(RbdTrashImageSource.User, entry.Source, "source");
        Check.Equal(entry, s.Rbd.GetTrash(id), "get");
    }

    /// <summary>deletion time is the clock's second of the move; the deferment ends the delay later.</summary>
    [ConformanceCase]
    public static void TimesFollowTheClock(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        var before = c.Session.UtcNow;
        string id = trash.Move(s.NewImage(4096), TimeSpan.FromSeconds(100));
        var after = c.Session.UtcNow;
        var entry = s.Rbd.GetTrash(id);
        Check.True(entry.DeletionTime.ToUnixTimeSeconds() >= before.ToUnixTimeSeconds() && entry.DeletionTime <= after, "deletion time " + entry.DeletionTime);
        Check.Equal(entry.DeletionTime.AddSeconds(100), entry.DefermentEndTime, "deferment end");
        string zero = trash.Move(s.NewImage(4096));
        var immediate = s.Rbd.GetTrash(zero);
        Check.Equal(immediate.DeletionTime, immediate.DefermentEndTime, "no delay");
    }

    /// <summary>get of an id not in the trash is ENOENT, also for an image outside the trash.</summary>
    [ConformanceCase]
    public static void GetMissingIsNotFound(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(4096);
        string id;
        using (var image = s.Rbd.Open(name))
        {
            id = image.Id;
        }

        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetTrash("0123456789ab"), "unknown id");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetTrash(id), "live image");
    }

    /// <summary>moving a missing image is ENOENT, and so is moving a trashed image's name again.</summary>
    [ConformanceCase]
    public static void MoveMissingIsNotFound(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.MoveToTrash(s.NewName("missing")), "missing");
        string name = s.NewImage(4096);
        trash.Move(name);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.MoveToTrash(name), "again");
    }

    /// <summary>a trashed image still opens by id, with its name, size and data.</summary>
    [ConformanceCase]
    public static void OpenByIdInTrash(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string name = s.NewImage(8192);
        using (var image = s.Rbd.Open(name))
        {
            image.Write(Bytes.Of("trashed data"), 10);
        }

        string id = trash.Move(name);
        using var opened = s.Rbd.OpenById(id, null, readOnly: true);
        Check.Equal(name, opened.Name, "name");
        Check.Equal(8192L, opened.Size, "size");
        var buffer = new byte[12];
        opened.Read(buffer, 10);
        Check.Bytes(Bytes.Of("trashed data"), buffer, "data");
    }

    /// <summary>the trashed image's name is free: a new image can take it, and restoring onto it is EEXIST; restoring under another name works.</summary>
    [ConformanceCase]
    public static void NameIsFreeAfterMove(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string name = s.NewImage(4096);
        string id = trash.Move(name);
        s.Rbd.Create(name, 4096, 12);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.RestoreFromTrash(id), "restore onto the new image");
        string other = s.NewName("restored");
        s.Rbd.RestoreFromTrash(id, other);
        Check.True(s.Rbd.List().Contains(other), "restored under the new name");
        using var image = s.Rbd.Open(other);
        Check.Equal(id, image.Id, "same id");
    }

    /// <summary>restore brings the image back under its name with its data; the trash no longer has it.</summary>
    [ConformanceCase]
    public static void RestoreKeepsData(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string name = s.NewImage(8192);
        using (var image = s.Rbd.Open(name))
        {
            image.Write(Bytes.Of("keep me"), 4096);
        }

        string id = trash.Move(name, TimeSpan.FromSeconds(100));
        s.Rbd.RestoreFromTrash(id);
        Check.True(s.Rbd.List().Contains(name), "listed");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetTrash(id), "left the trash");
        using var restored = s.Rbd.Open(name);
        var buffer = new byte[7];
        restored.Read(buffer, 4096);
        Check.Bytes(Bytes.Of("keep me"), buffer, "data");
    }

    /// <summary>restore and remove of an id not in the trash are ENOENT, also right after a restore.</summary>
    [ConformanceCase]
    public static void RestoreAndRemoveMissingAreNotFound(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RestoreFromTrash("0123456789ab"), "restore unknown");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RemoveFromTrash("0123456789ab", force: true), "remove unknown");
        string name = s.NewImage(4096);
        string id = trash.Move(name);
        s.Rbd.RestoreFromTrash(id);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RestoreFromTrash(id), "restore again");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RemoveFromTrash(id, force: true), "remove restored");
    }

    /// <summary>before the deferment ends removal is EPERM; with force it goes, and the image's objects with it.</summary>
    [ConformanceCase]
    public static void RemoveBeforeDefermentNeedsForce(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string name = s.NewImage(3 * 4096);
        using (var image = s.Rbd.Open(name))
        {
            image.Write(new byte[5000], 0);
        }

        string id = trash.Move(name, TimeSpan.FromSeconds(100));
        Check.Throws<StoragePermissionException>(Errno.EPERM, () => s.Rbd.RemoveFromTrash(id), "not yet");
        s.Rbd.RemoveFromTrash(id, force: true);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetTrash(id), "gone from the trash");
        Check.Equal(0, s.Io.ListObjects().Count(o => o.Name.Contains(id, StringComparison.Ordinal)), "no objects of the image left");
    }

    /// <summary>deferment edge on the clock: a second into a two-second delay removal is still EPERM, past its end it works without force.</summary>
    [ConformanceCase]
    public static void DefermentEndsOnTheClock(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string id = trash.Move(s.NewImage(4096), TimeSpan.FromSeconds(2));
        c.Session.Elapse(TimeSpan.FromSeconds(1));
        Check.Throws<StoragePermissionException>(Errno.EPERM, () => s.Rbd.RemoveFromTrash(id), "inside the deferment");
        c.Session.Elapse(TimeSpan.FromSeconds(1.5));
        s.Rbd.RemoveFromTrash(id);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetTrash(id), "removed");
    }

    /// <summary>an image with snapshots moves to the trash, but removing it is ENOTEMPTY even with force; restored, it keeps them.</summary>
    [ConformanceCase]
    public static void RemoveWithSnapshotsIsNotEmpty(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string name = s.NewImage(4096);
        using (var image = s.Rbd.Open(name))
        {
            image.CreateSnapshot("s");
        }

        string id = trash.Move(name);
        Check.Throws<StorageNotEmptyException>(Errno.ENOTEMPTY, () => s.Rbd.RemoveFromTrash(id), "without force");
        Check.Throws<StorageNotEmptyException>(Errno.ENOTEMPTY, () => s.Rbd.RemoveFromTrash(id, force: true), "with force");
        s.Rbd.RestoreFromTrash(id);
        using var restored = s.Rbd.Open(name);
        Check.Equal("s", restored.ListSnapshots().Single().Name, "snapshot kept");
    }

    /// <summary>an image open for writing moves to the trash, and the open handle keeps working; restore brings the writes back.</summary>
    [ConformanceCase]
    public static void MoveWhileOpen(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string name = s.NewImage(4096);
        string id;
        using (var image = s.Rbd.Open(name))
        {
            id = trash.Move(name);
            image.Write(Bytes.Of("still open"), 0);
            Check.Equal(4096L, image.Size, "size");
        }

        s.Rbd.RestoreFromTrash(id);
        using var restored = s.Rbd.Open(name);
        var buffer = new byte[10];
        restored.Read(buffer, 0);
        Check.Bytes(Bytes.Of("still open"), buffer, "written while trashed");
    }

    /// <summary>a trashed image open by id for writing cannot be removed from the trash: EBUSY, even with force.</summary>
    [ConformanceCase]
    public static void RemoveWhileOpenIsBusy(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string id = trash.Move(s.NewImage(4096));
        using (s.Rbd.OpenById(id))
        {
            Check.Throws<StorageBusyException>(Errno.EBUSY, () => s.Rbd.RemoveFromTrash(id, force: true), "open");
        }

        s.Rbd.RemoveFromTrash(id, force: true);
    }

    /// <summary>removal from the trash reports every object of the image, like rbd_remove_with_progress.</summary>
    [ConformanceCase]
    public static void RemoveReportsProgress(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string name = s.NewImage(3 * 4096);
        using (var image = s.Rbd.Open(name))
        {
            image.Write(new byte[100], 0);
        }

        string id = trash.Move(name);
        var reports = new ProgressLog();
        s.Rbd.RemoveFromTrash(id, progress: reports);
        Check.Sequence([new RbdProgress(0, 3), new RbdProgress(1, 3), new RbdProgress(2, 3)], reports.Sorted(), "progress");
    }

    /// <summary>
    /// the trash is the <c>rbd_trash</c> omap: key <c>id_&lt;id&gt;</c>, a version 2 TrashImageSpec with source, name,
    /// times and state; <c>rbd_id.&lt;name&gt;</c> and the directory entries are gone, the header stays.
    /// </summary>
    [ConformanceCase]
    public static void TrashLayout(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string name = s.NewImage(4096);
        string id = trash.Move(name, TimeSpan.FromSeconds(7));
        var value = s.Io.GetOmapValuesByKeys("rbd_trash", ["id_" + id])["id_" + id].ToArray();
        Check.Bytes([2, 1], value.AsSpan(0, 2), "encoding version");
        Check.Equal(value.Length - 6, BitConverter.ToInt32(value, 2), "encoded length");
        Check.Equal((byte)0, value[6], "source user");
        Check.Equal(name.Length, BitConverter.ToInt32(value, 7), "name length");
        Check.Equal(name, System.Text.Encoding.UTF8.GetString(value, 11, name.Length), "name");
        uint deleted = BitConverter.ToUInt32(value, 11 + name.Length);
        uint deferred = BitConverter.ToUInt32(value, 19 + name.Length);
        Check.Equal(s.Rbd.GetTrash(id).DeletionTime.ToUnixTimeSeconds(), (long)deleted, "deletion seconds");
        Check.Equal(deleted + 7, deferred, "deferment seconds");
        Check.Equal((byte)0, value[^1], "state normal");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Io.Stat("rbd_id." + name), "id object gone");
        Check.Equal(0, s.Io.GetOmapValuesByKeys("rbd_directory", ["name_" + name, "id_" + id]).Count, "directory entries gone");
        Check.True(s.Io.GetOmapValuesByKeys("rbd_header." + id, ["size"]).Count == 1, "header kept");
    }

    /// <summary>purge removes the images whose deferment ended before the given time and keeps the rest.</summary>
    [ConformanceCase]
    public static void PurgeRemovesExpiredOnly(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string soon = trash.Move(s.NewImage(4096));
        string later = trash.Move(s.NewImage(4096), TimeSpan.FromSeconds(100));
        s.Rbd.PurgeTrash(c.Session.UtcNow.AddSeconds(10));
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetTrash(soon), "expired one purged");
        Check.Equal(later, s.Rbd.GetTrash(later).Id, "deferred one kept");
        s.Rbd.PurgeTrash(c.Session.UtcNow.AddSeconds(1000));
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetTrash(later), "purged later");
    }

    /// <summary>purge stops at an expired image with snapshots: ENOTEMPTY, and that image stays in the trash.</summary>
    [ConformanceCase]
    public static void PurgeWithSnapshotsIsNotEmpty(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string name = s.NewImage(4096);
        using (var image = s.Rbd.Open(name))
        {
            image.CreateSnapshot("s");
        }

        string id = trash.Move(name);
        Check.Throws<StorageNotEmptyException>(Errno.ENOTEMPTY, () => s.Rbd.PurgeTrash(c.Session.UtcNow.AddSeconds(10)), "purge");
        Check.Equal(name, s.Rbd.GetTrash(id).Name, "kept");
        s.Rbd.RestoreFromTrash(id);
    }

    /// <summary>a trashed clone is still the parent snapshot's child, listed with its name and in the trash; unprotecting stays EBUSY.</summary>
    [ConformanceCase]
    public static void TrashedChildStillCounts(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string parent = s.NewImage(8192);
        using (var image = s.Rbd.Open(parent))
        {
            image.CreateSnapshot("s");
            image.ProtectSnapshot("s");
        }

        string child = s.NewName("child");
        s.Rbd.Clone(parent, "s", child);
        string id = trash.Move(child);
        using (var image = s.Rbd.Open(parent))
        {
            var listed = image.ListChildren().Single();
            Check.Equal(id, listed.ImageId, "child id");
            Check.Equal(child, listed.ImageName, "child name");
            Check.True(listed.IsInTrash, "in the trash");
            Check.Throws<StorageBusyException>(Errno.EBUSY, () => image.UnprotectSnapshot("s"), "unprotect");
        }

        s.Rbd.RemoveFromTrash(id, force: true);
        using var after = s.Rbd.Open(parent);
        Check.Equal(0, after.ListChildren().Count, "no child after removal");
        after.UnprotectSnapshot("s");
        after.RemoveSnapshot("s");
    }

    /// <summary>a clone's trashed parent is reported with its name and in the trash; it cannot be removed from there (ENOTEMPTY: its snapshot).</summary>
    [ConformanceCase]
    public static void TrashedParentOfClone(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var trash = new TrashCleanup(s.Rbd);
        string parent = s.NewImage(8192);
        using (var image = s.Rbd.Open(parent))
        {
            image.CreateSnapshot("s");
            image.ProtectSnapshot("s");
        }

        string child = s.NewName("child");
        s.Rbd.Clone(parent, "s", child);
        string id = trash.Move(parent);
        using (var image = s.Rbd.Open(child))
        {
            var link = image.GetParent()!;
            Check.Equal(id, link.ImageId, "parent id");
            Check.Equal(parent, link.ImageName, "parent name");
            Check.True(link.IsInTrash, "in the trash");
        }

        Check.Throws<StorageNotEmptyException>(Errno.ENOTEMPTY, () => s.Rbd.RemoveFromTrash(id, force: true), "remove parent");
        s.Rbd.RestoreFromTrash(id);
        s.Rbd.Remove(child);
        using var restored = s.Rbd.Open(parent);
        restored.UnprotectSnapshot("s");
        restored.RemoveSnapshot("s");
    }

    /// <summary>null ids and names are ArgumentNullException, a negative delay ArgumentOutOfRangeException, NUL ArgumentException.</summary>
    [ConformanceCase]
    public static void ArgumentChecks(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.MoveToTrash(null!), "move null");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => s.Rbd.MoveToTrash("x", TimeSpan.FromSeconds(-1)), "negative delay");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.GetTrash(null!), "get null");
        Check.ThrowsExactly<ArgumentException>(() => s.Rbd.RestoreFromTrash("a\0b"), "restore NUL");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.RestoreFromTrash("abc", null!), "restore null name");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.RemoveFromTrash(null!), "remove null");
    }

    /// <summary>Moves images to the trash and removes what is left there at the end of the case (restored ones are the image scope's).</summary>
    private sealed class TrashCleanup(IRbdClient rbd) : IDisposable
    {
        private readonly List<string> _ids = [];

        public string Move(string name, TimeSpan delay = default)
        {
            string id;
            using (var image = rbd.Open(name, null, readOnly: true))
            {
                id = image.Id;
            }

            rbd.MoveToTrash(name, delay);
            _ids.Add(id);
            return id;
        }

        public void Dispose()
        {
            foreach (string id in _ids)
            {
                try
                {
                    rbd.RemoveFromTrash(id, force: true);
                }
                catch (StorageException)
                {
                    // Restored or removed by the case (ENOENT), or left with snapshots by a failed case.
                }
            }
        }
    }

    /// <summary>Collects reports synchronously.</summary>
    private sealed class ProgressLog : IProgress<RbdProgress>
    {
        private readonly Lock _gate = new();
        private readonly List<RbdProgress> _reports = [];

        public void Report(RbdProgress value)
        {
            lock (_gate)
            {
                _reports.Add(value);
            }
        }

        /// <summary>librbd reports from its thread pool; the order of objects is not promised.</summary>
        public List<RbdProgress> Sorted()
        {
            lock (_gate)
            {
                return [.. _reports.OrderBy(r => r.Done)];
            }
        }
    }
}
