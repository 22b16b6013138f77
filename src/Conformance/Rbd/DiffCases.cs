using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// rbd_diff_iterate2 measured on a real Ceph 16 cluster (docs/native-probe-results.md, "RBD clones and diff"):
/// without fast-diff librbd lists each data object's RADOS snapshots and reports what changed per object, so
/// the extents follow object sizes and written ranges, not the bytes. Images are 16 KiB of 4 KiB objects.
/// </summary>
[ConformanceArea("rbd.diff")]
public static class DiffCases
{
    private static RbdDiffExtent E(long offset, long length, bool exists = true) => new(offset, length, exists);

    /// <summary>A 16 KiB image with 'a' in [0, 4096), 'b' in [8192, 8292) and 'q' in [5000, 5010).</summary>
    private static IRbdImage Written(CloneScope s)
    {
        string name = s.NewName("diff");
        s.Rbd.Create(name, 16384, 12);
        var image = s.Rbd.Open(name);
        image.Write(CloneScope.Fill('a', 4096), 0);
        image.Write(CloneScope.Fill('b', 100), 8192);
        image.Write(CloneScope.Fill('q', 10), 5000);
        return image;
    }

    /// <summary>a fresh image has no extents.</summary>
    [ConformanceCase]
    public static void FreshImageIsEmpty(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = s.Rbd.Open(s.NewParentlessImage());
        Check.Equal(0, image.Diff(null, 0, 16384).Count, "extents");
    }

    /// <summary>from creation, each existing object is reported from its start to its size.</summary>
    [ConformanceCase]
    public static void FromCreationReportsObjectSizes(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        Check.Sequence([E(0, 4096), E(4096, 914), E(8192, 100)], image.Diff(null, 0, 16384), "extents");
    }

    /// <summary>whole-object mode reports every existing object whole.</summary>
    [ConformanceCase]
    public static void WholeObjectReportsWholeObjects(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        Check.Sequence([E(0, 4096), E(4096, 4096), E(8192, 4096)], image.Diff(null, 0, 16384, wholeObject: true), "extents");
    }

    /// <summary>the extents are cut to the range asked for, in both modes.</summary>
    [ConformanceCase]
    public static void RangeCutsExtents(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        Check.Sequence([E(50, 4046), E(4096, 914)], image.Diff(null, 50, 5000), "extents");
        Check.Sequence([E(50, 4046), E(4096, 954)], image.Diff(null, 50, 5000, wholeObject: true), "whole objects");
        Check.Sequence([E(8200, 92)], image.Diff(null, 8200, 100), "inside object 2");
    }

