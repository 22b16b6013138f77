using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Image mirroring as librbd 16 answers on a single cluster (measured). The primary flag lives in the pool's
/// <c>rbd_mirroring</c> entry (librbd derives it from the journal tag owner or the newest mirror snapshot); snapshot
/// mode keeps <c>.mirror.primary.&lt;global id&gt;.&lt;uuid&gt;</c> snapshots in the Mirror namespace.
/// </summary>
internal sealed partial class EmulatedRbdImage
{
    /// <inheritdoc />
    public void EnableMirroring(RbdMirrorImageMode mode)
    {
        const string op = "rbd_mirror_image_enable2";
        Header(op);
        lock (EmulatedRbdMirroring.Gate)
        {
            if (EmulatedRbdMirroring.Mode(io) != RbdMirrorMode.Image)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, Name);
            }

            if (mode is not (RbdMirrorImageMode.Journal or RbdMirrorImageMode.Snapshot))
            {
                // librbd 16 answers an unknown mode with ENOENT (measured).
                throw StorageErrors.Create(Errno.ENOENT, op, Name);
            }

            if (EmulatedRbdMirroring.Image(io, id) is { } existing)
            {
                // Enabling again in the same mode is a no-op; another mode is EINVAL.
                if (existing.Mode != mode)
                {
                    throw StorageErrors.Create(Errno.EINVAL, op, Name);
                }

                return;
            }

            var entry = new EmulatedRbdMirroring.ImageEntry(Guid.NewGuid().ToString(), mode, true);
            if (mode == RbdMirrorImageMode.Journal)
            {
                // Journal mode turns journaling (and the exclusive lock it needs) on.
                var features = Features;
                var missing = (RbdFeatures.ExclusiveLock | RbdFeatures.Journaling) & ~features;
                if (missing != 0)
                {
                    lock (_headerGate)
                    {
                        io.SetOmap(RbdLayout.Header(id), new Dictionary<string, ReadOnlyMemory<byte>> { ["features"] = RbdLayout.EncodeUInt64((ulong)(features | missing)) });
                    }
                }
            }
            else
            {
                // Snapshot mode starts with a primary mirror snapshot, even without peers.
                entry = CreateMirrorSnapshotCore(entry, op).Entry;
            }

