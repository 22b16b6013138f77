using System.Buffers.Binary;
using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Creation with image options as librbd 16 validates them (measured, docs/native-probe-results.md "RBD image
/// options"), removal with progress and the watcher check, and opening read-only or by id.
/// </summary>
internal sealed partial class EmulatedRbdClient
{
    /// <summary><c>RBD_FEATURES_ALL</c> of librbd 16: bits beyond it are ENOSYS.</summary>
    private const RbdFeatures AllFeatures = (RbdFeatures)((1UL << 12) - 1);

    /// <summary>Features librbd 16 accepts at creation but does not store (set internally, or needing options the kit does not pass).</summary>
    private const RbdFeatures DroppedAtCreation = RbdFeatures.DataPool | RbdFeatures.Operations | RbdFeatures.Migrating | RbdFeatures.NonPrimary | RbdFeatures.DirtyCache;

    /// <summary>librbd 16 refuses stripe units below this (measured: 256 → EINVAL, 512 → fine).</summary>
    private const long MinStripeUnit = 512;

    /// <inheritdoc />
    public IRadosIoContext IoContext => io;

    /// <inheritdoc />
    public void Create(string name, long size, RbdImageOptions options)
    {
        RbdArguments.ImageName(name);
        RbdArguments.NotNegative(size, nameof(size));
        RbdArguments.Options(options);
        CreateImage(
            name,
            size,
            (ulong)(options.Order ?? 0),
            (ulong)(options.Format ?? 2),
            options.Features ?? RbdFeatures.Layering,
            (ulong)(options.StripeUnit ?? 0),
            (ulong)(options.StripeCount ?? 0),
            "rbd_create4");
    }

    /// <inheritdoc />
    public void Remove(string name, IProgress<RbdProgress>? progress)
    {
        RbdArguments.ImageName(name);
        string operation = progress is null ? "rbd_remove" : "rbd_remove_with_progress";
        var relay = new EmulatedRbdProgress(progress);
        lock (_gate)
        {
            string id = IdOf(name, operation);
            var header = EmulatedRbdHeader.Read(io, id, operation, name);

            // librbd's PreRemoveRequest refuses an image that still has snapshots, before it looks at watchers.
            if (EmulatedRbdSnapshots.List(io, id, operation, name).Count > 0)
            {
                throw StorageErrors.Create(Errno.ENOTEMPTY, operation, name);
            }

            // librbd refuses while another client has the image open: its header has watchers.
            if (io.ListWatchers(RbdLayout.Header(id)).Count > 0)
            {
                throw StorageErrors.Create(Errno.EBUSY, operation, name);
            }

            ThrowIfInGroup(id, operation, name);

            lock (EmulatedRbdParents.Gate)
            {
                // A clone leaves its parent's children.
                Detach(io, id);
            }

            long objectCount = header.ObjectCount;
            for (long objectNumber = 0; objectNumber < objectCount; objectNumber++)
            {
                RemoveIfExists(RbdLayout.DataObject(id, objectNumber));
                relay.Report(objectNumber, objectCount);
            }

            RemoveIfExists(EmulatedRbdObjectMap.Name(id));
            RemoveIfExists(RbdLayout.Header(id));
            RemoveIfExists(RbdLayout.IdObject(name));
            io.RemoveOmapKeys(RbdLayout.Directory, [RbdLayout.NameKey(name), RbdLayout.IdKey(id)]);
            EmulatedRbdMirroring.OnImageRemoved(io, id);
        }

        relay.ThrowIfFailed();
    }

    /// <inheritdoc />
    public IRbdImage Open(string name, string? snapshotName, bool readOnly)
    {
        RbdArguments.ImageName(name);
        if (snapshotName is not null)
        {
            RbdArguments.ImageName(snapshotName, nameof(snapshotName));
        }

        string operation = readOnly ? "rbd_open_read_only" : "rbd_open";
        EmulatedRbdImage image;
        lock (_gate)
        {
            string id = IdOf(name, operation);
            image = OpenImage(name, id, readOnly, operation);
        }

        return AtSnapshot(image, snapshotName);
    }

    /// <inheritdoc />
    public IRbdImage OpenById(string id, string? snapshotName = null, bool readOnly = false)
    {
        RbdArguments.ImageName(id, nameof(id));
        if (snapshotName is not null)
        {
            RbdArguments.ImageName(snapshotName, nameof(snapshotName));
        }

        string operation = readOnly ? "rbd_open_by_id_read_only" : "rbd_open_by_id";
        EmulatedRbdImage image;
        lock (_gate)
        {
            // The directory maps the id back to the image's current name; a trashed image's name is in the trash.
            var name = RbdLayout.OmapValue(io, RbdLayout.Directory, RbdLayout.IdKey(id)) is { } encoded
                ? RbdLayout.DecodeString(encoded.Span)
                : TrashedName(id) ?? throw StorageErrors.Create(Errno.ENOENT, operation, id);
            image = OpenImage(name, id, readOnly, operation);
        }

        return AtSnapshot(image, snapshotName);
    }

    /// <summary>
    /// Opens an image whose id is known: the header must exist; a handle that may write watches the header
    /// as librbd's image watcher does (read-only handles do not), which is what makes removal EBUSY.
    /// </summary>
    private EmulatedRbdImage OpenImage(string name, string id, bool readOnly, string operation)
    {
        EmulatedRbdHeader.Read(io, id, operation, name);
        var image = new EmulatedRbdImage(io, name, id) { OpenedReadOnly = readOnly };
        if (!readOnly)
        {
            image.WatchHeader();
        }

        return image;
    }

    /// <summary>Moves a new handle to the snapshot it was opened at (the snapshots area's <c>rbd_snap_set</c>); ENOENT closes it again.</summary>
    private static EmulatedRbdImage AtSnapshot(EmulatedRbdImage image, string? snapshotName)
    {
        if (snapshotName is null)
        {
            return image;
        }

        try
        {
            image.SetSnapshot(snapshotName);
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>
    /// librbd 16's create (<c>librbd::create</c>, then <c>image::CreateRequest</c>), in its check order: an existing
    /// name (either format) is EEXIST, an order outside 12..25 EDOM, format 1 EINVAL (creation unsupported without
    /// <c>RBD_FORCE_ALLOW_V1</c>), unknown feature bits ENOSYS, object-map or journaling without exclusive-lock
    /// EINVAL, then stripe unit and count EINVAL unless both are given (or neither) and the unit divides the object size.
    /// </summary>
    private void CreateImage(string name, long size, ulong order, ulong format, RbdFeatures features, ulong stripeUnit, ulong stripeCount, string operation)
    {
        lock (_gate)
        {
            if (RbdLayout.OmapValue(io, RbdLayout.Directory, RbdLayout.NameKey(name)) is not null || Exists(RbdLayout.IdObject(name)) || Exists(name + ".rbd"))
            {
                throw StorageErrors.Create(Errno.EEXIST, operation, name);
            }

            CheckNamespaceExists(operation, name);

            // librbd keeps the order in a byte; 0 means the default.
            int imageOrder = (byte)order;
            if (imageOrder == 0)
            {
                imageOrder = RbdLayout.DefaultOrder;
            }

            if (imageOrder < RbdLayout.MinOrder || imageOrder > RbdLayout.MaxOrder)
            {
                throw StorageErrors.Create(Errno.EDOM, operation, name);
            }

            if (format == 1)
            {
                throw StorageErrors.Create(Errno.EINVAL, operation, name);
            }

            ulong objectSize = 1UL << imageOrder;
            if ((features & RbdFeatures.ObjectMap) != 0)
            {
                features |= RbdFeatures.FastDiff;
            }

            bool striped = (stripeUnit != 0 && stripeUnit != objectSize) || (stripeCount != 0 && stripeCount != 1);
            features = striped ? features | RbdFeatures.StripingV2 : features & ~RbdFeatures.StripingV2;
            ValidateFeatures(features, operation, name);
            if ((stripeUnit != 0) != (stripeCount != 0)
                || (stripeUnit != 0 && (objectSize % stripeUnit != 0 || stripeUnit > objectSize || stripeUnit < MinStripeUnit)))
            {
                throw StorageErrors.Create(Errno.EINVAL, operation, name);
            }

            features &= ~DroppedAtCreation;
            if ((features & RbdFeatures.ObjectMap) == 0)
            {
                features &= ~RbdFeatures.FastDiff;
            }

            string id = NewId();
            // Pool validation works on the default namespace, whatever namespace the image goes to.
            using (var root = DefaultNamespace())
            {
                try
                {
                    root.Stat(RbdLayout.Info);
                }
                catch (StorageNotFoundException)
                {
                    root.WriteFull(RbdLayout.Info, "overwrite validated"u8);
                }
            }

            io.WriteFull(RbdLayout.IdObject(name), RbdLayout.EncodeString(id));
            byte[] now = EncodeTime(((EmulatedRadosIoContext)io).Time.GetUtcNow());
            var header = new Dictionary<string, ReadOnlyMemory<byte>>
            {
                ["access_timestamp"] = now,
                ["create_timestamp"] = now,
                ["features"] = RbdLayout.EncodeUInt64((ulong)features),
                ["modify_timestamp"] = now,
                ["object_prefix"] = RbdLayout.EncodeString(RbdLayout.DataPrefix(id)),
                ["order"] = new[] { (byte)imageOrder },
                ["size"] = RbdLayout.EncodeUInt64((ulong)size),
                ["snap_seq"] = RbdLayout.EncodeUInt64(0),
            };

            // librbd stores the layout only when it differs from one object per stripe unit.
            if (!(stripeUnit == 0 && stripeCount == 0) && !(stripeCount == 1 && stripeUnit == objectSize))
            {
                header["stripe_unit"] = RbdLayout.EncodeUInt64(stripeUnit);
                header["stripe_count"] = RbdLayout.EncodeUInt64(stripeCount);
            }

            io.SetOmap(RbdLayout.Header(id), header);
            if ((features & RbdFeatures.ObjectMap) != 0)
            {
                var layout = new EmulatedRbdHeader(size, imageOrder) { StripeUnit = (long)stripeUnit, StripeCount = (long)stripeCount };
                EmulatedRbdObjectMap.Create(io, id, layout.ObjectCount);
            }

            io.SetOmap(RbdLayout.Directory, new Dictionary<string, ReadOnlyMemory<byte>>
            {
                [RbdLayout.NameKey(name)] = RbdLayout.EncodeString(id),
                [RbdLayout.IdKey(id)] = RbdLayout.EncodeString(name),
            });
            EmulatedRbdMirroring.OnImageCreated(io, id, features);
        }
    }

    private static void ValidateFeatures(RbdFeatures features, string operation, string name)
    {
        if ((features & ~AllFeatures) != 0)
        {
            throw StorageErrors.Create(Errno.ENOSYS, operation, name);
        }

        if ((features & (RbdFeatures.ObjectMap | RbdFeatures.Journaling)) != 0 && (features & RbdFeatures.ExclusiveLock) == 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, operation, name);
        }
    }

    /// <summary>A Ceph <c>utime_t</c>: 32-bit seconds and nanoseconds, little-endian.</summary>
    private static byte[] EncodeTime(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var encoded = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(encoded, (uint)(ticks / TimeSpan.TicksPerSecond));
        BinaryPrimitives.WriteUInt32LittleEndian(encoded.AsSpan(4), (uint)(ticks % TimeSpan.TicksPerSecond * 100));
        return encoded;
    }
}
