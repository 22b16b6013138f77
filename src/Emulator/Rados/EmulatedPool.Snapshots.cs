using System.Globalization;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>The snapshots a pool has taken: none yet, named pool snapshots, or self-managed ones (never both).</summary>
internal enum SnapshotMode
{
    /// <summary>No snapshot was ever created or removed.</summary>
    None,

    /// <summary>Pool snapshots (<c>pool_snaps</c> flag): the OSDs apply the pool's snapshot context to every write.</summary>
    Pool,

    /// <summary>Self-managed snapshots (<c>selfmanaged_snaps</c> flag): writes carry the client's snapshot context.</summary>
    SelfManaged,
}

/// <summary>
/// What an io context sends with each op: the snapshot it reads (librados <c>snap_seq</c>) and the snapshot context
/// its writes carry (<c>snapc</c>, used by the OSD only in pools without pool snapshots). Immutable; replaced on change.
/// </summary>
internal sealed record IoSnapshotContext(ulong ReadSnapshot, ulong WriteSequence, ulong[] WriteSnapshots)
{
    public static IoSnapshotContext Default { get; } = new(RadosSnapshot.Head, 0, []);

    /// <summary>librados reads the live objects for <see cref="RadosSnapshot.Head"/> and for 0 (it maps 0 to the head).</summary>
    public bool ReadsHead => ReadSnapshot is RadosSnapshot.Head or 0;
}

/// <summary>A copy of an object made by the first write after a snapshot (an OSD clone): its state and the snapshots it serves.</summary>
internal sealed class ObjectClone(ulong id, List<ulong> snapshots, EmulatedObject state)
{
    /// <summary>The clone's id: the sequence of the snapshot context of the write that made it.</summary>
    public ulong Id { get; } = id;

    /// <summary>The snapshots the clone serves, newest first; a removed snapshot leaves the list at once.</summary>
    public List<ulong> Snapshots { get; } = snapshots;

    public EmulatedObject State { get; } = state;

    /// <summary>
    /// What the clone still shares with the next newer clone (the OSD's <c>clone_overlap</c>), fixed when that
    /// clone is made; null while the clone is the newest, whose overlap with the head is its extent less the
    /// head's <see cref="EmulatedObject.Modified"/> ranges.
    /// </summary>
    public IntervalSet? Overlap { get; set; }
}

/// <summary>An object's snapshot set (Ceph <c>SnapSet</c>): the newest snapshot sequence it was written under and its clones, oldest first.</summary>
internal sealed class ObjectSnapSet
{
    public ulong Sequence { get; set; }

    public List<ObjectClone> Clones { get; } = [];
}

/// <summary>One clone as list-snaps reports it: id, snapshots served (ascending), size and overlap with the next newer state.</summary>
internal sealed record CloneListing(ulong Id, ulong[] Snapshots, long Size, IntervalSet Overlap);

/// <summary>What list-snaps reports for an object: its snapshot sequence, clones oldest first, and the head's size (null: no head).</summary>
internal sealed record ObjectSnapListing(ulong Sequence, IReadOnlyList<CloneListing> Clones, long? HeadSize);

/// <summary>What <see cref="EmulatedPool.PrepareClone"/> decided for one write: the new sequence and the clone to keep, if any.</summary>
internal readonly record struct PendingClone(ulong Sequence, ObjectClone? Copy);

/// <summary>
/// Snapshots, as the monitors and OSDs of Ceph 16 handle them (measured, see docs/native-probe-results.md):
/// the pool keeps a snapshot sequence that every create and remove advances; the first write after a snapshot
/// copies the object (data, xattrs, omap) into a clone that serves the snapshots the object had not seen yet
/// (PrimaryLogPG::make_writeable); a read at a snapshot finds the head when the object was not written since,
/// else the clone that lists the snapshot (find_object_context); a removed object whose clones are still needed
/// stays behind as a whiteout that reads as missing but is listed. Removing a snapshot trims its clones at once
/// (Ceph does it in the background, within a second or so).
/// </summary>
internal sealed partial class EmulatedPool
{
    /// <summary><c>CEPH_SNAPDIR</c>: reads at it fail with EINVAL.</summary>
    private const ulong SnapDir = ulong.MaxValue;

    private readonly SortedDictionary<ulong, (string Name, DateTimeOffset Stamp)> _poolSnapshots = [];
    private readonly HashSet<ulong> _removedSnapshots = [];
    private readonly Dictionary<ObjectKey, ObjectSnapSet> _snapSets = [];
    private SnapshotMode _snapshotMode;
    private ulong _snapshotSequence;