    /// <summary>a range starting at or past the end is EINVAL; one crossing the end is cut; an empty range reports nothing anywhere.</summary>
    [ConformanceCase]
    public static void RangePastEnd(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Diff(null, 16384, 1), "at the end");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Diff(null, 20000, 10), "past the end");
        Check.Sequence([E(8192, 100)], image.Diff(null, 8000, 100000), "crossing the end");
        Check.Equal(0, image.Diff(null, 0, 0).Count, "empty at 0");
        Check.Equal(0, image.Diff(null, 20000, 0).Count, "empty past the end");
    }

    /// <summary>a missing from-snapshot is ENOENT.</summary>
    [ConformanceCase]
    public static void MissingFromSnapshotIsNotFound(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.Diff("nosnap", 0, 16384), "missing snapshot");
    }

    /// <summary>since a snapshot with no writes after it: nothing, in both modes.</summary>
    [ConformanceCase]
    public static void SinceSnapshotWithoutWritesIsEmpty(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        image.CreateSnapshot("s1");
        Check.Equal(0, image.Diff("s1", 0, 16384).Count, "extents");
        Check.Equal(0, image.Diff("s1", 0, 16384, wholeObject: true).Count, "whole objects");
    }

    /// <summary>
    /// since a snapshot: written ranges exactly, a new object from 0 to its size, a removed object as a hole of
    /// its size at the snapshot.
    /// </summary>
    [ConformanceCase]
    public static void SinceSnapshotReportsWritesAndHoles(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        image.CreateSnapshot("s1");
        image.Write(CloneScope.Fill('c', 5), 10);
        image.Write(CloneScope.Fill('d', 50), 12288);
        image.Discard(8192, 4096);
        Check.Sequence([E(10, 5), E(8192, 100, false), E(12288, 50)], image.Diff("s1", 0, 16384), "extents");
        Check.Sequence([E(0, 4096), E(8192, 4096, false), E(12288, 4096)], image.Diff("s1", 0, 16384, wholeObject: true), "whole objects");
        Check.Sequence([E(0, 4096), E(4096, 914), E(12288, 50)], image.Diff(null, 0, 16384), "from creation");
    }

    /// <summary>rewriting the same bytes still counts as a change (RADOS tracks written ranges, not content).</summary>
    [ConformanceCase]
    public static void RewriteOfSameBytesIsReported(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        image.CreateSnapshot("s1");
        image.Write(CloneScope.Fill('a', 20), 100);
        Check.Sequence([E(100, 20)], image.Diff("s1", 0, 16384), "extents");
    }

    /// <summary>overlapping and adjacent writes after a snapshot merge into one extent per object.</summary>
    [ConformanceCase]
    public static void WritesMergePerObject(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        image.CreateSnapshot("s1");
        image.Write(CloneScope.Fill('x', 100), 4000);
        image.Write(CloneScope.Fill('y', 50), 4050);
        image.Write(CloneScope.Fill('z', 10), 4300);
        Check.Sequence([E(4000, 96), E(4096, 4), E(4300, 10)], image.Diff("s1", 0, 16384), "extents");
    }

    /// <summary>a tail discard after a snapshot reports the object up to its new end (truncation rewrites the tail).</summary>
    [ConformanceCase]
    public static void TailDiscardReportsTruncatedObject(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        image.CreateSnapshot("s2");
        image.Write(CloneScope.Fill('e', 4096), 4096);
        image.Discard(4096 + 4000, 96);
        Check.Sequence([E(4096, 4000)], image.Diff("s2", 0, 16384), "extents");
    }

    /// <summary>between two snapshots, read at the later one; a from-snapshot newer than the one read is EINVAL, the same one reports nothing.</summary>
    [ConformanceCase]
    public static void BetweenTwoSnapshots(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        image.CreateSnapshot("s1");
        image.Write(CloneScope.Fill('c', 5), 10);
        image.Discard(8192, 4096);
        image.CreateSnapshot("s2");
        image.Write(CloneScope.Fill('e', 100), 12288);
        Check.Sequence([E(10, 5), E(8192, 100, false), E(12288, 100)], image.Diff("s1", 0, 16384), "s1 to head");
        image.SetSnapshot("s2");
        Check.Sequence([E(10, 5), E(8192, 100, false)], image.Diff("s1", 0, 16384), "s1 to s2");
        Check.Sequence([E(0, 4096), E(8192, 4096, false)], image.Diff("s1", 0, 16384, wholeObject: true), "s1 to s2, whole objects");
        Check.Equal(0, image.Diff("s2", 0, 16384).Count, "s2 to s2");
        image.SetSnapshot("s1");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Diff("s2", 0, 16384), "s2 to s1");
    }

    /// <summary>
    /// a shrink after a snapshot cuts the boundary object at the new end, which extends a shorter object (that
    /// extension is reported as data); a regrow reports the removed object as a hole of its old size.
    /// </summary>
    [ConformanceCase]
    public static void ShrinkAndGrowReportsRemovedObjects(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Written(s);
        image.Write(CloneScope.Fill('d', 50), 12288);
        image.CreateSnapshot("s1");
        image.Resize(10000);
        Check.Sequence([E(8292, 1708)], image.Diff("s1", 0, 10000), "after shrink");
        image.Resize(16384);
        Check.Sequence([E(8292, 1708), E(12288, 50, false)], image.Diff("s1", 0, 16384), "after grow");
    }

    /// <summary>a fresh clone reports its parent's extents only with include-parent; in whole-object mode whole objects.</summary>
    [ConformanceCase]
    public static void CloneIncludesParentOnRequest(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using var clone = s.Rbd.Open(s.NewClone(parent, 2));
        Check.Sequence([E(0, 4096), E(8192, 100)], clone.Diff(null, 0, 16384), "with parent");
        Check.Equal(0, clone.Diff(null, 0, 16384, includeParent: false).Count, "without parent");
        Check.Sequence([E(0, 4096), E(8192, 4096)], clone.Diff(null, 0, 16384, wholeObject: true), "whole objects");
    }

    /// <summary>a write to a clone reports the whole copied-up object; objects not written still report the parent's extents.</summary>
    [ConformanceCase]
    public static void CloneWriteReportsCopiedUpObject(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewParent(protect: false);
        using var clone = s.Rbd.Open(s.NewClone(parent, 2));
        clone.Write(CloneScope.Fill('z', 10), 100);
        clone.Write(CloneScope.Fill('w', 10), 12488);
        Check.Sequence([E(0, 4096), E(12288, 210)], clone.Diff(null, 0, 16384, includeParent: false), "without parent");
        Check.Sequence([E(0, 4096), E(8192, 100), E(12288, 210)], clone.Diff(null, 0, 16384), "with parent");
    }

    /// <summary>
    /// discards in a clone: a tail discard cuts the copied-up object; a whole-object discard leaves an empty
    /// object, which from creation reports the parent's extent again when the parent is included.
    /// </summary>
    [ConformanceCase]
    public static void CloneDiscardsAndParentExtents(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewFilledParent(12388);

        using var clone = s.Rbd.Open(s.NewClone(parent, 2));
        clone.Discard(0, 100);
        clone.Discard(12288 - 96, 96);
        clone.Discard(12288, 4096);
        Check.Sequence([E(8192, 4000)], clone.Diff(null, 0, 16384, includeParent: false), "without parent");
        Check.Sequence([E(0, 4096), E(4096, 4096), E(8192, 4000), E(12288, 100)], clone.Diff(null, 0, 16384), "with parent");
        Check.Sequence([E(0, 4096), E(4096, 4096), E(8192, 4096), E(12288, 4096)], clone.Diff(null, 0, 16384, wholeObject: true), "whole objects");
    }

    /// <summary>after a snapshot of a clone, a copy-up counts as existing at that snapshot: only the written range is reported.</summary>
    [ConformanceCase]
    public static void CloneSnapshotThenCopyUpReportsOnlyWrite(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewFilledParent();

        using var clone = s.Rbd.Open(s.NewClone(parent, 2));
        clone.CreateSnapshot("cs");
        clone.Write(CloneScope.Fill('k', 10), 4106);
        Check.Sequence([E(4106, 10)], clone.Diff("cs", 0, 16384), "since cs");
        Check.Sequence([E(4096, 4096)], clone.Diff(null, 0, 16384, includeParent: false), "from creation without parent");
    }

    /// <summary>a clone shrunk below the parent's size includes the parent only up to the overlap.</summary>
    [ConformanceCase]
    public static void CloneParentExtentsStopAtOverlap(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent = s.NewFilledParent();

        using var clone = s.Rbd.Open(s.NewClone(parent, 2));
        clone.Resize(6000);
        clone.Resize(16384);
        Check.Sequence([E(0, 4096), E(4096, 1904)], clone.Diff(null, 0, 16384), "with parent");
        Check.Sequence([E(4096, 1904)], clone.Diff(null, 0, 16384, includeParent: false), "without parent");
    }

    /// <summary>A 16 KiB image of 4 KiB objects striped in 1 KiB units over 2 objects, with 'a' in [0, 3000) and 'b' in [9000, 9100).</summary>
    private static IRbdImage Striped(CloneScope s)
    {
        string name = s.NewName("striped");
        s.Rbd.Create(name, 16384, new RbdImageOptions { Order = 12, Features = RbdFeatures.Layering | RbdFeatures.StripingV2, StripeUnit = 1024, StripeCount = 2 });
        var image = s.Rbd.Open(name);
        image.Write(CloneScope.Fill('a', 3000), 0);
        image.Write(CloneScope.Fill('b', 100), 9000);
        return image;
    }

    /// <summary>with fancy striping the extents of a stripe period (object set) are merged across its objects; whole objects report every stripe unit of a changed object.</summary>
    [ConformanceCase]
    public static void StripedImageMergesWithinPeriod(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Striped(s);
        Check.Sequence([E(0, 3000), E(8192, 908)], image.Diff(null, 0, 16384), "extents");
        Check.Sequence([E(0, 8192), E(8192, 1024), E(10240, 1024), E(12288, 1024), E(14336, 1024)], image.Diff(null, 0, 16384, wholeObject: true), "whole objects");
        Check.Sequence([E(500, 2500)], image.Diff(null, 500, 3000), "range");
    }

    /// <summary>
    /// a clone keeps its parent's striping (even when the options name other features; the order may change);
    /// copy-up and diff follow the striped layout.
    /// </summary>
    [ConformanceCase]
    public static void CloneOfStripedParent(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string parent;
        using (var image = Striped(s))
        {
            image.CreateSnapshot("s1");
            parent = image.Name;
        }

        string other = s.NewName("child");
        s.Rbd.Clone(parent, "s1", other, new RbdImageOptions { CloneFormat = 2, Order = 13, Features = RbdFeatures.Layering });
        using (var clone = s.Rbd.Open(other))
        {
            Check.Equal((1024L, 2L, 13), (clone.StripeUnit, clone.StripeCount, clone.Stat().Order), "layout with order 13");
            Check.Equal(RbdFeatures.Layering | RbdFeatures.StripingV2 | RbdFeatures.Operations, clone.Features, "features");
            Check.Bytes(CloneScope.Fill('b', 100), CloneScope.ReadAll(clone, 9000, 100), "reads through");
        }

        using var child = s.Rbd.Open(s.NewClone(parent, 2));
        child.Write(CloneScope.Fill('z', 10), 100);
        Check.Sequence([E(0, 1024), E(2048, 952)], child.Diff(null, 0, 16384, includeParent: false), "copied-up object 0");
        Check.Sequence([E(0, 3000), E(8192, 908)], child.Diff(null, 0, 16384), "with parent");
        var expected = CloneScope.Fill('a', 3000);
        CloneScope.Fill('z', 10).CopyTo(expected, 100);
        Check.Bytes(expected, CloneScope.ReadAll(child, 0, 3000), "data");
    }

    /// <summary>copy of a striped image keeps the striping and reports progress per stripe period; deep copy per object.</summary>
    [ConformanceCase]
    public static void CopiesOfStripedImage(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        using var image = Striped(s);
        string copy = s.NewName("copy");
        var reports = new CloneCases.ProgressLog();
        image.Copy(s.Io, copy, null, reports);
        Check.Sequence([new RbdProgress(0, 16384), new RbdProgress(8192, 16384), new RbdProgress(16384, 16384)], reports.Reports, "copy progress");
        string deep = s.NewName("deep");
        var deepReports = new CloneCases.ProgressLog();
        image.DeepCopy(s.Io, deep, null, deepReports);
        Check.Sequence([new RbdProgress(1, 4), new RbdProgress(2, 4), new RbdProgress(3, 4), new RbdProgress(4, 4)], deepReports.Reports, "deep copy progress");
        foreach (string name in new[] { copy, deep })
        {
            using var copied = s.Rbd.Open(name);
            Check.Equal((1024L, 2L, RbdFeatures.Layering | RbdFeatures.StripingV2), (copied.StripeUnit, copied.StripeCount, copied.Features), name + " layout");
            Check.Bytes(CloneScope.ReadAll(image, 0, 16384), CloneScope.ReadAll(copied, 0, 16384), name + " data");
        }
    }

    /// <summary>
    /// with object-map and fast-diff librbd answers whole-object diffs from the object maps; the extents are the
    /// same as from list-snaps. A clone takes the parent's features (with operations for format 2).
    /// </summary>
    [ConformanceCase]
    public static void FastDiffImage(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string name = s.NewName("fast");
        s.Rbd.Create(name, 16384, new RbdImageOptions { Order = 12, Features = RbdFeatures.Layering | RbdFeatures.ExclusiveLock | RbdFeatures.ObjectMap | RbdFeatures.FastDiff });
        using (var image = s.Rbd.Open(name))
        {
            image.Write(CloneScope.Fill('a', 4096), 0);
            image.Write(CloneScope.Fill('b', 100), 8192);
            image.Write(CloneScope.Fill('q', 10), 5000);
            Check.Sequence([E(0, 4096), E(4096, 4096), E(8192, 4096)], image.Diff(null, 0, 16384, wholeObject: true), "whole objects");
            Check.Sequence([E(0, 4096), E(4096, 914), E(8192, 100)], image.Diff(null, 0, 16384), "extents");
            image.CreateSnapshot("s1");
            image.Write(CloneScope.Fill('c', 5), 10);
            image.Discard(8192, 4096);
            image.Write(CloneScope.Fill('d', 50), 12288);
            Check.Sequence([E(0, 4096), E(8192, 4096, false), E(12288, 4096)], image.Diff("s1", 0, 16384, wholeObject: true), "since s1");
            Check.Sequence([E(0, 4096), E(4096, 4096), E(12288, 4096)], image.Diff(null, 0, 16384, wholeObject: true), "from creation");
            Check.Sequence([E(100, 3996)], image.Diff("s1", 100, 5000, wholeObject: true), "range since s1");
        }

        using var clone = s.Rbd.Open(s.NewClone(name, 2));
        Check.Equal(RbdFeatures.Layering | RbdFeatures.ExclusiveLock | RbdFeatures.ObjectMap | RbdFeatures.FastDiff | RbdFeatures.Operations, clone.Features, "clone features");
        Check.Sequence([E(0, 4096), E(4096, 4096), E(8192, 4096)], clone.Diff(null, 0, 16384, wholeObject: true), "clone");
        clone.Write(CloneScope.Fill('z', 10), 100);
        Check.Sequence([E(0, 4096), E(4096, 4096), E(8192, 4096)], clone.Diff(null, 0, 16384, wholeObject: true), "clone after a write");
        Check.Sequence([E(0, 4096)], clone.Diff(null, 0, 16384, includeParent: false, wholeObject: true), "clone without parent");
    }

    /// <summary>a deep copy reproduces the diffs of its source, between snapshots and from creation (here with fast-diff).</summary>
    [ConformanceCase]
    public static void DeepCopyKeepsDiffs(RadosCaseContext c)
    {
        using var s = new CloneScope(c);
        string name = s.NewName("fast");
        s.Rbd.Create(name, 16384, new RbdImageOptions { Order = 12, Features = RbdFeatures.Layering | RbdFeatures.ExclusiveLock | RbdFeatures.ObjectMap | RbdFeatures.FastDiff });
        using var image = s.Rbd.Open(name);
        image.Write(CloneScope.Fill('a', 4096), 0);
        image.Write(CloneScope.Fill('b', 100), 8192);
        image.CreateSnapshot("s1");
        image.Write(CloneScope.Fill('c', 5), 10);
        image.Discard(8192, 4096);
        image.Write(CloneScope.Fill('d', 50), 12288);
        string copy = s.NewName("deep");
        image.DeepCopy(s.Io, copy);
        using var copied = s.Rbd.Open(copy);
        Check.Equal(image.Features, copied.Features, "features");
        foreach (bool whole in new[] { false, true })
        {
            Check.Sequence(image.Diff("s1", 0, 16384, wholeObject: whole), copied.Diff("s1", 0, 16384, wholeObject: whole), $"since s1, whole {whole}");
            Check.Sequence(image.Diff(null, 0, 16384, wholeObject: whole), copied.Diff(null, 0, 16384, wholeObject: whole), $"from creation, whole {whole}");
        }

        Check.Sequence([E(10, 5), E(8192, 100, false), E(12288, 50)], copied.Diff("s1", 0, 16384), "copy since s1");
    }
}
