using StorageKit.Conformance.Framework;
using StorageKit.Conformance.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// Image options, read-only and by-id opens, removal with progress and watchers, zeroing, resizing with
/// progress, features and striping, measured on a real Ceph 16 cluster (docs/native-probe-results.md,
/// "RBD image options, opens, features").
/// </summary>
[ConformanceArea("rbd.options")]
public static class OptionsCases
{
    private const RbdFeatures Layering = RbdFeatures.Layering;
    private const RbdFeatures ExclusiveLock = RbdFeatures.ExclusiveLock;
    private const RbdFeatures ObjectMapAndFastDiff = RbdFeatures.ObjectMap | RbdFeatures.FastDiff;

    /// <summary>empty options make a format 2 image with layering only, order 22, no striping, no flags.</summary>
    [ConformanceCase]
    public static void DefaultOptions(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewName();
        s.Rbd.Create(name, 16384, new RbdImageOptions());
        using var image = s.Rbd.Open(name);
        Check.Equal(Layering, image.Features, "features");
        Check.Equal(22, image.Stat().Order, "order");
        Check.Equal(4L << 20, image.StripeUnit, "stripe unit");
        Check.Equal(1L, image.StripeCount, "stripe count");
        Check.Equal(false, image.IsOldFormat, "old format");
        Check.Equal(RbdImageFlags.None, image.Flags, "flags");
        Check.Equal(RbdOperationFeatures.None, image.OperationFeatures, "operation features");
        Check.True(ReferenceEquals(s.Io, s.Rbd.IoContext), "io context");
    }

    /// <summary>the features given are stored; object-map brings fast-diff along.</summary>
    [ConformanceCase]
    public static void FeaturesAreStoredAndObjectMapBringsFastDiff(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        var all = Layering | ExclusiveLock | ObjectMapAndFastDiff | RbdFeatures.DeepFlatten;
        Check.Equal(all, FeaturesOf(s, new RbdImageOptions { Features = all, Order = 12 }), "librbd's default set (61)");
        Check.Equal(ExclusiveLock | ObjectMapAndFastDiff, FeaturesOf(s, new RbdImageOptions { Features = ExclusiveLock | RbdFeatures.ObjectMap, Order = 12 }), "object-map adds fast-diff");
        Check.Equal(RbdFeatures.None, FeaturesOf(s, new RbdImageOptions { Features = RbdFeatures.None, Order = 12 }), "no features");
        Check.Equal(ExclusiveLock | RbdFeatures.Journaling, FeaturesOf(s, new RbdImageOptions { Features = ExclusiveLock | RbdFeatures.Journaling, Order = 12 }), "journaling");
    }

    /// <summary>fast-diff without object-map and the internal features (data-pool, operations, migrating, non-primary, dirty-cache) are dropped silently.</summary>
    [ConformanceCase]
    public static void DroppedFeatures(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        Check.Equal(Layering, FeaturesOf(s, new RbdImageOptions { Features = Layering | RbdFeatures.FastDiff, Order = 12 }), "fast-diff alone");
        var internalFeatures = RbdFeatures.DataPool | RbdFeatures.Operations | RbdFeatures.Migrating | RbdFeatures.NonPrimary | RbdFeatures.DirtyCache;
        Check.Equal(ExclusiveLock, FeaturesOf(s, new RbdImageOptions { Features = ExclusiveLock | internalFeatures, Order = 12 }), "internal features");
    }