    public ulong CreatePoolSnapshot(string operation, string name)
    {
        lock (_lock)
        {
            CheckPool(operation, name);
            if (_poolSnapshots.Values.Any(s => s.Name == name))
            {
                throw StorageErrors.Create(Errno.EEXIST, operation, name);
            }

            if (_snapshotMode == SnapshotMode.SelfManaged)
            {
                throw StorageErrors.Create(Errno.EINVAL, operation, name);
            }

            _snapshotMode = SnapshotMode.Pool;
            ulong id = ++_snapshotSequence;
            // The monitor stamps the snapshot; rados_ioctx_snap_get_stamp hands out whole seconds (time_t).
            DateTimeOffset now = _cluster.Time.GetUtcNow();
            _poolSnapshots.Add(id, (name, now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond))));
            return id;
        }
    }

    public void RemovePoolSnapshot(string operation, string name)
    {
        lock (_lock)
        {
            ulong id = LookupPoolSnapshot(operation, name);
            _poolSnapshots.Remove(id);
            RemoveSnapshot(id);
        }
    }

    public ulong LookupPoolSnapshot(string operation, string name)
    {
        lock (_lock)
        {
            CheckPool(operation, name);
            foreach (var (id, snapshot) in _poolSnapshots)
            {
                if (snapshot.Name == name)
                {
                    return id;
                }
            }

            throw StorageErrors.Create(Errno.ENOENT, operation, name);
        }
    }

    public List<ulong> ListPoolSnapshots(string operation)
    {
        lock (_lock)
        {
            CheckPool(operation, Name);
            return [.. _poolSnapshots.Keys];
        }
    }

    public (string Name, DateTimeOffset Stamp) PoolSnapshot(string operation, ulong id)
    {
        lock (_lock)
        {
            CheckPool(operation, Name);
            return _poolSnapshots.TryGetValue(id, out var snapshot)
                ? snapshot
                : throw StorageErrors.Create(Errno.ENOENT, operation, id.ToString(CultureInfo.InvariantCulture));
        }
    }

    public ulong CreateSelfManagedSnapshot(string operation)
    {
        lock (_lock)
        {
            CheckPool(operation, Name);
            if (_snapshotMode == SnapshotMode.Pool)
            {
                throw StorageErrors.Create(Errno.EINVAL, operation, Name);
            }

            _snapshotMode = SnapshotMode.SelfManaged;
            // The monitor skips id 1 for the first self-managed snapshot of a pool (pg_pool_t::add_unmanaged_snap).
            _snapshotSequence = Math.Max(_snapshotSequence, 1);
            return ++_snapshotSequence;
        }
    }

    public void RemoveSelfManagedSnapshot(string operation, ulong id)
    {
        lock (_lock)
        {
            string target = id.ToString(CultureInfo.InvariantCulture);
            CheckPool(operation, target);
            switch (_snapshotMode)
            {
                case SnapshotMode.Pool:
                    throw StorageErrors.Create(Errno.EINVAL, operation, target);
                case SnapshotMode.None:
                    throw StorageErrors.Create(Errno.EOPNOTSUPP, operation, target);
            }

            if (id > _snapshotSequence)
            {
                throw StorageErrors.Create(Errno.ENOENT, operation, target);
            }

            // Removing an id twice is accepted and changes nothing the second time.
            if (!_removedSnapshots.Contains(id))
            {
                RemoveSnapshot(id);
            }
        }
    }

    /// <summary>
    /// Rolls the object back to <paramref name="snapshotId"/> (PrimaryLogPG::_rollback_to): to the clone that serves
    /// it, or — when the object was not written since — to itself (a write that changes nothing but mtime and
    /// version); an object that did not exist at the snapshot is removed. Always a write, so a clone is made first
    /// when the write context asks for one.
    /// </summary>
    public void Rollback(string operation, ObjectKey key, ulong snapshotId, out ulong version)
    {
        lock (_lock)
        {
            CheckPool(operation, key);
            // Rollback is allowed while the io context reads a snapshot; the object it writes is the head.
            ObjectKey head = key with { Snapshots = (key.Snapshots ?? IoSnapshotContext.Default) with { ReadSnapshot = RadosSnapshot.Head } };
            EmulatedObject? target = At(head, snapshotId);
            if (target is null)
            {
                version = 0;
                if (_objects.ContainsKey(head))
                {
                    Remove(operation, head, out version);
                }

                return;
            }

            if (target == _objects.GetValueOrDefault(head))
            {
                Mutate(operation, head, WhenMissing.Fail, _ => { }, out version);
                return;
            }

            EmulatedObject source = target.Copy();
            Mutate(operation, head, WhenMissing.Create, obj => obj.RestoreFrom(source), out version);
        }
    }

    /// <summary>
    /// make_writeable, first half: when the object exists and the write's snapshot context names a snapshot newer
    /// than the object's sequence, copies the object as it is now for those snapshots. Nothing changes until
    /// <see cref="CommitWrite"/>, so a failing mutation leaves no clone behind.
    /// </summary>
    private PendingClone PrepareClone(ObjectKey key, EmulatedObject? existing)
    {
        var (sequence, snapshots) = WriteContext(key);
        if (existing is null || snapshots.Count == 0)
        {
            return new PendingClone(sequence, null);
        }

        ulong objectSequence = _snapSets.GetValueOrDefault(key)?.Sequence ?? 0;
        if (snapshots[0] <= objectSequence)
        {
            return new PendingClone(sequence, null);
        }

        List<ulong> served = [.. snapshots.TakeWhile(s => s > objectSequence)];
        var clone = new ObjectClone(sequence, served, existing.Copy());
        // The head tracks its changes from this clone on; the copy keeps those since the previous clone.
        existing.Modified = new IntervalSet();
        return new PendingClone(sequence, clone);
    }

    /// <summary>make_writeable, second half: keeps the clone and raises the object's sequence to the write's.</summary>
    private void CommitWrite(ObjectKey key, PendingClone pending)
    {
        ObjectSnapSet? set = _snapSets.GetValueOrDefault(key);
        if (set is null)
        {
            if (pending.Copy is null && pending.Sequence == 0)
            {
                return;
            }

            set = new ObjectSnapSet();
            _snapSets.Add(key with { Snapshots = null }, set);
        }

        if (pending.Copy is not null)
        {
            if (set.Clones.Count > 0)
            {
                ObjectClone previous = set.Clones[^1];
                previous.Overlap = OverlapWithHead(previous, pending.Copy.State.Modified);
            }

            pending.Copy.State.Modified = null;
            set.Clones.Add(pending.Copy);
        }

        set.Sequence = Math.Max(set.Sequence, pending.Sequence);
    }

    /// <summary>After a removal: with clones the object stays as a whiteout; without, its snapshot set goes too.</summary>
    private void CommitRemove(ObjectKey key, PendingClone pending)
    {
        CommitWrite(key, pending);
        if (_snapSets.TryGetValue(key, out ObjectSnapSet? set) && set.Clones.Count == 0)
        {
            _snapSets.Remove(key);
        }
    }

    /// <summary>The object a read of this call sees: the head, or a clone when the call reads at a snapshot; null when none.</summary>
    private EmulatedObject? Visible(string operation, ObjectKey key)
    {
        IoSnapshotContext snapshots = key.Snapshots ?? IoSnapshotContext.Default;
        if (snapshots.ReadsHead)
        {
            return _objects.GetValueOrDefault(key);
        }

        if (snapshots.ReadSnapshot == SnapDir)
        {
            throw StorageErrors.Create(Errno.EINVAL, operation, key.Name);
        }

        return At(key, snapshots.ReadSnapshot);
    }

    /// <summary>find_object_context for a snapshot id: the head when the object was not written since, else the clone serving it.</summary>
    private EmulatedObject? At(ObjectKey key, ulong snapshotId)
    {
        ObjectSnapSet? set = _snapSets.GetValueOrDefault(key);
        if (snapshotId > (set?.Sequence ?? 0))
        {
            return _objects.GetValueOrDefault(key);
        }

        if (set is null || _removedSnapshots.Contains(snapshotId))
        {
            return null;
        }

        // The first clone at or after the snapshot, and only if it serves that very snapshot.
        ObjectClone? clone = set.Clones.Find(c => c.Id >= snapshotId);
        return clone is not null && clone.Snapshots.Contains(snapshotId) ? clone.State : null;
    }

    /// <summary>Objects a listing returns: every head and every whiteout (a removed object a snapshot still holds).</summary>
    private IEnumerable<ObjectKey> ListedKeys()
    {
        foreach (ObjectKey key in _objects.Keys)
        {
            yield return key;
        }

        foreach (var (key, set) in _snapSets)
        {
            if (set.Clones.Count > 0 && !_objects.ContainsKey(key))
            {
                yield return key;
            }
        }
    }

    /// <summary>
    /// The snapshot context the OSD applies to a write: the pool's own in a pool with pool snapshots, else the one
    /// the client sent, without the snapshots already removed (PrimaryLogPG::filter_snapc).
    /// </summary>
    private (ulong Sequence, IReadOnlyList<ulong> Snapshots) WriteContext(ObjectKey key)
    {
        if (_snapshotMode == SnapshotMode.Pool)
        {
            return (_snapshotSequence, [.. _poolSnapshots.Keys.Reverse()]);
        }

        IoSnapshotContext context = key.Snapshots ?? IoSnapshotContext.Default;
        // Every data write asks: answer without allocating when nothing needs filtering (the usual case).
        foreach (ulong id in context.WriteSnapshots)
        {
            if (_removedSnapshots.Contains(id))
            {
                return (context.WriteSequence, [.. context.WriteSnapshots.Where(s => !_removedSnapshots.Contains(s))]);
            }
        }

        return (context.WriteSequence, context.WriteSnapshots);
    }

    /// <summary>Marks a snapshot removed, advances the sequence and trims the clones that served only it.</summary>
    private void RemoveSnapshot(ulong id)
    {
        _removedSnapshots.Add(id);
        _snapshotSequence++;
        var emptied = new List<ObjectKey>();
        foreach (var (key, set) in _snapSets)
        {
            for (int i = set.Clones.Count - 1; i >= 0; i--)
            {
                ObjectClone clone = set.Clones[i];
                if (clone.Snapshots.Remove(id) && clone.Snapshots.Count == 0)
                {
                    // The older neighbour now shares with the next one only what it shared with both.
                    if (i > 0)
                    {
                        IntervalSet shared = OverlapWithHead(set.Clones[i - 1], null);
                        shared.IntersectWith(clone.Overlap ?? OverlapWithHead(clone, _objects.GetValueOrDefault(key)?.Modified));
                        set.Clones[i - 1].Overlap = shared;
                    }

                    set.Clones.RemoveAt(i);
                }
            }
            if (set.Clones.Count == 0 && !_objects.ContainsKey(key))
            {
                emptied.Add(key);
            }
        }

        // A whiteout nothing needs any more disappears.
        foreach (ObjectKey key in emptied)
        {
            _snapSets.Remove(key);
        }
    }

    /// <summary>
    /// list-snaps (<c>CEPH_SNAPDIR</c> read of <c>rados_list_snaps</c>): the object's sequence, its clones with the
    /// snapshots they serve, their size and overlap with the next newer clone or the head, and the head's size
    /// (null when there is no head, as for a whiteout); null when there is neither head nor clone (ENOENT).
    /// </summary>
    public ObjectSnapListing? ListSnaps(string operation, ObjectKey key)
    {
        lock (_lock)
        {
            CheckPool(operation, key.Name);
            EmulatedObject? head = _objects.GetValueOrDefault(key);
            ObjectSnapSet? set = _snapSets.GetValueOrDefault(key);
            if (head is null && (set is null || set.Clones.Count == 0))
            {
                return null;
            }

            var clones = new List<CloneListing>();
            if (set is not null)
            {
                for (int i = 0; i < set.Clones.Count; i++)
                {
                    ObjectClone clone = set.Clones[i];
                    IntervalSet overlap = i < set.Clones.Count - 1 || head is not null
                        ? (clone.Overlap?.Copy() ?? OverlapWithHead(clone, head?.Modified))
                        : new IntervalSet();
                    if (i == set.Clones.Count - 1 && clone.Overlap is not null && head?.Modified is { } modified)
                    {
                        overlap.Subtract(modified);
                    }

                    clones.Add(new CloneListing(clone.Id, [.. clone.Snapshots.Order()], clone.State.Size, overlap));
                }
            }

            return new ObjectSnapListing(set?.Sequence ?? 0, clones, head?.Size);
        }
    }

    /// <summary>What a clone shares with the state after it: its frozen overlap (or its whole extent), less <paramref name="modified"/>.</summary>
    private static IntervalSet OverlapWithHead(ObjectClone clone, IntervalSet? modified)
    {
        IntervalSet overlap = clone.Overlap?.Copy() ?? new IntervalSet(0, clone.State.Size);
        if (modified is not null)
        {
            overlap.Subtract(modified);
        }

        return overlap;
    }

    private void CheckPool(string operation, string target)
    {
        if (IsDeleted)
        {
            throw StorageErrors.Create(Errno.ENOENT, operation, target);
        }
    }
}
