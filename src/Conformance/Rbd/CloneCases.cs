using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// RBD clones measured on a real Ceph 16 cluster (docs/native-probe-results.md, "RBD clones and diff"): clone
/// formats 1 and 2, parent and children, overlap, copy-on-write reads and copy-up, discard and resize in a clone,
/// flatten, copy and deep copy. Parents are 16 KiB images of 4 KiB objects: 'a' in [0, 4096), 'b' in [8192, 8292).
/// </summary>
[ConformanceArea("rbd.clones")]
public static class CloneCases
{
    /// <summary>clone format 1 of an unprotected snapshot is EINVAL; once protected the clone is made.</summary>
    [ConformanceCase]
    public static void Format1NeedsProtectedSnapshot(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        string child = s.NewName("child");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.Clone(parent, "s1", child, new RbdImageOptions { CloneFormat = 1 }), "format 1, unprotected");
        Check.True(!s.Rbd.List().Contains(child), "nothing created");
        using (var image = s.Rbd.Open(parent))
        {
            image.ProtectSnapshot("s1");
        }

        s.Rbd.Clone(parent, "s1", child, new RbdImageOptions { CloneFormat = 1 });
        Check.True(s.Rbd.List().Contains(child), "clone listed");
    }

    /// <summary>without a clone format, a cluster requiring only luminous clients makes format 1 clones: an unprotected snapshot is EINVAL.</summary>
    [ConformanceCase]
    public static void DefaultFormatIsOneOnLuminousCluster(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        string child = s.NewName("child");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.Clone(parent, "s1", child), "default format, unprotected");
        using (var image = s.Rbd.Open(parent))
        {
            image.ProtectSnapshot("s1");
        }

        s.Rbd.Clone(parent, "s1", child);
        using var clone = s.Rbd.Open(child);
        Check.Equal("s1", clone.GetParent()?.SnapshotName, "parent snapshot");
    }

    /// <summary>clone format 2 clones an unprotected snapshot.</summary>
    [ConformanceCase]
    public static void Format2ClonesUnprotectedSnapshot(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        string child = s.NewClone(parent, 2);
        using var clone = s.Rbd.Open(child);
        Check.Equal(16384L, clone.Size, "clone size");
        Check.Equal(parent, clone.GetParent()?.ImageName, "parent name");
    }

    /// <summary>cloning a missing snapshot or a missing parent image is ENOENT.</summary>
    [ConformanceCase]
    public static void MissingParentOrSnapshotIsNotFound(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        string child = s.NewName("child");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.Clone(parent, "nosnap", child, new RbdImageOptions { CloneFormat = 2 }), "missing snapshot");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.Clone(s.NewName("missing"), "s1", child, new RbdImageOptions { CloneFormat = 2 }), "missing parent");
        Check.True(!s.Rbd.List().Contains(child), "nothing created");
    }

    /// <summary>cloning onto an existing image name is EEXIST.</summary>
    [ConformanceCase]
    public static void CloneOntoExistingNameIsExists(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        string child = s.NewClone(parent, 1);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.Clone(parent, "s1", child, new RbdImageOptions { CloneFormat = 1 }), "clone again");
        string other = s.NewName("other");
        s.Rbd.Create(other, 4096, 12);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.Clone(parent, "s1", other, new RbdImageOptions { CloneFormat = 2 }), "clone onto a plain image");
    }

    /// <summary>GetParent of a clone names the parent pool, image and snapshot (user namespace, not in the trash).</summary>
    [ConformanceCase]
    public static void GetParentDescribesParent(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        string parentId;
        ulong snapshotId;
        using (var image = s.Rbd.Open(parent))
        {
            parentId = image.Id;
            snapshotId = image.GetSnapshotId("s1");
        }

        string child = s.NewClone(parent, 1);
        using var clone = s.Rbd.Open(child);
        var info = clone.GetParent();
        Check.True(info is not null, "has a parent");
        Check.Equal(new RbdParentInfo(s.Io.PoolId, s.Io.PoolName, "", parentId, parent, false, snapshotId, "s1", RbdSnapshotNamespaceType.User), info!, "parent info");
    }

    /// <summary>an image that is no clone has no parent (rbd_get_parent ENOENT) and overlap 0.</summary>
    [ConformanceCase]
    public static void NonCloneHasNoParent(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using var image = s.Rbd.Open(parent);
        Check.Equal<RbdParentInfo?>(null, image.GetParent(), "parent");
        Check.Equal(0L, image.Overlap, "overlap");
    }

    /// <summary>rbd_stat leaves the deprecated parent fields unset (-1, "") for a clone as for any image.</summary>
    [ConformanceCase]
    public static void StatParentFieldsStayUnset(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        string child = s.NewClone(parent, 1);
        using var clone = s.Rbd.Open(child);
        var stat = clone.Stat();
        Check.Equal(-1L, stat.ParentPoolId, "clone parent pool");
        Check.Equal("", stat.ParentName, "clone parent name");
        using var image = s.Rbd.Open(parent);
        Check.Equal(-1L, image.Stat().ParentPoolId, "parent's parent pool");
        Check.Equal("", image.Stat().ParentName, "parent's parent name");
    }

    /// <summary>a new clone's overlap is the parent snapshot's size.</summary>
    [ConformanceCase]
    public static void OverlapIsSnapshotSize(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using (var image = s.Rbd.Open(parent))
        {
            image.Resize(32768);
        }

        string child = s.NewClone(parent, 2);
        using var clone = s.Rbd.Open(child);
        Check.Equal(16384L, clone.Overlap, "overlap");
        Check.Equal(16384L, clone.Size, "size");
    }

    /// <summary>ListChildren at the snapshot lists the clones of every format, sorted by name, with pool, namespace and id.</summary>
    [ConformanceCase]
    public static void ListChildrenAtSnapshot(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        string first = s.NewClone(parent, 1);
        string second = s.NewClone(parent, 2);
        string firstId;
        string secondId;
        using (var one = s.Rbd.Open(first))
        {
            firstId = one.Id;
        }

        using (var two = s.Rbd.Open(second))
        {
            secondId = two.Id;
        }

        using var image = s.Rbd.Open(parent);
        image.SetSnapshot("s1");
        Check.Sequence(
            [
                new RbdChildInfo(s.Io.PoolId, s.Io.PoolName, "", firstId, first, false),
                new RbdChildInfo(s.Io.PoolId, s.Io.PoolName, "", secondId, second, false),
            ],
            image.ListChildren(),
            "children");
    }

    /// <summary>ListChildren at the head lists the clones of all the image's snapshots.</summary>
    [ConformanceCase]
    public static void ListChildrenAtHeadListsAllSnapshots(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using (var image = s.Rbd.Open(parent))
        {
            image.CreateSnapshot("s2");
        }

        string first = s.NewClone(parent, 2, "s1");
        string second = s.NewClone(parent, 2, "s2");
        using var head = s.Rbd.Open(parent);
        Check.Sequence([first, second], head.ListChildren().Select(child => child.ImageName), "children at the head");
        head.SetSnapshot("s2");
        Check.Sequence([second], head.ListChildren().Select(child => child.ImageName), "children at s2");
    }

    /// <summary>an image without clones lists no children, at the head or a snapshot.</summary>
    [ConformanceCase]
    public static void ListChildrenWithoutClonesIsEmpty(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        using var image = s.Rbd.Open(parent);
        Check.Equal(0, image.ListChildren().Count, "at the head");
        image.SetSnapshot("s1");
        Check.Equal(0, image.ListChildren().Count, "at s1");
    }

    /// <summary>a clone reads the parent's data as of the snapshot; later writes to the parent's head do not show.</summary>
    [ConformanceCase]
    public static void CloneReadsThroughToParentSnapshot(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        string child = s.NewClone(parent, 2);
        using (var image = s.Rbd.Open(parent))
        {
            image.Write(CloneScope.Fill('X', 10), 0);
            image.Write(CloneScope.Fill('Y', 10), 12000);
        }

        using var clone = s.Rbd.Open(child);
        var expected = new byte[16384];
        CloneScope.Fill('a', 4096).CopyTo(expected, 0);
        CloneScope.Fill('b', 100).CopyTo(expected, 8192);
        Check.Bytes(expected, CloneScope.ReadAll(clone, 0, 16384), "clone data");
    }

    /// <summary>a write to a clone copies the parent object up first: the rest of the object keeps the parent's data, the parent is unchanged.</summary>
    [ConformanceCase]
    public static void WriteToCloneCopiesUpParentObject(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        string child = s.NewClone(parent, 1);
        using (var clone = s.Rbd.Open(child))
        {
            clone.Write(CloneScope.Fill('z', 10), 100);
            clone.Write(CloneScope.Fill('y', 10), 8292);
            var expected = CloneScope.Fill('a', 4096);
            CloneScope.Fill('z', 10).CopyTo(expected, 100);
            Check.Bytes(expected, CloneScope.ReadAll(clone, 0, 4096), "object 0");
            var second = new byte[200];
            CloneScope.Fill('b', 100).CopyTo(second, 0);
            CloneScope.Fill('y', 10).CopyTo(second, 100);
            Check.Bytes(second, CloneScope.ReadAll(clone, 8192, 200), "object 2");
        }

        using var image = s.Rbd.Open(parent);
        Check.Bytes(CloneScope.Fill('a', 200), CloneScope.ReadAll(image, 0, 200), "parent unchanged");
    }

    /// <summary>
    /// discards in a clone, as librbd 16 does them: head and middle ranges are skipped (the parent's data still
    /// shows), a range reaching an object's end cuts it there, a whole object reads as zeros.
    /// </summary>
    [ConformanceCase]
    public static void DiscardInClone(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewFilledParent();

        string child = s.NewClone(parent, 2);
        using var clone = s.Rbd.Open(child);
        Check.Equal(100L, clone.Discard(0, 100), "head of object 0");
        Check.Equal(100L, clone.Discard(4196, 100), "middle of object 1");
        Check.Equal(96L, clone.Discard(12288 - 96, 96), "tail of object 2");
        Check.Equal(4096L, clone.Discard(12288, 4096), "object 3");
        var expected = CloneScope.Fill('a', 16384);
        expected.AsSpan(12288 - 96).Clear();
        Check.Bytes(expected, CloneScope.ReadAll(clone, 0, 16384), "clone data");
    }

    /// <summary>shrinking a clone shrinks its overlap; growing it again keeps the overlap, and the regrown range reads as zeros.</summary>
    [ConformanceCase]
    public static void ResizeShrinksOverlap(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewFilledParent();

        string child = s.NewClone(parent, 2);
        using var clone = s.Rbd.Open(child);
        clone.Resize(6000);
        Check.Equal(6000L, clone.Overlap, "overlap after shrink");
        clone.Resize(16384);
        Check.Equal(6000L, clone.Overlap, "overlap after grow");
        var expected = CloneScope.Fill('a', 6000);
        Array.Resize(ref expected, 16384);
        Check.Bytes(expected, CloneScope.ReadAll(clone, 0, 16384), "data");
    }

    /// <summary>growing a clone past the parent's size leaves the overlap at the snapshot size; the new range reads as zeros.</summary>
    [ConformanceCase]
    public static void GrowKeepsOverlap(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        string child = s.NewClone(parent, 2);
        using var clone = s.Rbd.Open(child);
        clone.Resize(32768);
        Check.Equal(16384L, clone.Overlap, "overlap");
        Check.Bytes(new byte[16384], CloneScope.ReadAll(clone, 16384, 16384), "grown range");
    }

    /// <summary>unprotecting a snapshot with format 1 children is EBUSY; once the child is removed it works.</summary>
    [ConformanceCase]
    public static void UnprotectWithChildrenIsBusy(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        string child = s.NewClone(parent, 1);
        using var image = s.Rbd.Open(parent);
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => image.UnprotectSnapshot("s1"), "unprotect");
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => image.RemoveSnapshot("s1"), "remove protected");
        s.Rbd.Remove(child);
        image.UnprotectSnapshot("s1");
        Check.True(!image.IsSnapshotProtected("s1"), "unprotected");
    }

    /// <summary>a parent with snapshots (and so with children) cannot be removed: ENOTEMPTY.</summary>
    [ConformanceCase]
    public static void RemoveParentIsNotEmpty(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        s.NewClone(parent, 1);
        Check.Throws<StorageNotEmptyException>(Errno.ENOTEMPTY, () => s.Rbd.Remove(parent), "remove parent");
        Check.True(s.Rbd.List().Contains(parent), "parent stays");
    }

    /// <summary>flatten copies the parent's data in and detaches the clone: no parent, overlap 0, no longer a child.</summary>
    [ConformanceCase]
    public static void FlattenDetachesClone(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        string child = s.NewClone(parent, 1);
        using (var clone = s.Rbd.Open(child))
        {
            clone.Write(CloneScope.Fill('z', 10), 5000);
            clone.Flatten();
            Check.Equal<RbdParentInfo?>(null, clone.GetParent(), "parent");
            Check.Equal(0L, clone.Overlap, "overlap");
            var expected = new byte[16384];
            CloneScope.Fill('a', 4096).CopyTo(expected, 0);
            CloneScope.Fill('z', 10).CopyTo(expected, 5000);
            CloneScope.Fill('b', 100).CopyTo(expected, 8192);
            Check.Bytes(expected, CloneScope.ReadAll(clone, 0, 16384), "data kept");
        }

        using var image = s.Rbd.Open(parent);
        image.SetSnapshot("s1");
        Check.Equal(0, image.ListChildren().Count, "children");
        image.SetSnapshot((string?)null);
        image.UnprotectSnapshot("s1");
    }

    /// <summary>flatten reports progress once per object of the overlap, before copying it: 0/n .. n-1/n.</summary>
    [ConformanceCase]
    public static void FlattenReportsProgressPerObject(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        string child = s.NewClone(parent, 2);
        using var clone = s.Rbd.Open(child);
        var reports = new ProgressLog();
        clone.Flatten(reports);
        Check.Sequence([new RbdProgress(0, 4), new RbdProgress(1, 4), new RbdProgress(2, 4), new RbdProgress(3, 4)], reports.Reports, "progress");
    }

    /// <summary>flatten counts the objects of the overlap, which a shrink reduces.</summary>
    [ConformanceCase]
    public static void FlattenAfterShrinkCountsOverlap(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        string child = s.NewClone(parent, 2);
        using var clone = s.Rbd.Open(child);
        clone.Resize(6000);
        clone.Resize(16384);
        var reports = new ProgressLog();
        clone.Flatten(reports);
        Check.Sequence([new RbdProgress(0, 2), new RbdProgress(1, 2)], reports.Reports, "progress");
        var expected = CloneScope.Fill('a', 4096);
        Array.Resize(ref expected, 16384);
        Check.Bytes(expected, CloneScope.ReadAll(clone, 0, 16384), "data");
    }

    /// <summary>flattening an image that is no clone is EINVAL.</summary>
    [ConformanceCase]
    public static void FlattenNonCloneIsInvalid(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using var image = s.Rbd.Open(parent);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Flatten(), "flatten");
    }

    /// <summary>copy makes a flat image with the head's data and no snapshots, reporting progress in bytes per object.</summary>
    [ConformanceCase]
    public static void CopyCopiesHeadData(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using var image = s.Rbd.Open(parent);
        image.Write(CloneScope.Fill('c', 10), 20);
        string copy = s.NewName("copy");
        var reports = new ProgressLog();
        image.Copy(s.Io, copy, null, reports);
        Check.Sequence([new RbdProgress(0, 16384), new RbdProgress(4096, 16384), new RbdProgress(8192, 16384), new RbdProgress(12288, 16384), new RbdProgress(16384, 16384)], reports.Reports, "progress");
        using var copied = s.Rbd.Open(copy);
        Check.Equal(16384L, copied.Size, "size");
        Check.Equal(0, copied.ListSnapshots().Count, "no snapshots");
        Check.Bytes(CloneScope.ReadAll(image, 0, 16384), CloneScope.ReadAll(copied, 0, 16384), "data");
    }

    /// <summary>copy at a snapshot copies the snapshot's data.</summary>
    [ConformanceCase]
    public static void CopyAtSnapshotCopiesSnapshotData(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using var image = s.Rbd.Open(parent);
        image.Write(CloneScope.Fill('c', 10), 20);
        image.SetSnapshot("s1");
        string copy = s.NewName("copy");
        image.Copy(s.Io, copy);
        using var copied = s.Rbd.Open(copy);
        Check.Bytes(CloneScope.Fill('a', 40), CloneScope.ReadAll(copied, 0, 40), "snapshot data");
    }

    /// <summary>copying onto an existing name is EEXIST; copy options with a clone format are EINVAL.</summary>
    [ConformanceCase]
    public static void CopyErrors(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        string other = s.NewName("other");
        s.Rbd.Create(other, 4096, 12);
        using var image = s.Rbd.Open(parent);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => image.Copy(s.Io, other), "copy onto existing");
        string copy = s.NewName("copy");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Copy(s.Io, copy, new RbdImageOptions { CloneFormat = 2 }), "copy with clone format");
        Check.True(!s.Rbd.List().Contains(copy), "nothing created");
    }

    /// <summary>a copy of a clone is flat: no parent, the parent's data copied in.</summary>
    [ConformanceCase]
    public static void CopyOfCloneIsFlat(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        string child = s.NewClone(parent, 2);
        using var clone = s.Rbd.Open(child);
        clone.Write(CloneScope.Fill('z', 10), 5000);
        string copy = s.NewName("copy");
        clone.Copy(s.Io, copy);
        using var copied = s.Rbd.Open(copy);
        Check.Equal<RbdParentInfo?>(null, copied.GetParent(), "parent");
        Check.Bytes(CloneScope.ReadAll(clone, 0, 16384), CloneScope.ReadAll(copied, 0, 16384), "data");
    }

    /// <summary>deep copy copies the snapshots (names, sizes, data) and the head, reporting progress 1/n .. n/n per object.</summary>
    [ConformanceCase]
    public static void DeepCopyCopiesSnapshots(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using var image = s.Rbd.Open(parent);
        image.Write(CloneScope.Fill('c', 10), 20);
        image.Resize(12288);
        string copy = s.NewName("deep");
        var reports = new ProgressLog();
        image.DeepCopy(s.Io, copy, null, reports);
        Check.Sequence([new RbdProgress(1, 4), new RbdProgress(2, 4), new RbdProgress(3, 4), new RbdProgress(4, 4)], reports.Reports, "progress");
        using var copied = s.Rbd.Open(copy);
        Check.Sequence([("s1", 16384L)], copied.ListSnapshots().Select(snapshot => (snapshot.Name, snapshot.Size)), "snapshots");
        Check.Equal(12288L, copied.Size, "head size");
        Check.Bytes(CloneScope.ReadAll(image, 0, 12288), CloneScope.ReadAll(copied, 0, 12288), "head data");
        copied.SetSnapshot("s1");
        image.SetSnapshot("s1");
        Check.Bytes(CloneScope.ReadAll(image, 0, 16384), CloneScope.ReadAll(copied, 0, 16384), "snapshot data");
    }

    /// <summary>deep copy of a clone keeps the parent link and overlap; the copy is listed as a child; onto an existing name EEXIST.</summary>
    [ConformanceCase]
    public static void DeepCopyOfCloneKeepsParent(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        string child = s.NewClone(parent, 1);
        using var clone = s.Rbd.Open(child);
        clone.Write(CloneScope.Fill('z', 10), 250);
        string copy = s.NewName("deep");
        clone.DeepCopy(s.Io, copy);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => clone.DeepCopy(s.Io, copy), "deep copy onto existing");
        using var copied = s.Rbd.Open(copy);
        var info = copied.GetParent();
        Check.Equal((parent, "s1"), (info?.ImageName, info?.SnapshotName), "parent");
        Check.Equal(16384L, copied.Overlap, "overlap");
        Check.Bytes(CloneScope.ReadAll(clone, 0, 16384), CloneScope.ReadAll(copied, 0, 16384), "data");
        using var image = s.Rbd.Open(parent);
        image.SetSnapshot("s1");
        Check.Sequence([child, copy], image.ListChildren().Select(item => item.ImageName).Order(StringComparer.Ordinal), "children");
    }

    /// <summary>an image created without the layering feature cannot be cloned: ENOSYS.</summary>
    [ConformanceCase]
    public static void ParentWithoutLayeringIsNotSupported(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewName("parent");
        s.Rbd.Create(parent, 8192, new RbdImageOptions { Features = RbdFeatures.None, Order = 12 });
        using (var image = s.Rbd.Open(parent))
        {
            image.CreateSnapshot("s");
        }

        string child = s.NewName("child");
        Check.Throws<StorageNotSupportedException>(Errno.ENOSYS, () => s.Rbd.Clone(parent, "s", child), "clone");
        Check.True(!s.Rbd.List().Contains(child), "nothing created");
    }

    /// <summary>null names and an io context of the other implementation are argument errors, before anything else.</summary>
    [ConformanceCase]
    public static void ArgumentsAreCheckedFirst(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.Clone(null!, "s", "c"), "null parent");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.Clone("p", null!, "c"), "null snapshot");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.Clone("p", "s", null!), "null child");
        Check.ThrowsExactly<ArgumentException>(() => s.Rbd.Clone("p", "s\0x", "c"), "NUL in snapshot");
        string parent = s.NewParent(protect: false);
        using var image = s.Rbd.Open(parent);
        Check.ThrowsExactly<ArgumentNullException>(() => image.Copy(null!, "x"), "null destination");
        Check.ThrowsExactly<ArgumentNullException>(() => image.Copy(s.Io, null!), "null destination name");
        Check.ThrowsExactly<ArgumentNullException>(() => image.DeepCopy(s.Io, null!), "null deep copy name");
    }

    /// <summary>clone members of a disposed image throw ObjectDisposedException.</summary>
    [ConformanceCase]
    public static void DisposedImageThrows(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        var image = s.Rbd.Open(parent);
        image.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => image.GetParent(), "get parent");
        Check.ThrowsExactly<ObjectDisposedException>(() => _ = image.Overlap, "overlap");
        Check.ThrowsExactly<ObjectDisposedException>(() => image.ListChildren(), "list children");
        Check.ThrowsExactly<ObjectDisposedException>(() => image.Flatten(), "flatten");
        Check.ThrowsExactly<ObjectDisposedException>(() => image.Copy(s.Io, "x"), "copy");
        Check.ThrowsExactly<ObjectDisposedException>(() => image.Diff(null, 0, 1), "diff");
    }

    /// <summary>
    /// format 2 marks both images (operations feature; clone-child on the child, clone-parent on the parent);
    /// format 1 marks neither.
    /// </summary>
    [ConformanceCase]
    public static void CloneFormatsAndOperationFeatures(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        string v1 = s.NewClone(parent, 1);
        using (var image = s.Rbd.Open(parent))
        {
            Check.Equal(RbdFeatures.Layering, image.Features, "parent features with a format 1 child");
            Check.Equal(RbdOperationFeatures.None, image.OperationFeatures, "parent op features with a format 1 child");
        }

        using (var child = s.Rbd.Open(v1))
        {
            Check.Equal(RbdFeatures.Layering, child.Features, "format 1 child features");
            Check.Equal(RbdOperationFeatures.None, child.OperationFeatures, "format 1 child op features");
        }

        string v2 = s.NewClone(parent, 2);
        using (var child = s.Rbd.Open(v2))
        {
            Check.Equal(RbdFeatures.Layering | RbdFeatures.Operations, child.Features, "format 2 child features");
            Check.Equal(RbdOperationFeatures.CloneChild, child.OperationFeatures, "format 2 child op features");
        }

        using (var image = s.Rbd.Open(parent))
        {
            Check.Equal(RbdFeatures.Layering | RbdFeatures.Operations, image.Features, "parent features");
            Check.Equal(RbdOperationFeatures.CloneParent, image.OperationFeatures, "parent op features");
        }
    }

    /// <summary>only format 1 children keep a snapshot protected: unprotect with format 2 children works.</summary>
    [ConformanceCase]
    public static void UnprotectWithFormat2ChildrenWorks(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        s.NewClone(parent, 2);
        using var image = s.Rbd.Open(parent);
        image.UnprotectSnapshot("s1");
        Check.True(!image.IsSnapshotProtected("s1"), "unprotected");
    }

    /// <summary>
    /// removing a snapshot a format 2 clone uses moves it to the trash namespace under another name (snap-trash op
    /// feature); the clone still reads its data; when the clone goes, the snapshot and the op features go too.
    /// </summary>
    [ConformanceCase]
    public static void RemoveSnapshotWithFormat2ChildMovesItToTrash(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        string child = s.NewClone(parent, 2);
        using var image = s.Rbd.Open(parent);
        ulong snapshotId = image.GetSnapshotId("s1");
        image.RemoveSnapshot("s1");
        var listed = image.ListSnapshots();
        Check.Equal(1, listed.Count, "still listed");
        Check.Equal(snapshotId, listed[0].Id, "same id");
        Check.True(listed[0].Name != "s1", "renamed");
        Check.Equal(RbdSnapshotNamespaceType.Trash, image.GetSnapshotNamespaceType(snapshotId), "namespace");
        Check.True(!image.SnapshotExists("s1"), "no user snapshot s1");
        Check.Equal(RbdOperationFeatures.CloneParent | RbdOperationFeatures.SnapshotTrash, image.OperationFeatures, "op features");
        using (var clone = s.Rbd.Open(child))
        {
            Check.Bytes(CloneScope.Fill('a', 10), CloneScope.ReadAll(clone, 0, 10), "clone data");
        }

        s.Rbd.Remove(child);
        Check.Equal(0, image.ListSnapshots().Count, "trash snapshot gone with the child");
        Check.Equal(RbdFeatures.Layering, image.Features, "features");
        Check.Equal(RbdOperationFeatures.None, image.OperationFeatures, "op features");
    }

    /// <summary>write-zeroes in a clone copies the object up, then zeroes only the range.</summary>
    [ConformanceCase]
    public static void WriteZeroesInCloneCopiesUp(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using var clone = s.Rbd.Open(s.NewClone(parent, 2));
        Check.Equal(100L, clone.WriteZeroes(200, 100), "zeroed");
        var expected = CloneScope.Fill('a', 4096);
        expected.AsSpan(200, 100).Clear();
        Check.Bytes(expected, CloneScope.ReadAll(clone, 0, 4096), "object 0");
        Check.Sequence([new RbdDiffExtent(0, 4096, true)], clone.Diff(null, 0, 16384, includeParent: false), "copied-up object");
    }

    /// <summary>flattening a format 2 clone drops its operations feature and clone-child op feature.</summary>
    [ConformanceCase]
    public static void FlattenClearsCloneFeatures(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using var clone = s.Rbd.Open(s.NewClone(parent, 2));
        clone.Flatten();
        Check.Equal(RbdFeatures.Layering, clone.Features, "features");
        Check.Equal(RbdOperationFeatures.None, clone.OperationFeatures, "op features");
    }

    /// <summary>A 16 KiB parent full of 'a' with snapshot s1, and a format 2 clone with 'c' at [5000, 5010) and snapshot cs.</summary>
    private static string CloneWithSnapshot(CloneScope s, out string parent)
    {
        parent = s.NewName("parent");
        s.Rbd.Create(parent, 16384, 12);
        using (var image = s.Rbd.Open(parent))
        {
            image.Write(CloneScope.Fill('a', 16384), 0);
            image.CreateSnapshot("s1");
        }

        string child = s.NewClone(parent, 2);
        using var clone = s.Rbd.Open(child);
        clone.Write(CloneScope.Fill('c', 10), 5000);
        clone.CreateSnapshot("cs");
        return child;
    }

    /// <summary>
    /// a clone's snapshot keeps the overlap it had: a later shrink of the head lowers only the head's, and the
    /// snapshot still reads the parent there (librbd copies the parent's objects up before trimming them).
    /// </summary>
    [ConformanceCase]
    public static void SnapshotOfCloneKeepsOverlap(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string child = CloneWithSnapshot(s, out string parent);
        using var clone = s.Rbd.Open(child);
        clone.Resize(6000);
        Check.Equal(6000L, clone.Overlap, "head overlap");
        clone.SetSnapshot("cs");
        Check.Equal(16384L, clone.Overlap, "overlap at cs");
        Check.Bytes(CloneScope.Fill('a', 100), CloneScope.ReadAll(clone, 9000, 100), "parent data at cs");
        Check.Equal((parent, "s1"), (clone.GetParent()?.ImageName, clone.GetParent()?.SnapshotName), "parent at cs");
        Check.Sequence([new RbdDiffExtent(0, 4096, true), new RbdDiffExtent(4096, 4096, true), new RbdDiffExtent(8192, 4096, true), new RbdDiffExtent(12288, 4096, true)], clone.Diff(null, 0, 16384), "diff at cs");
        Check.Sequence([new RbdDiffExtent(4096, 4096, true), new RbdDiffExtent(8192, 4096, true), new RbdDiffExtent(12288, 4096, true)], clone.Diff(null, 0, 16384, includeParent: false), "diff at cs without parent");
    }

    /// <summary>a clone of a clone reads through both parents; its diff with parents includes the whole chain.</summary>
    [ConformanceCase]
    public static void CloneOfClone(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string child = CloneWithSnapshot(s, out _);
        using var grandchild = s.Rbd.Open(s.NewClone(child, 2, "cs"));
        Check.Equal(16384L, grandchild.Overlap, "overlap");
        var expected = CloneScope.Fill('a', 16384);
        CloneScope.Fill('c', 10).CopyTo(expected, 5000);
        Check.Bytes(expected, CloneScope.ReadAll(grandchild, 0, 16384), "data");
        var whole = new[] { new RbdDiffExtent(0, 4096, true), new RbdDiffExtent(4096, 4096, true), new RbdDiffExtent(8192, 4096, true), new RbdDiffExtent(12288, 4096, true) };
        Check.Sequence(whole, grandchild.Diff(null, 0, 16384), "diff");
        Check.Sequence(whole, grandchild.Diff(null, 0, 16384, wholeObject: true), "whole objects");
        Check.Equal(0, grandchild.Diff(null, 0, 16384, includeParent: false).Count, "without parents");
    }

    /// <summary>deep copy of a clone clones the same parent snapshot with the default format (1 here): an unprotected parent snapshot is EINVAL.</summary>
    [ConformanceCase]
    public static void DeepCopyOfCloneNeedsProtectedParentSnapshot(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using var clone = s.Rbd.Open(s.NewClone(parent, 2));
        string copy = s.NewName("deep");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => clone.DeepCopy(s.Io, copy), "deep copy");
    }

    /// <summary>copy takes the order from its options; the copy has no parent.</summary>
    [ConformanceCase]
    public static void CopyWithOrder(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using var clone = s.Rbd.Open(s.NewClone(parent, 2));
        string copy = s.NewName("copy");
        clone.Copy(s.Io, copy, new RbdImageOptions { Order = 13 });
        using var copied = s.Rbd.Open(copy);
        Check.Equal(13, copied.Stat().Order, "order");
        Check.Equal(0L, copied.Overlap, "overlap");
        Check.Bytes(CloneScope.ReadAll(clone, 0, 16384), CloneScope.ReadAll(copied, 0, 16384), "data");
    }

    /// <summary>
    /// clones may live in another pool: they read through, name the parent's pool, and are listed with their
    /// pool; a format 1 child there still keeps the snapshot protected (EBUSY) until it is removed.
    /// </summary>
    [ConformanceCase]
    public static void CloneIntoAnotherPool(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        string pool = c.CreatePool();
        using var other = c.Client.OpenIoContext(pool);
        var otherRbd = c.Target.OpenRbd(other);
        s.Rbd.Clone(parent, "s1", "child-a", new RbdImageOptions { CloneFormat = 1 }, other);
        s.Rbd.Clone(parent, "s1", "child-b", new RbdImageOptions { CloneFormat = 2 }, other);
        string idA;
        string idB;
        using (var a = otherRbd.Open("child-a"))
        {
            idA = a.Id;
            Check.Bytes(CloneScope.Fill('a', 100), CloneScope.ReadAll(a, 0, 100), "reads through");
            var info = a.GetParent();
            Check.Equal((s.Io.PoolId, s.Io.PoolName, parent), (info?.PoolId, info?.PoolName, info?.ImageName), "parent");
        }

        using (var b = otherRbd.Open("child-b"))
        {
            idB = b.Id;
        }

        using var image = s.Rbd.Open(parent);
        image.SetSnapshot("s1");
        Check.Sequence(
            [
                new RbdChildInfo(other.PoolId, pool, "", idA, "child-a", false),
                new RbdChildInfo(other.PoolId, pool, "", idB, "child-b", false),
            ],
            image.ListChildren(),
            "children");
        image.SetSnapshot((string?)null);
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => image.UnprotectSnapshot("s1"), "unprotect");
        otherRbd.Remove("child-a");
        image.UnprotectSnapshot("s1");
        otherRbd.Remove("child-b");
    }

    /// <summary>two handles writing different bytes of the same not yet copied-up objects at once keep both writes and the parent's data.</summary>
    [ConformanceCase]
    public static void ConcurrentWritesCopyUpOnce(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewFilledParent();

        string child = s.NewClone(parent, 2);
        using var first = s.Rbd.Open(child);
        using var second = s.Rbd.Open(child);
        var writers = new[]
        {
            Task.Run(() =>
            {
                for (int objectNumber = 0; objectNumber < 4; objectNumber++)
                {
                    first.Write(CloneScope.Fill('x', 10), (objectNumber * 4096) + 100);
                }
            }),
            Task.Run(() =>
            {
                for (int objectNumber = 0; objectNumber < 4; objectNumber++)
                {
                    second.Write(CloneScope.Fill('y', 10), (objectNumber * 4096) + 3000);
                }
            }),
        };
        Task.WaitAll(writers);
        var expected = CloneScope.Fill('a', 16384);
        for (int objectNumber = 0; objectNumber < 4; objectNumber++)
        {
            CloneScope.Fill('x', 10).CopyTo(expected, (objectNumber * 4096) + 100);
            CloneScope.Fill('y', 10).CopyTo(expected, (objectNumber * 4096) + 3000);
        }

        using var reader = s.Rbd.Open(child);
        Check.Bytes(expected, CloneScope.ReadAll(reader, 0, 16384), "data");
    }

    /// <summary>a clone takes the features its options name (plus operations for format 2); without layering it is ENOSYS.</summary>
    [ConformanceCase]
    public static void CloneFeaturesFromOptions(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        string child = s.NewName("child");
        s.Rbd.Clone(parent, "s1", child, new RbdImageOptions { CloneFormat = 2, Features = RbdFeatures.Layering | RbdFeatures.ExclusiveLock });
        using (var clone = s.Rbd.Open(child))
        {
            Check.Equal(RbdFeatures.Layering | RbdFeatures.ExclusiveLock | RbdFeatures.Operations, clone.Features, "features");
        }

        string other = s.NewName("child");
        Check.Throws<StorageNotSupportedException>(Errno.ENOSYS, () => s.Rbd.Clone(parent, "s1", other, new RbdImageOptions { CloneFormat = 2, Features = RbdFeatures.None }), "no layering");
        Check.True(!s.Rbd.List().Contains(other), "nothing created");
    }

    /// <summary>deep copy keeps which snapshots are protected.</summary>
    [ConformanceCase]
    public static void DeepCopyKeepsProtection(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: true);
        using var image = s.Rbd.Open(parent);
        image.CreateSnapshot("s2");
        string copy = s.NewName("deep");
        image.DeepCopy(s.Io, copy);
        using var copied = s.Rbd.Open(copy);
        Check.True(copied.IsSnapshotProtected("s1"), "s1 protected");
        Check.True(!copied.IsSnapshotProtected("s2"), "s2 not protected");
    }

    /// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    internal sealed class ProgressLog : IProgress<RbdProgress>
    {
        private readonly List<RbdProgress> _reports = [];

        public IReadOnlyList<RbdProgress> Reports
        {
            get
            {
                lock (_reports)
                {
                    return [.. _reports];
                }
            }
        }

        public void Report(RbdProgress value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }
    }
}