    /// <summary>object-map or journaling without exclusive-lock is EINVAL and creates nothing.</summary>
    [ConformanceCase]
    public static void FeatureDependenciesAreInvalid(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewName();
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.Create(name, 4096, new RbdImageOptions { Features = Layering | RbdFeatures.ObjectMap, Order = 12 }), "object-map alone");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.Create(name, 4096, new RbdImageOptions { Features = RbdFeatures.Journaling, Order = 12 }), "journaling alone");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.Create(name, 4096, new RbdImageOptions { Features = RbdFeatures.Operations | RbdFeatures.ObjectMap, Order = 12 }), "operations and object-map");
        Check.True(!s.Rbd.List().Contains(name), "nothing created");
    }

    /// <summary>feature bits librbd does not know are ENOSYS, checked before the other feature rules.</summary>
    [ConformanceCase]
    public static void UnknownFeaturesAreNotSupported(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewName();
        Check.Throws<StorageNotSupportedException>(Errno.ENOSYS, () => s.Rbd.Create(name, 4096, new RbdImageOptions { Features = (RbdFeatures)(1UL << 12), Order = 12 }), "bit 12");
        Check.Throws<StorageNotSupportedException>(Errno.ENOSYS, () => s.Rbd.Create(name, 4096, new RbdImageOptions { Features = (RbdFeatures)(1UL << 40) | RbdFeatures.ObjectMap, Order = 12 }), "bit 40 with object-map");
        Check.True(!s.Rbd.List().Contains(name), "nothing created");
    }

    /// <summary>format 1 cannot be created any more (EINVAL); formats 0 and 3 make format 2 images.</summary>
    [ConformanceCase]
    public static void FormatOneIsInvalid(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewName();
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.Create(name, 4096, new RbdImageOptions { Format = 1, Order = 12 }), "format 1");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.Create(name, 4096, new RbdImageOptions { Format = 1, Features = RbdFeatures.None }), "format 1 without features");
        Check.True(!s.Rbd.List().Contains(name), "nothing created");
        foreach (int format in new[] { 0, 2, 3 })
        {
            string other = s.NewName();
            s.Rbd.Create(other, 4096, new RbdImageOptions { Format = format, Order = 12 });
            using var image = s.Rbd.Open(other);
            Check.Equal(false, image.IsOldFormat, $"format {format} is new format");
            Check.Equal("rbd_data." + image.Id, image.Stat().BlockNamePrefix, $"format {format} prefix");
        }
    }

    /// <summary>create checks in order: an existing name (EEXIST), the order (EDOM), format 1 (EINVAL), features (ENOSYS), striping (EINVAL).</summary>
    [ConformanceCase]
    public static void CreateCheckOrder(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string existing = s.NewImage(4096);
        var bad = new RbdImageOptions { Format = 1, Order = 11, Features = (RbdFeatures)(1UL << 12), StripeUnit = 3000, StripeCount = 2 };
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.Create(existing, 4096, bad), "existing name first");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.Create(existing, 4096, 11), "existing name before order (rbd_create2)");
        string name = s.NewName();
        Check.Throws<StorageException>(Errno.EDOM, () => s.Rbd.Create(name, 4096, bad), "order next");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.Create(name, 4096, bad with { Order = 12 }), "format 1 next");
        Check.Throws<StorageNotSupportedException>(Errno.ENOSYS, () => s.Rbd.Create(name, 4096, bad with { Order = 12, Format = 2 }), "features next");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.Create(name, 4096, bad with { Order = 12, Format = 2, Features = Layering }), "striping last");
        Check.Throws<StorageException>(Errno.EDOM, () => s.Rbd.Create(name, 4096, new RbdImageOptions { Order = 26 }), "order 26");
        Check.True(!s.Rbd.List().Contains(name), "nothing created");
    }

    /// <summary>a stripe unit below the object size or a count above 1 turns striping (STRIPINGV2) on and is kept.</summary>
    [ConformanceCase]
    public static void StripingTurnsStripingV2On(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using (var image = s.Rbd.Open(NewImage(s, 65536, new RbdImageOptions { Order = 12, StripeUnit = 1024, StripeCount = 4 })))
        {
            Check.Equal(Layering | RbdFeatures.StripingV2, image.Features, "features");
            Check.Equal(1024L, image.StripeUnit, "stripe unit");
            Check.Equal(4L, image.StripeCount, "stripe count");
        }

        using (var image = s.Rbd.Open(NewImage(s, 65536, new RbdImageOptions { Order = 12, StripeUnit = 4096, StripeCount = 4, Features = RbdFeatures.None })))
        {
            Check.Equal(RbdFeatures.StripingV2, image.Features, "whole-object units over 4 objects");
            Check.Equal(4096L, image.StripeUnit, "stripe unit");
        }

        using (var image = s.Rbd.Open(NewImage(s, 65536, new RbdImageOptions { Order = 12, StripeUnit = 512, StripeCount = 1 })))
        {
            Check.Equal(Layering | RbdFeatures.StripingV2, image.Features, "small unit, one object");
            Check.Equal(1L, image.StripeCount, "stripe count");
        }
    }

    /// <summary>STRIPINGV2 asked for without a striped layout is dropped; the default layout (unit = object size, count 1, or both 0) is no striping.</summary>
    [ConformanceCase]
    public static void DefaultLayoutIsNoStriping(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        Check.Equal(Layering, FeaturesOf(s, new RbdImageOptions { Order = 12, Features = Layering | RbdFeatures.StripingV2 }), "striping without layout");
        Check.Equal(Layering, FeaturesOf(s, new RbdImageOptions { Order = 12, StripeUnit = 4096, StripeCount = 1, Features = Layering | RbdFeatures.StripingV2 }), "object-size unit, count 1");
        using var image = s.Rbd.Open(NewImage(s, 8192, new RbdImageOptions { Order = 12, StripeUnit = 0, StripeCount = 0 }));
        Check.Equal(Layering, image.Features, "both 0");
        Check.Equal(4096L, image.StripeUnit, "unit is the object size");
        Check.Equal(1L, image.StripeCount, "count 1");
    }

    /// <summary>stripe unit and count must come together, and the unit must divide the object size and be at least 512 bytes (EINVAL otherwise).</summary>
    [ConformanceCase]
    public static void InvalidStripingIsInvalid(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewName();
        (long? Unit, long? Count, string What)[] invalid =
        [
            (1024, null, "unit only"),
            (null, 4, "count only"),
            (0, 2, "unit 0"),
            (1024, 0, "count 0"),
            (3000, 2, "unit not dividing the object size"),
            (8192, 2, "unit above the object size"),
            (256, 2, "unit below 512"),
        ];
        foreach (var (unit, count, what) in invalid)
        {
            Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.Create(name, 16384, new RbdImageOptions { Order = 12, StripeUnit = unit, StripeCount = count }), what);
        }

        Check.True(!s.Rbd.List().Contains(name), "nothing created");
    }

    /// <summary>
    /// the header omap holds features, object_prefix, order, size, snap_seq and the create/access/modify
    /// timestamps, plus stripe_unit and stripe_count only for a striped layout.
    /// </summary>
    [ConformanceCase]
    public static void HeaderKeys(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string[] common = ["access_timestamp", "create_timestamp", "features", "modify_timestamp", "object_prefix", "order", "size", "snap_seq"];
        using (var plain = s.Rbd.Open(NewImage(s, 16384, new RbdImageOptions { Order = 12 })))
        {
            Check.Sequence(common, HeaderKeysOf(s, plain), "plain image");
        }

        using (var created2 = s.Rbd.Open(s.NewImage(16384)))
        {
            Check.Sequence(common, HeaderKeysOf(s, created2), "rbd_create2 image");
        }

        using var striped = s.Rbd.Open(NewImage(s, 16384, new RbdImageOptions { Order = 12, StripeUnit = 1024, StripeCount = 4 }));
        Check.Sequence([.. common, "stripe_count", "stripe_unit"], HeaderKeysOf(s, striped), "striped image");
        var values = s.Io.GetOmapValuesByKeys(RbdHeader(striped), ["stripe_unit", "stripe_count", "features"]);
        Check.Equal(1024L, BitConverter.ToInt64(values["stripe_unit"].Span), "stripe_unit");
        Check.Equal(4L, BitConverter.ToInt64(values["stripe_count"].Span), "stripe_count");
        Check.Equal(3L, BitConverter.ToInt64(values["features"].Span), "features");
        var created = s.Io.GetOmapValuesByKeys(RbdHeader(striped), ["create_timestamp"])["create_timestamp"];
        var seconds = DateTimeOffset.FromUnixTimeSeconds(BitConverter.ToUInt32(created.Span));
        Check.True((seconds - c.Session.UtcNow).Duration() < TimeSpan.FromMinutes(5), "create_timestamp is the cluster's time (utime_t)");
    }

    /// <summary>with stripe unit 1 KiB over 4 objects, 8 KiB of writes go round-robin: four 2 KiB objects, reading back the same bytes.</summary>
    [ConformanceCase]
    public static void StripedWritesGoRoundRobin(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(NewImage(s, 65536, new RbdImageOptions { Order = 12, StripeUnit = 1024, StripeCount = 4 }));
        var data = new byte[8192];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)((i / 1024) + 1);
        }

        Check.Equal(8192, image.Write(data, 0), "written");
        image.Flush();
        string prefix = image.Stat().BlockNamePrefix;
        var objects = DataObjects(s.Io, prefix);
        Check.Sequence([prefix + ".0000000000000000", prefix + ".0000000000000001", prefix + ".0000000000000002", prefix + ".0000000000000003"], objects, "objects");
        Check.Sequence([2048L, 2048L, 2048L, 2048L], objects.Select(o => s.Io.Stat(o).Size), "object sizes");
        var inObject1 = new byte[2048];
        s.Io.Read(prefix + ".0000000000000001", inObject1, 0);
        Check.Equal((byte)2, inObject1[0], "object 1 starts with stripe unit 1");
        Check.Equal((byte)6, inObject1[1024], "object 1 then holds stripe unit 5");
        var buffer = new byte[8192];
        Check.Equal(8192, image.Read(buffer, 1000), "read across units");
        var expected = new byte[8192];
        data.AsSpan(1000).CopyTo(expected);
        Check.Bytes(expected, buffer, "read back");
    }

    /// <summary>rbd_stat counts the objects a striped layout spans: a short last object set spans only the objects its units reach.</summary>
    [ConformanceCase]
    public static void StripedObjectCount(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        var options = new RbdImageOptions { Order = 12, StripeUnit = 1024, StripeCount = 4 };
        foreach (var (size, objects) in new[] { (65536L, 16L), (5000L, 4L), (2000L, 2L), (16384L + 1024L, 5L) })
        {
            using var image = s.Rbd.Open(NewImage(s, size, options));
            Check.Equal(objects, image.Stat().ObjectCount, $"objects of {size} bytes");
        }
    }

    /// <summary>removal with progress reports (object number, object count) for every object the size spans, existing or not.</summary>
    [ConformanceCase]
    public static void RemoveReportsEveryObject(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(4 * 4096);
        using (var image = s.Rbd.Open(name))
        {
            image.Write(new byte[5000], 0);
        }

        var progress = new ProgressLog();
        s.Rbd.Remove(name, progress);
        Check.Sequence([new RbdProgress(0, 4), new RbdProgress(1, 4), new RbdProgress(2, 4), new RbdProgress(3, 4)], progress.Sorted(), "progress");
        Check.True(!s.Rbd.List().Contains(name), "removed");

        string empty = s.NewImage(0);
        var none = new ProgressLog();
        s.Rbd.Remove(empty, none);
        Check.Equal(0, none.Reports.Count, "an empty image reports nothing");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.Remove(empty, new ProgressLog()), "remove again");
    }

    /// <summary>an image open for writing elsewhere cannot be removed (EBUSY, the image stays); read-only handles do not hold it.</summary>
    [ConformanceCase]
    public static void RemoveWhileOpenIsBusy(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(8192);
        using (var image = s.Rbd.Open(name))
        {
            image.Write(Bytes.Of("keep"), 0);
            Check.Throws<StorageBusyException>(Errno.EBUSY, () => s.Rbd.Remove(name), "remove while open");
            Check.Throws<StorageBusyException>(Errno.EBUSY, () => s.Rbd.Remove(name, new ProgressLog()), "remove with progress while open");
            var buffer = new byte[4];
            image.Read(buffer, 0);
            Check.Bytes(Bytes.Of("keep"), buffer, "data kept");
        }

        using (var readOnly = s.Rbd.Open(name, null, readOnly: true))
        {
            s.Rbd.Remove(name);
        }

        Check.True(!s.Rbd.List().Contains(name), "removed past a read-only handle");
    }

    /// <summary>each handle open for writing watches the header object; read-only handles do not; closing unwatches.</summary>
    [ConformanceCase]
    public static void WritableHandlesWatchTheHeader(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(8192);
        var first = s.Rbd.Open(name);
        string header = RbdHeader(first);
        Check.Equal(1, s.Io.ListWatchers(header).Count, "one handle");
        var second = s.Rbd.Open(name);
        Check.Equal(2, s.Io.ListWatchers(header).Count, "two handles");
        using (s.Rbd.Open(name, null, readOnly: true))
        {
            Check.Equal(2, s.Io.ListWatchers(header).Count, "read-only handle adds none");
        }

        first.Dispose();
        second.Dispose();
        Check.Equal(0, s.Io.ListWatchers(header).Count, "closed");
    }

    /// <summary>a read-only handle reads, flushes and reports IsReadOnly; every write, even an empty one, is EROFS.</summary>
    [ConformanceCase]
    public static void ReadOnlyHandleRefusesWrites(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using (var writer = s.Rbd.Open(name))
        {
            Check.Equal(false, writer.IsReadOnly, "writable handle");
            writer.Write(Bytes.Of("data"), 0);
        }

        using var image = s.Rbd.Open(name, null, readOnly: true);
        Check.Equal(true, image.IsReadOnly, "read-only handle");
        var buffer = new byte[4];
        Check.Equal(4, image.Read(buffer, 0), "read");
        Check.Bytes(Bytes.Of("data"), buffer, "data");
        image.Flush();
        Check.Throws<StorageException>(Errno.EROFS, () => image.Write(Bytes.Of("x"), 0), "write");
        Check.Throws<StorageException>(Errno.EROFS, () => image.Write(ReadOnlySpan<byte>.Empty, 0), "empty write");
        Check.Throws<StorageException>(Errno.EROFS, () => image.Discard(0, 100), "discard");
        Check.Throws<StorageException>(Errno.EROFS, () => image.Discard(0, 0), "empty discard");
        Check.Throws<StorageException>(Errno.EROFS, () => image.WriteZeroes(0, 100), "write zeroes");
        Check.Throws<StorageException>(Errno.EROFS, () => image.WriteZeroes(0, 0), "empty write zeroes");
        Check.Throws<StorageException>(Errno.EROFS, () => image.Resize(8192), "resize");
        Check.Throws<StorageException>(Errno.EROFS, () => image.Resize(16384), "resize to the same size");
        Check.Throws<StorageException>(Errno.EROFS, () => image.Resize(8192, allowShrink: false), "refused shrink is EROFS first");
        Check.Throws<StorageException>(Errno.EROFS, () => image.UpdateFeatures(ExclusiveLock, true), "update features");
        Check.Equal(16384L, image.Size, "size unchanged");
    }

    /// <summary>on a read-only handle, I/O starting past the end is EINVAL before EROFS; an empty write there is still EROFS.</summary>
    [ConformanceCase]
    public static void ReadOnlyPastTheEndIsInvalidFirst(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(8192), null, readOnly: true);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Write(Bytes.Of("x"), 100000), "write past the end");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Discard(100000, 10), "discard past the end");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.WriteZeroes(8192, 10), "write zeroes at the end");
        Check.Throws<StorageException>(Errno.EROFS, () => image.Write(ReadOnlySpan<byte>.Empty, 100000), "empty write past the end");
        Check.Throws<StorageException>(Errno.EROFS, () => image.Discard(100000, 0), "empty discard past the end");
    }

    /// <summary>open by id finds the image under its current name, writable or read-only.</summary>
    [ConformanceCase]
    public static void OpenById(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(8192);
        string id;
        using (var image = s.Rbd.Open(name))
        {
            id = image.Id;
        }

        using (var byId = s.Rbd.OpenById(id))
        {
            Check.Equal(name, byId.Name, "name");
            Check.Equal(id, byId.Id, "id");
            Check.Equal(false, byId.IsReadOnly, "writable");
            Check.Equal(5, byId.Write(Bytes.Of("by id"), 0), "write");
            Check.Throws<StorageBusyException>(Errno.EBUSY, () => s.Rbd.Remove(name), "held open by id");
        }

        using (var readOnly = s.Rbd.OpenById(id, null, readOnly: true))
        {
            Check.Equal(true, readOnly.IsReadOnly, "read-only");
            var buffer = new byte[5];
            readOnly.Read(buffer, 0);
            Check.Bytes(Bytes.Of("by id"), buffer, "data");
            Check.Throws<StorageException>(Errno.EROFS, () => readOnly.Write(Bytes.Of("x"), 0), "write");
        }

        string renamed = s.NewName("renamed");
        s.Rbd.Rename(name, renamed);
        using (var afterRename = s.Rbd.OpenById(id))
        {
            Check.Equal(renamed, afterRename.Name, "name after rename");
        }

        s.Rbd.Remove(renamed);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.OpenById(id).Dispose(), "after removal");
    }

    /// <summary>a missing or empty id, an id used as a name, and a missing image opened read-only are ENOENT.</summary>
    [ConformanceCase]
    public static void OpenMissingIsNotFound(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(4096);
        string id;
        using (var image = s.Rbd.Open(name))
        {
            id = image.Id;
        }

        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.OpenById("abcdef123456").Dispose(), "missing id");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.OpenById("abcdef123456", null, readOnly: true).Dispose(), "missing id read-only");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.OpenById("").Dispose(), "empty id");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.Open(id).Dispose(), "id as a name");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.Open(s.NewName("missing"), null, readOnly: true).Dispose(), "missing name read-only");
    }

    /// <summary>zeroing a whole object removes it; zeroing the head or middle zeroes in place; zeroing to the object's end truncates it.</summary>
    [ConformanceCase]
    public static void WriteZeroesPerObject(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4 * 4096));
        var data = new byte[4 * 4096];
        data.AsSpan().Fill(9);
        image.Write(data, 0);
        Check.Equal(4096L, image.WriteZeroes(4096, 4096), "whole object 1");
        Check.Equal(200L, image.WriteZeroes(100, 200), "middle of object 0");
        Check.Equal(100L, image.WriteZeroes(8192, 100), "head of object 2");
        Check.Equal(288L, image.WriteZeroes(12000, 288), "tail of object 2");
        Check.Equal(384L, image.WriteZeroes(16000, 1000), "crossing the end");
        var expected = (byte[])data.Clone();
        expected.AsSpan(4096, 4096).Clear();
        expected.AsSpan(100, 200).Clear();
        expected.AsSpan(8192, 100).Clear();
        expected.AsSpan(12000, 288).Clear();
        expected.AsSpan(16000, 384).Clear();
        var buffer = new byte[4 * 4096];
        image.Read(buffer, 0);
        Check.Bytes(expected, buffer, "reads");
        string prefix = image.Stat().BlockNamePrefix;
        var objects = DataObjects(s.Io, prefix);
        Check.Sequence([prefix + ".0000000000000000", prefix + ".0000000000000002", prefix + ".0000000000000003"], objects, "object 1 removed");
        Check.Sequence([4096L, 3808L, 3712L], objects.Select(o => s.Io.Stat(o).Size), "object sizes");
    }

    /// <summary>zeroing never creates objects; empty zeroing is 0 anywhere; zeroing from the end on is EINVAL; the whole image leaves no objects.</summary>
    [ConformanceCase]
    public static void WriteZeroesEdges(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4 * 4096));
        image.Write(new byte[] { 1, 2, 3 }, 0);
        Check.Equal(100L, image.WriteZeroes(4196, 100), "middle of a missing object");
        string prefix = image.Stat().BlockNamePrefix;
        Check.Sequence([prefix + ".0000000000000000"], DataObjects(s.Io, prefix), "no object created");
        Check.Equal(0L, image.WriteZeroes(0, 0), "empty at 0");
        Check.Equal(0L, image.WriteZeroes(16384, 0), "empty at the end");
        Check.Equal(0L, image.WriteZeroes(100000, 0), "empty past the end");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.WriteZeroes(16384, 10), "at the end");
        Check.Equal(16384L, image.WriteZeroes(0, 16384), "whole image");
        Check.Equal(0, DataObjects(s.Io, prefix).Count, "no objects left");
    }

    /// <summary>a shrink without allowShrink is EINVAL and changes nothing; growing or keeping the size is fine and reports no progress.</summary>
    [ConformanceCase]
    public static void ResizeRefusedShrink(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4 * 4096));
        image.Write(Bytes.Of("stay"), 3 * 4096);
        var progress = new ProgressLog();
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Resize(6000, allowShrink: false, progress), "shrink refused");
        Check.Equal(4L * 4096, image.Size, "size unchanged");
        image.Resize(4 * 4096, allowShrink: false, progress);
        image.Resize(8 * 4096, allowShrink: false, progress);
        Check.Equal(8L * 4096, image.Size, "grown");
        Check.Equal(0, progress.Reports.Count, "no progress without a shrink");
        var buffer = new byte[4];
        image.Read(buffer, 3 * 4096);
        Check.Bytes(Bytes.Of("stay"), buffer, "data kept");
    }

    /// <summary>a shrink reports (object number, old object count) for each object past the new last one, then cuts the boundary object.</summary>
    [ConformanceCase]
    public static void ResizeShrinkReportsRemovedObjects(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(8 * 4096));
        var data = new byte[8 * 4096];
        data.AsSpan().Fill(3);
        image.Write(data, 0);
        var progress = new ProgressLog();
        image.Resize(6000, allowShrink: true, progress);
        Check.Sequence(Enumerable.Range(2, 6).Select(n => new RbdProgress(n, 8)), progress.Sorted(), "progress");
        Check.Equal(6000L, image.Size, "size");
        string prefix = image.Stat().BlockNamePrefix;
        Check.Sequence([4096L, 1904L], DataObjects(s.Io, prefix).Select(o => s.Io.Stat(o).Size), "objects left");
        var toZero = new ProgressLog();
        image.Resize(0, allowShrink: true, toZero);
        Check.Sequence([new RbdProgress(0, 2), new RbdProgress(1, 2)], toZero.Sorted(), "progress to 0");
        Check.Equal(0, DataObjects(s.Io, prefix).Count, "no objects");
    }

    /// <summary>exclusive-lock may be toggled; object-map needs it (EINVAL otherwise), brings fast-diff and marks both invalid; disabling either drops both and the marks.</summary>
    [ConformanceCase]
    public static void UpdateObjectMapAndFastDiff(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4 * 4096));
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.UpdateFeatures(RbdFeatures.ObjectMap, true), "object-map without exclusive-lock");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.UpdateFeatures(RbdFeatures.FastDiff, true), "fast-diff without exclusive-lock");
        image.UpdateFeatures(ExclusiveLock, true);
        Check.Equal(Layering | ExclusiveLock, image.Features, "exclusive-lock on");
        image.UpdateFeatures(RbdFeatures.ObjectMap, true);
        Check.Equal(Layering | ExclusiveLock | ObjectMapAndFastDiff, image.Features, "object-map brings fast-diff");
        Check.Equal(RbdImageFlags.ObjectMapInvalid | RbdImageFlags.FastDiffInvalid, image.Flags, "flags");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.UpdateFeatures(ExclusiveLock, false), "exclusive-lock still needed");
        image.UpdateFeatures(RbdFeatures.FastDiff, false);
        Check.Equal(Layering | ExclusiveLock, image.Features, "disabling fast-diff drops object-map");
        Check.Equal(RbdImageFlags.None, image.Flags, "flags cleared");
        image.UpdateFeatures(RbdFeatures.FastDiff, true);
        Check.Equal(Layering | ExclusiveLock | ObjectMapAndFastDiff, image.Features, "enabling fast-diff brings object-map");
        image.UpdateFeatures(RbdFeatures.ObjectMap, false);
        image.UpdateFeatures(ExclusiveLock, false);
        Check.Equal(Layering, image.Features, "back to layering");
    }

    /// <summary>immutable features, no features, and features already in the asked state are EINVAL; deep-flatten can only be disabled.</summary>
    [ConformanceCase]
    public static void UpdateImmutableFeaturesIsInvalid(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(NewImage(s, 8192, new RbdImageOptions { Order = 12, Features = Layering | ExclusiveLock | RbdFeatures.DeepFlatten }));
        foreach (var feature in new[] { Layering, RbdFeatures.StripingV2, RbdFeatures.DataPool, RbdFeatures.Operations, RbdFeatures.Migrating, RbdFeatures.NonPrimary, RbdFeatures.DirtyCache, RbdFeatures.DeepFlatten, (RbdFeatures)(1UL << 12), RbdFeatures.None })
        {
            Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.UpdateFeatures(feature, true), $"enable {feature}");
        }

        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.UpdateFeatures(Layering, false), "disable layering");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.UpdateFeatures(RbdFeatures.None, false), "disable nothing");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.UpdateFeatures(ExclusiveLock, true), "already enabled");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.UpdateFeatures(RbdFeatures.Journaling, false), "already disabled");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.UpdateFeatures(ExclusiveLock | RbdFeatures.Journaling, false), "partly disabled");
        image.UpdateFeatures(RbdFeatures.DeepFlatten, false);
        Check.Equal(Layering | ExclusiveLock, image.Features, "deep-flatten disabled");
    }

    /// <summary>journaling needs exclusive-lock, which cannot be disabled under it; several features update at once.</summary>
    [ConformanceCase]
    public static void UpdateJournalingAndSeveralAtOnce(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(8192));
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.UpdateFeatures(RbdFeatures.Journaling, true), "journaling alone");
        image.UpdateFeatures(ExclusiveLock | RbdFeatures.Journaling, true);
        Check.Equal(Layering | ExclusiveLock | RbdFeatures.Journaling, image.Features, "both on");
        Check.Equal(RbdImageFlags.None, image.Flags, "no flags");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.UpdateFeatures(ExclusiveLock, false), "exclusive-lock under journaling");
        image.UpdateFeatures(ExclusiveLock | RbdFeatures.Journaling, false);
        image.UpdateFeatures(ExclusiveLock | RbdFeatures.ObjectMap, true);
        Check.Equal(Layering | ExclusiveLock | ObjectMapAndFastDiff, image.Features, "exclusive-lock and object-map at once");
        image.UpdateFeatures(ExclusiveLock | RbdFeatures.ObjectMap, false);
        Check.Equal(Layering, image.Features, "all off at once");
    }

    /// <summary>after Dispose every option, feature and layout member is ObjectDisposedException; argument errors still come first.</summary>
    [ConformanceCase]
    public static void DisposedImage(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        var image = s.Rbd.Open(s.NewImage(8192));
        image.Dispose();
        image.Dispose();
        (string What, Action Use)[] uses =
        [
            ("IsReadOnly", () => _ = image.IsReadOnly),
            ("WriteZeroes", () => image.WriteZeroes(0, 10)),
            ("Resize", () => image.Resize(4096, true, new ProgressLog())),
            ("Features", () => _ = image.Features),
            ("UpdateFeatures", () => image.UpdateFeatures(ExclusiveLock, true)),
            ("Flags", () => _ = image.Flags),
            ("OperationFeatures", () => _ = image.OperationFeatures),
            ("IsOldFormat", () => _ = image.IsOldFormat),
            ("StripeUnit", () => _ = image.StripeUnit),
            ("StripeCount", () => _ = image.StripeCount),
        ];
        foreach (var (what, use) in uses)
        {
            Check.ThrowsExactly<ObjectDisposedException>(use, what);
        }

        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => image.WriteZeroes(-1, 10), "negative offset first");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => image.Resize(-1, true), "negative size first");
    }

    /// <summary>null or NUL names, null options and negative sizes or options are argument errors on both, before any call.</summary>
    [ConformanceCase]
    public static void ArgumentErrors(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewName();
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.Create(name, 4096, (RbdImageOptions)null!), "null options");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.Create(null!, 4096, new RbdImageOptions()), "null name");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => s.Rbd.Create(name, -1, new RbdImageOptions()), "negative size");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => s.Rbd.Create(name, 4096, new RbdImageOptions { Order = -1 }), "negative order");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => s.Rbd.Create(name, 4096, new RbdImageOptions { StripeUnit = -1, StripeCount = 2 }), "negative stripe unit");
        Check.ThrowsExactly<ArgumentException>(() => s.Rbd.Create("a\0b", 4096, new RbdImageOptions()), "NUL name");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.Remove(null!, new ProgressLog()), "remove null");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.Open(null!, null, readOnly: true), "open null");
        Check.ThrowsExactly<ArgumentException>(() => s.Rbd.Open(name, "a\0b", readOnly: false), "open NUL snapshot");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.OpenById(null!), "open null id");
        Check.ThrowsExactly<ArgumentException>(() => s.Rbd.OpenById("a\0b"), "open NUL id");
        using var image = s.Rbd.Open(s.NewImage(4096));
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => image.WriteZeroes(0, -1), "write zeroes negative length");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => image.Resize(-1, false, null), "resize negative");
        Check.True(!s.Rbd.List().Contains(name), "nothing created");
    }

    /// <summary>
    /// on a striped image (1 KiB units over 4 objects) discards and zeroes act per object extent: a whole object
    /// set discarded removes its objects, a head extent is skipped by discard and zeroed by write_zeroes, a tail
    /// extent truncates.
    /// </summary>
    [ConformanceCase]
    public static void StripedDiscardAndZeroes(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(NewImage(s, 32768, new RbdImageOptions { Order = 12, StripeUnit = 1024, StripeCount = 4 }));
        var data = new byte[32768];
        data.AsSpan().Fill(7);
        image.Write(data, 0);
        Check.Equal(16384L, image.Discard(0, 16384), "first object set");
        Check.Equal(1024L, image.Discard(16384, 1024), "head of object 4");
        Check.Equal(1024L, image.WriteZeroes(16384 + 1024, 1024), "head of object 5");
        Check.Equal(1024L, image.WriteZeroes(28672, 1024), "tail of object 4");
        var expected = (byte[])data.Clone();
        expected.AsSpan(0, 16384).Clear();
        expected.AsSpan(16384 + 1024, 1024).Clear();
        expected.AsSpan(28672, 1024).Clear();
        var buffer = new byte[32768];
        image.Read(buffer, 0);
        Check.Bytes(expected, buffer, "reads");
        string prefix = image.Stat().BlockNamePrefix;
        var objects = DataObjects(s.Io, prefix);
        Check.Sequence(Enumerable.Range(4, 4).Select(n => $"{prefix}.{n:x16}"), objects, "objects 0-3 removed");
        Check.Sequence([3072L, 4096L, 4096L, 4096L], objects.Select(o => s.Io.Stat(o).Size), "object sizes");
    }

    /// <summary>
    /// shrinking a striped image removes whole object sets past the new last stripe period (with progress) and
    /// cuts each object of that period where the new end leaves it.
    /// </summary>
    [ConformanceCase]
    public static void StripedShrink(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(NewImage(s, 32768, new RbdImageOptions { Order = 12, StripeUnit = 1024, StripeCount = 4 }));
        var data = new byte[32768];
        data.AsSpan().Fill(4);
        image.Write(data, 0);
        string prefix = image.Stat().BlockNamePrefix;
        var progress = new ProgressLog();
        image.Resize(20000, allowShrink: true, progress);
        Check.Equal(0, progress.Reports.Count, "same object sets: nothing removed whole");
        Check.Sequence([4096L, 4096L, 4096L, 4096L, 1024L, 1024L, 1024L, 544L], DataObjects(s.Io, prefix).Select(o => s.Io.Stat(o).Size), "cut at 20000");
        image.Resize(4000, allowShrink: true, progress);
        Check.Sequence(Enumerable.Range(4, 4).Select(n => new RbdProgress(n, 8)), progress.Sorted(), "second object set removed");
        Check.Sequence([1024L, 1024L, 1024L, 928L], DataObjects(s.Io, prefix).Select(o => s.Io.Stat(o).Size), "cut at 4000");
        Check.Equal(4L, image.Stat().ObjectCount, "objects spanned");
        var buffer = new byte[4000];
        image.Read(buffer, 0);
        Check.True(buffer.All(b => b == 4), "data below the end kept");
        image.Resize(8000, allowShrink: false, null);
        var grown = new byte[4000];
        image.Read(grown, 4000);
        Check.True(grown.All(b => b == 0), "grown part reads zeros");
    }

    /// <summary>removing a striped image reports the objects its layout spans (2000 bytes over 1 KiB units: 2 objects).</summary>
    [ConformanceCase]
    public static void StripedRemoveReportsSpannedObjects(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = NewImage(s, 2000, new RbdImageOptions { Order = 12, StripeUnit = 1024, StripeCount = 4 });
        var progress = new ProgressLog();
        s.Rbd.Remove(name, progress);
        Check.Sequence([new RbdProgress(0, 2), new RbdProgress(1, 2)], progress.Sorted(), "progress");
    }

    /// <summary>an exception from the progress sink does not stop the operation: it finishes, then the exception is rethrown.</summary>
    [ConformanceCase]
    public static void ProgressSinkExceptionComesAfterTheOperation(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(4 * 4096);
        using (var image = s.Rbd.Open(name))
        {
            var throwing = new ThrowingProgress();
            Check.ThrowsExactly<InvalidOperationException>(() => image.Resize(4096, true, throwing), "resize");
            Check.Equal(4096L, image.Size, "resized all the same");
            Check.Equal(1, throwing.Calls, "the sink is not called again after it threw");
        }

        Check.ThrowsExactly<InvalidOperationException>(() => s.Rbd.Remove(name, new ThrowingProgress()), "remove");
        Check.True(!s.Rbd.List().Contains(name), "removed all the same");
    }

    /// <summary>
    /// with object-map, rbd_object_map.&lt;id&gt; holds an encoded BitVector&lt;2&gt; (2 bits per object, crc32c of
    /// header and data), byte for byte as librbd writes it: written objects become 1, removed objects 0; removal deletes it.
    /// </summary>
    [ConformanceCase]
    public static void ObjectMapTracksDataObjects(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = NewImage(s, 4 * 4096, new RbdImageOptions { Order = 12, Features = Layering | ExclusiveLock | ObjectMapAndFastDiff | RbdFeatures.DeepFlatten });
        string map;
        using (var image = s.Rbd.Open(name))
        {
            map = "rbd_object_map." + image.Id;
            Check.Bytes(ObjectMapBytes(0x00, [0x00, 0x00, 0x00, 0x00]), ReadAll(s.Io, map), "new map");
            image.Write(new byte[100], 0);
            image.Flush();
            Check.Bytes(ObjectMapBytes(0x40, [0xbc, 0x1d, 0x7b, 0x41]), ReadAll(s.Io, map), "object 0 written");
            image.Write(new byte[5000], 8192);
            image.Flush();
            Check.Bytes(ObjectMapBytes(0x45, [0xa0, 0x09, 0x8a, 0x74]), ReadAll(s.Io, map), "objects 2 and 3 written");
            image.Discard(8192, 4096);
            image.Flush();
            Check.Bytes(ObjectMapBytes(0x41, [0xbf, 0x9e, 0x10, 0xb3]), ReadAll(s.Io, map), "object 2 discarded");
        }

        s.Rbd.Remove(name);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Io.Stat(map), "map removed with the image");
    }

    /// <summary>
    /// enabling object-map writes an all-nonexistent map (flagged invalid, existing data not recorded); writes, zeroing and
    /// resizes keep it current and sized to the object count; disabling removes it.
    /// </summary>
    [ConformanceCase]
    public static void ObjectMapFollowsFeaturesAndResize(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(NewImage(s, 4 * 4096, new RbdImageOptions { Order = 12, Features = Layering | ExclusiveLock }));
        string map = "rbd_object_map." + image.Id;
        image.Write(new byte[100], 0);
        image.Write(new byte[100], 12288);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Io.Stat(map), "no map without the feature");
        image.UpdateFeatures(RbdFeatures.ObjectMap, true);
        Check.Bytes(ObjectMapBytes(0x00, [0x00, 0x00, 0x00, 0x00]), ReadAll(s.Io, map), "enabled: nothing recorded");
        image.Write(new byte[100], 4096);
        image.Flush();
        Check.Bytes(ObjectMapBytes(0x10, [0x6f, 0xc7, 0x5e, 0x10]), ReadAll(s.Io, map), "object 1 written");
        image.Resize(9 * 4096);
        image.Write(new byte[10], 8 * 4096);
        image.Flush();
        Check.Sequence([0, 1, 0, 0, 0, 0, 0, 0, 1], ObjectMapStates(ReadAll(s.Io, map)), "grown to 9 objects");
        image.Write(new byte[6000], 0);
        image.Resize(6000);
        Check.Sequence([1, 1], ObjectMapStates(ReadAll(s.Io, map)), "shrunk to 2 objects");
        Check.Equal(35L, s.Io.Stat(map).Size, "map size");
        image.WriteZeroes(0, 6000);
        image.Flush();
        Check.Sequence([0, 1], ObjectMapStates(ReadAll(s.Io, map)), "object 0 zeroed away, object 1 zeroed in place");
        image.UpdateFeatures(RbdFeatures.ObjectMap, false);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Io.Stat(map), "disabled: map removed");
    }

    /// <summary>
    /// with exclusive-lock, a writable handle takes lock rbd_lock on the header (exclusive, tag internal, cookie
    /// "auto &lt;its watch id&gt;") on its first write or flush, not on open or read; another handle's write takes it
    /// over; closing releases it; read-only handles and images without the feature take none.
    /// </summary>
    [ConformanceCase]
    public static void ExclusiveLockFollowsWriters(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = NewImage(s, 4 * 4096, new RbdImageOptions { Order = 12, Features = Layering | ExclusiveLock });
        var first = s.Rbd.Open(name);
        string header = RbdHeader(first);
        first.Read(new byte[10], 0);
        Check.Equal(0, s.Io.ListLockers(header, "rbd_lock").Lockers.Count, "not on open or read");
        first.Write(new byte[10], 0);
        var info = s.Io.ListLockers(header, "rbd_lock");
        Check.Equal(1, info.Lockers.Count, "locked by the first write");
        Check.Equal(true, info.Exclusive, "exclusive");
        Check.Equal("internal", info.Tag, "tag");
        string firstCookie = info.Lockers[0].Cookie;
        Check.Equal("auto " + s.Io.ListWatchers(header)[0].WatchId, firstCookie, "cookie names the handle's watch");
        var second = s.Rbd.Open(name);
        Check.Equal(firstCookie, s.Io.ListLockers(header, "rbd_lock").Lockers.Single().Cookie, "still the first handle's");
        second.Write(new byte[10], 4096);
        string secondCookie = s.Io.ListLockers(header, "rbd_lock").Lockers.Single().Cookie;
        Check.True(secondCookie != firstCookie && s.Io.ListWatchers(header).Any(w => "auto " + w.WatchId == secondCookie), "handed to the second handle");
        first.Write(new byte[10], 0);
        Check.Equal(firstCookie, s.Io.ListLockers(header, "rbd_lock").Lockers.Single().Cookie, "and back");
        second.Dispose();
        Check.Equal(firstCookie, s.Io.ListLockers(header, "rbd_lock").Lockers.Single().Cookie, "kept when the other closes");
        first.Dispose();
        Check.Equal(0, s.Io.ListLockers(header, "rbd_lock").Lockers.Count, "released on close");
        using (var readOnly = s.Rbd.Open(name, null, readOnly: true))
        {
            readOnly.Flush();
            Check.Throws<StorageException>(Errno.EROFS, () => readOnly.Write(new byte[10], 0), "read-only write");
            Check.Equal(0, s.Io.ListLockers(header, "rbd_lock").Lockers.Count, "read-only handles take none");
        }

        using (var flusher = s.Rbd.Open(name))
        {
            flusher.Flush();
            Check.Equal(1, s.Io.ListLockers(header, "rbd_lock").Lockers.Count, "a flush takes it");
        }

        using var plain = s.Rbd.Open(s.NewImage(8192));
        plain.Write(new byte[10], 0);
        plain.Flush();
        Check.Equal(0, s.Io.ListLockers(RbdHeader(plain), "rbd_lock").Lockers.Count, "no lock without the feature");
    }

    /// <summary>concurrent creates of one name: exactly one succeeds, the others are EEXIST.</summary>
    [ConformanceCase]
    public static void ConcurrentCreatesOfOneName(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewName();
        var outcomes = new Errno?[4];
        Parallel.For(0, outcomes.Length, i =>
        {
            try
            {
                s.Rbd.Create(name, 4096, new RbdImageOptions { Order = 12 });
                outcomes[i] = null;
            }
            catch (StorageException ex)
            {
                outcomes[i] = ex.Errno;
            }
        });
        Check.Equal(1, outcomes.Count(o => o is null), "one create succeeded");
        Check.True(outcomes.All(o => o is null || o == Errno.EEXIST), "the others are EEXIST");
        Check.Equal(1, s.Rbd.List().Count(n => n == name), "listed once");
    }

    /// <summary>The measured encoding of a 4-object map with one state byte and its data crc.</summary>
    private static byte[] ObjectMapBytes(byte states, byte[] dataCrc)
        => [0x0e, 0, 0, 0, 1, 1, 8, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, states, 0x0c, 0, 0, 0, 0x3f, 0x38, 0xaa, 0xcb, 1, 0, 0, 0, .. dataCrc];

    /// <summary>The per-object states of an encoded map (object count at byte 10, states from byte 18, 2 bits each, high bits first).</summary>
    private static List<int> ObjectMapStates(byte[] encoded)
    {
        long count = BitConverter.ToInt64(encoded, 10);
        return [.. Enumerable.Range(0, (int)count).Select(n => (encoded[18 + (n / 4)] >> (6 - (2 * (n % 4)))) & 3)];
    }

    private static byte[] ReadAll(IRadosIoContext io, string objectName)
    {
        var buffer = new byte[io.Stat(objectName).Size];
        return buffer[..io.Read(objectName, buffer, 0)];
    }

    private static string NewImage(RbdImageScope s, long size, RbdImageOptions options)
    {
        string name = s.NewName();
        s.Rbd.Create(name, size, options);
        return name;
    }

    private static RbdFeatures FeaturesOf(RbdImageScope s, RbdImageOptions options)
    {
        using var image = s.Rbd.Open(NewImage(s, 16384, options));
        return image.Features;
    }

    private static string RbdHeader(IRbdImage image) => "rbd_header." + image.Id;

    private static List<string> HeaderKeysOf(RbdImageScope s, IRbdImage image)
        => [.. s.Io.GetOmapKeys(RbdHeader(image)).Keys.Order(StringComparer.Ordinal)];

    private static List<string> DataObjects(IRadosIoContext io, string prefix)
        => [.. io.ListObjects().Select(entry => entry.Name).Where(objectName => objectName.StartsWith(prefix + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>Collects reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class ProgressLog : IProgress<RbdProgress>
    {
        private readonly Lock _gate = new();

        public List<RbdProgress> Reports { get; } = [];

        public void Report(RbdProgress value)
        {
            lock (_gate)
            {
                Reports.Add(value);
            }
        }

        /// <summary>librbd reports from its thread pool; the order of objects is not promised.</summary>
        public List<RbdProgress> Sorted() => [.. Reports.OrderBy(r => r.Done)];
    }

    private sealed class ThrowingProgress : IProgress<RbdProgress>
    {
        public int Calls { get; private set; }

        public void Report(RbdProgress value)
        {
            Calls++;
            throw new InvalidOperationException("progress sink failed");
        }
    }
}