            EmulatedRbdMirroring.PutImage(io, id, entry);
        }
    }

    /// <inheritdoc />
    public void DisableMirroring(bool force = false)
    {
        const string op = "rbd_mirror_image_disable";
        Header(op);
        lock (EmulatedRbdMirroring.Gate)
        {
            var poolMode = EmulatedRbdMirroring.Mode(io);
            var entry = EmulatedRbdMirroring.Image(io, id);
            if (poolMode == RbdMirrorMode.Disabled || (poolMode == RbdMirrorMode.Pool && entry is { Mode: RbdMirrorImageMode.Journal }))
            {
                throw StorageErrors.Create(Errno.EINVAL, op, Name);
            }

            if (entry is null)
            {
                return;
            }

            if (!entry.Primary && !force)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, Name);
            }

            if (entry.Mode == RbdMirrorImageMode.Snapshot)
            {
                lock (EmulatedRbdSnapshots.Gate)
                {
                    foreach (var snapshot in EmulatedRbdSnapshots.List(io, id, op, Name).Where(s => s.NamespaceType == RbdSnapshotNamespaceType.Mirror))
                    {
                        RemoveSnapshotLocked(snapshot, op);
                    }
                }
            }
            else
            {
                // Leaving journal mode turns the journaling feature off again (the exclusive lock stays).
                var features = Features;
                lock (_headerGate)
                {
                    io.SetOmap(RbdLayout.Header(id), new Dictionary<string, ReadOnlyMemory<byte>> { ["features"] = RbdLayout.EncodeUInt64((ulong)(features & ~RbdFeatures.Journaling)) });
                }
            }

            EmulatedRbdMirroring.RemoveImage(io, id);
        }
    }

    /// <inheritdoc />
    public void PromoteMirroring(bool force = false)
    {
        const string op = "rbd_mirror_image_promote";
        Header(op);
        lock (EmulatedRbdMirroring.Gate)
        {
            var entry = EmulatedRbdMirroring.Image(io, id) ?? throw StorageErrors.Create(Errno.ENOENT, op, Name);
            if (entry.Primary)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, Name);
            }

            SetPrimary(entry, true, op);
        }
    }

    /// <inheritdoc />
    public void DemoteMirroring()
    {
        const string op = "rbd_mirror_image_demote";
        Header(op);
        lock (EmulatedRbdMirroring.Gate)
        {
            var entry = EmulatedRbdMirroring.Image(io, id);
            if (entry is not { Primary: true })
            {
                throw StorageErrors.Create(Errno.EINVAL, op, Name);
            }

            SetPrimary(entry, false, op);
        }
    }

    /// <inheritdoc />
    public void ResyncMirroring()
    {
        const string op = "rbd_mirror_image_resync";
        Header(op);
        lock (EmulatedRbdMirroring.Gate)
        {
            var entry = EmulatedRbdMirroring.Image(io, id) ?? throw StorageErrors.Create(Errno.ENOENT, op, Name);
            if (entry.Primary)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, Name);
            }

            // librbd flags the request in the image header for the mirror daemon, which is not emulated.
        }
    }

    /// <inheritdoc />
    public RbdMirrorImageInfo GetMirrorInfo()
    {
        Header("rbd_mirror_image_get_info");
        return Info(EmulatedRbdMirroring.Image(io, id));
    }

    /// <inheritdoc />
    public RbdMirrorImageMode GetMirrorMode()
    {
        // An image that is not mirrored reports the first mode, journal (measured).
        Header("rbd_mirror_image_get_mode");
        return EmulatedRbdMirroring.Image(io, id)?.Mode ?? RbdMirrorImageMode.Journal;
    }

    /// <inheritdoc />
    public ulong CreateMirrorSnapshot()
    {
        const string op = "rbd_mirror_image_create_snapshot";
        Header(op);
        lock (EmulatedRbdMirroring.Gate)
        {
            // Only a snapshot-mirrored primary with at least one peer to send to.
            if (EmulatedRbdMirroring.Image(io, id) is not { Mode: RbdMirrorImageMode.Snapshot, Primary: true } entry || EmulatedRbdMirroring.Peers(io).Count == 0)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, Name);
            }

            var (snapshotId, updated) = CreateMirrorSnapshotCore(entry, op);
            EmulatedRbdMirroring.PutImage(io, id, updated);
            return snapshotId;
        }
    }

    /// <inheritdoc />
    public RbdMirrorImageGlobalStatus GetMirrorGlobalStatus()
    {
        Header("rbd_mirror_image_get_global_status");
        // Without a mirror daemon the local site has no status record.
        var local = new RbdMirrorImageSiteStatus("", RbdMirrorImageStatusState.Unknown, "status not found", DateTimeOffset.UnixEpoch, false);
        return new RbdMirrorImageGlobalStatus(Name, Info(EmulatedRbdMirroring.Image(io, id)), [local]);
    }

    /// <summary>
    /// A non-primary image is read-only: EROFS for writes in snapshot mode and for snapshots in both modes, EPERM for
    /// writes in journal mode, where the exclusive lock is refused to a non-primary (measured on handles opened after
    /// the demotion; on Ceph the handle that demoted may keep writing, which the emulator does not model).
    /// </summary>
    private void CheckMirrorPrimary(string operation, bool write)
    {
        if (EmulatedRbdMirroring.Image(io, id) is { Primary: false } entry)
        {
            throw StorageErrors.Create(write && entry.Mode == RbdMirrorImageMode.Journal ? Errno.EPERM : Errno.EROFS, operation, Name);
        }
    }

    private static RbdMirrorImageInfo Info(EmulatedRbdMirroring.ImageEntry? entry)
        => entry is null ? new RbdMirrorImageInfo("", RbdMirrorImageState.Disabled, false) : new RbdMirrorImageInfo(entry.GlobalId, RbdMirrorImageState.Enabled, entry.Primary);

    private void SetPrimary(EmulatedRbdMirroring.ImageEntry entry, bool primary, string operation)
    {
        if (entry.Mode == RbdMirrorImageMode.Snapshot)
        {
            // Demotion and promotion each leave a mirror snapshot marking the change.
            entry = CreateMirrorSnapshotCore(entry, operation).Entry;
        }

        EmulatedRbdMirroring.PutImage(io, id, entry with { Primary = primary });
    }

    /// <summary>
    /// A snapshot in the Mirror namespace, taken like a user snapshot (self-managed RADOS snapshot, snap_seq). Taken
    /// for peers, it unlinks (removes) the earlier snapshots that were taken for none; the limit of
    /// rbd_mirroring_max_mirroring_snapshots is not emulated.
    /// </summary>
    private (ulong Id, EmulatedRbdMirroring.ImageEntry Entry) CreateMirrorSnapshotCore(EmulatedRbdMirroring.ImageEntry entry, string operation)
    {
        string globalId = entry.GlobalId;
        bool hasPeers = EmulatedRbdMirroring.Peers(io).Count > 0;
        lock (EmulatedRbdSnapshots.Gate)
        {
            var header = EmulatedRbdHeader.Read(io, id, operation, Name);
            AcquireExclusiveLock(header);
            var data = Data;
            ulong snapshotId = data.CreateSelfManagedSnapshot();
            string name = $".mirror.primary.{globalId}.{Guid.NewGuid()}";
            EmulatedRbdSnapshots.Put(io, id, new RbdSnapshotInfo(snapshotId, name, header.Size, data.Time.GetUtcNow(), RbdSnapshotNamespaceType.Mirror, false));
            RecordSnapshotOverlap(snapshotId, header.Size);
            io.SetOmap(RbdLayout.Header(id), new Dictionary<string, ReadOnlyMemory<byte>> { [EmulatedRbdSnapshots.SequenceKey] = RbdLayout.EncodeUInt64(snapshotId) });
            if (HasObjectMap())
            {
                lock (_headerGate)
                {
                    EmulatedRbdObjectMap.AddSnapshot(io, id, snapshotId);
                }
            }

            if (!hasPeers)
            {
                return (snapshotId, entry with { Peerless = [.. entry.Peerless ?? [], snapshotId] });
            }

            foreach (ulong peerless in entry.Peerless ?? [])
            {
                if (EmulatedRbdSnapshots.Find(io, id, peerless) is { } snapshot)
                {
                    RemoveSnapshotLocked(snapshot, operation);
                }
            }

            return (snapshotId, entry with { Peerless = [] });
        }
    }
}
