namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedPool
{
    /// <summary>
    /// Runs an object class method as one OSD op: a method that does not write fails with ENOENT on a missing
    /// object before it runs; otherwise it works on a copy that replaces the object (or creates or removes it)
    /// only when it succeeds. Errors carry <paramref name="operation"/>. Output of writing methods is dropped.
    /// </summary>
    public byte[] Execute(
        string operation, ObjectKey key, RegisteredClassMethod method, ReadOnlyMemory<byte> input, EmulatedCaller caller, out ulong version)
    {
        version = 0;
        bool writes = (method.Flags & EmulatedClassMethodAccess.Write) != 0;
        bool removed = false;
        try
        {
            lock (_lock)
            {
                CheckPool(operation, key);
                bool exists = _objects.TryGetValue(key, out EmulatedObject? live);
                if (!writes && !exists)
                {
                    throw StorageErrors.Create(Errno.ENOENT, operation, key.Name);
                }

                EmulatedObject working = live?.Duplicate() ?? new EmulatedObject();
                DateTimeOffset now = _cluster.Time.GetUtcNow();
                var context = new EmulatedClassContext(working, exists, method.Flags, input, key, caller, now);
                ReadOnlyMemory<byte> output = method.Handler(context);
                if (!writes)
                {
                    _reads++;
                    version = live!.Version;
                    return output.ToArray();
                }

                if (context.Modified)
                {
                    // Snapshots keep the object as it was before the method wrote (make_writeable).
                    PendingClone pending = PrepareClone(key, live);
                    if (!context.Exists)
                    {
                        if (live is not null)
                        {
                            _objects.Remove(key);
                            CommitRemove(key, pending);
                            removed = true;
                        }

                        version = ++_version;
                    }
                    else
                    {
                        if (live is null)
                        {
                            live = working;
                            _objects.Add(key, live);
                        }
                        else
                        {
                            live.CopyFrom(working);
                        }

                        CommitWrite(key, pending);
                        live.Version = ++_version;
                        live.ModifiedTime = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
                        version = live.Version;
                    }

                    _writes++;
                }
                else
                {
                    version = live?.Version ?? 0;
                }

                return [];
            }
        }
        catch (StorageException ex) when (ex.Operation != operation)
        {
            // What the method (or a cls_cxx_* call in it) failed with, reported as the caller's operation.
            throw StorageErrors.Create(ex.Errno, operation, key.Name);
        }
        finally
        {
            if (removed)
            {
                OnObjectRemoved(key);
            }
        }
    }
}
