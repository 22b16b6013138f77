using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedPool
{
    /// <summary>
    /// Runs a compound write operation atomically under the pool lock and returns what the operate call returns.
    /// The steps work on a private copy; it replaces the object only when every step succeeded and one of them
    /// changed something, so a failure leaves the object (or its absence) exactly as it was.
    /// </summary>
    public int OperateWrite(ObjectKey key, RadosWriteOperation operation, out ulong version)
    {
        int returnCode = OperateWriteLocked(key, operation, out version, out bool removed);
        if (removed)
        {
            // Watchers of a removed object hear about it (ENOTCONN), outside the pool lock like a plain remove.
            OnObjectRemoved(key);
        }

        return returnCode;
    }

    private int OperateWriteLocked(ObjectKey key, RadosWriteOperation operation, out ulong version, out bool removed)
    {
        removed = false;
        lock (_lock)
        {
            version = 0;
            if (IsDeleted)
            {
                return -(int)Errno.ENOENT;
            }

            _objects.TryGetValue(key, out EmulatedObject? before);
            if (before is null && !operation.Steps.Any(s => s.IsWriteStep))
            {
                // Only asserts and compares: the OSD treats it as a read and finds no object before any step runs.
                return -(int)Errno.ENOENT;
            }

            var run = new EmulatedCompoundOperation(before);
            int returnCode = run.RunWrite(operation);
            if (returnCode < 0)
            {
                // Failed writes still consume a PG version on the OSD; the object keeps its own.
                version = before?.Version ?? _version;
                return returnCode;
            }

            if (!run.Changed)
            {
                // Nothing queued: the OSD answers it like a read, without a new version or mtime.
                _reads++;
                version = before?.Version ?? 0;
                return returnCode;
            }

            version = ++_version;
            EmulatedObject? after = run.Result;
            // Snapshots see the object as it was before this operation (make_writeable), like a plain write.
            PendingClone pending = PrepareClone(key, before);
            if (after is null)
            {
                removed = before is not null;
                _objects.Remove(key);
                CommitRemove(key, pending);
            }
            else
            {
                after.Version = version;
                after.ModifiedTime = ModifiedTime(operation.ModifiedTime, after.ModifiedTime);
                _objects[key] = after;
                CommitWrite(key, pending);
            }

            _writes++;
            _writeBytes += (ulong)operation.Steps.Sum(s => (long)s.Payload.Length);
            return returnCode;
        }
    }

    /// <summary>Runs a compound read operation under the pool lock; ENOENT before any step when the object is missing.</summary>
    public int OperateRead(ObjectKey key, RadosReadOperation operation, out ulong version)
    {
        lock (_lock)
        {
            // A failed read leaves librados' last version at 0.
            version = 0;
            // A read operation sees what the io context's read snapshot sees.
            EmulatedObject? obj = IsDeleted ? null : Visible("rados_read_op_operate", key);
            if (obj is null)
            {
                return -(int)Errno.ENOENT;
            }

            int returnCode = new EmulatedCompoundOperation(obj).RunRead(operation);
            _reads++;
            _readBytes += (ulong)operation.Steps.OfType<RadosReadStep>().Sum(s => (long)s.RecordedBytesRead);
            if (returnCode >= 0)
            {
                version = obj.Version;
            }

            return returnCode;
        }
    }

    /// <summary>
    /// The mtime a committed write operation leaves: the cluster's time, or the one the operation gives, in whole
    /// seconds (Pacific's rados_stat). The Unix epoch means "unchanged" to the OSD; a new object then has mtime 0.
    /// </summary>
    private DateTimeOffset ModifiedTime(DateTimeOffset? requested, DateTimeOffset current)
    {
        if (requested == DateTimeOffset.UnixEpoch)
        {
            return current == default ? DateTimeOffset.UnixEpoch : current;
        }

        DateTimeOffset time = (requested ?? _cluster.Time.GetUtcNow()).ToUniversalTime();
        return time.AddTicks(-(time.UtcTicks % TimeSpan.TicksPerSecond));
    }
}
