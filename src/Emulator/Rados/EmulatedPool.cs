using System.Text;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// Identity of an object inside a pool: Ceph's hobject (namespace, locator key, name). A key made for a call also
/// carries that call's snapshot context (<see cref="Snapshots"/>), which is not part of the identity.
/// </summary>
internal readonly record struct ObjectKey(string Namespace, string Locator, string Name)
{
    /// <summary>The io context's read snapshot and write context at the time of the call; null for none.</summary>
    public IoSnapshotContext? Snapshots { get; init; }

    public bool Equals(ObjectKey other)
        => string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
        && string.Equals(Locator, other.Locator, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Namespace, Locator, Name);
}

/// <summary>What a mutation does when its object does not exist, per OSD op.</summary>
internal enum WhenMissing
{
    /// <summary>Create the object first (write, setxattr, omap set, ...).</summary>
    Create,

    /// <summary>Create the object; fail with EEXIST when it exists (exclusive create).</summary>
    CreateExclusive,

    /// <summary>Fail with ENOENT (rmxattr, omap rm keys, omap clear, ...).</summary>
    Fail,

    /// <summary>Succeed without creating anything (truncate: the OSD treats it as a no-op).</summary>
    Ignore,
}

/// <summary>
/// One emulated pool. Every object operation runs under the pool's lock, so each is atomic and
/// linearizable like an OSD op; checks run in the order the OSD runs them, so the same errno wins.
/// </summary>
internal sealed partial class EmulatedPool
{
    /// <summary>Placement groups a new pool gets; listing walks objects PG by PG like librados.</summary>
    public const uint PgCount = 32;

    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, EmulatedObject> _objects = [];
    private readonly EmulatedRadosCluster _cluster;
    private ulong _version;
    private ulong _reads, _readBytes, _writes, _writeBytes;

    public EmulatedPool(long id, string name, EmulatedRadosCluster cluster)
    {
        Id = id;
        Name = name;
        _cluster = cluster;
    }

    public long Id { get; }

    public string Name { get; }

    public bool IsDeleted { get; private set; }

    public void MarkDeleted()
    {
        lock (_lock)
        {
            IsDeleted = true;
            _objects.Clear();
        }

        OnPoolDeleted();
    }

    /// <summary>Runs a read against an existing object; ENOENT when it does not exist.</summary>
    public T Read<T>(string operation, ObjectKey key, Func<EmulatedObject, T> read, out ulong version)
    {
        // A failed read leaves librados' last version at 0.
        version = 0;
        lock (_lock)
        {
            EmulatedObject obj = Existing(operation, key);
            _reads++;
            T result = read(obj);
            version = obj.Version;
            return result;
        }
    }

    /// <summary>Reads object data straight into the caller's buffer; ENOENT when the object does not exist.</summary>
    public int ReadData(string operation, ObjectKey key, long offset, Span<byte> buffer, out ulong version)
    {
        version = 0;
        lock (_lock)
        {
            EmulatedObject obj = Existing(operation, key);
            if (buffer.Length == 0 && offset < obj.Size)
            {
                // The OSD reads length 0 as "to the end", which an empty buffer cannot hold.
                throw StorageErrors.Create(Errno.ERANGE, operation, key.Name);
            }

            int read = obj.Read(offset, buffer);
            _reads++;
            _readBytes += (ulong)read;
            version = obj.Version;
            return read;
        }
    }

    /// <summary>
    /// Runs a mutation; <paramref name="whenMissing"/> says what happens to a missing object. A created
    /// object is only kept if the mutation succeeds, so failures leave nothing behind.
    /// </summary>
    public void Mutate(string operation, ObjectKey key, WhenMissing whenMissing, Action<EmulatedObject> mutate, out ulong version, long bytesWritten = 0)
        => Mutate(operation, key, whenMissing, mutate, static (obj, m) => m(obj), out version, bytesWritten);

    /// <summary>
    /// <see cref="Mutate(string, ObjectKey, WhenMissing, Action{EmulatedObject}, out ulong, long)"/> with a state the
    /// mutation gets, which may be a span: data writes copy the caller's bytes once, straight into the object.
    /// </summary>
    public void Mutate<TState>(string operation, ObjectKey key, WhenMissing whenMissing, TState state, Action<EmulatedObject, TState> mutate, out ulong version, long bytesWritten = 0)
        where TState : allows ref struct
    {
        lock (_lock)
        {
            CheckPool(operation, key);
            bool created = false;
            if (_objects.TryGetValue(key, out EmulatedObject? obj))
            {
                if (whenMissing == WhenMissing.CreateExclusive)
                {
                    throw StorageErrors.Create(Errno.EEXIST, operation, key.Name);
                }
            }
            else
            {
                switch (whenMissing)
                {
                    case WhenMissing.Fail:
                        throw StorageErrors.Create(Errno.ENOENT, operation, key.Name);
                    case WhenMissing.Ignore:
                        version = 0;
                        return;
                }

                obj = new EmulatedObject();
                created = true;
            }

            // Mutations work on the live object; each validates before it changes anything.
            PendingClone pending = PrepareClone(key, created ? null : obj);
            mutate(obj, state);
            if (created)
            {
                _objects.Add(key, obj);
            }

            CommitWrite(key, pending);

            obj.Version = ++_version;
            // librados (Pacific rados_stat) reports whole seconds.
            DateTimeOffset now = _cluster.Time.GetUtcNow();
            obj.ModifiedTime = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
            version = obj.Version;
            _writes++;
            _writeBytes += (ulong)bytesWritten;
        }
    }

    /// <summary>Removes an object; ENOENT when missing.</summary>
    public void Remove(string operation, ObjectKey key, out ulong version)
    {
        lock (_lock)
        {
            PendingClone pending = PrepareClone(key, Existing(operation, key));
            _objects.Remove(key);
            CommitRemove(key, pending);
            version = ++_version;
            _writes++;
        }

        OnObjectRemoved(key);
    }

    public bool Exists(ObjectKey key)
    {
        lock (_lock)
        {
            return _objects.ContainsKey(key);
        }
    }

    /// <summary>A snapshot of the objects to list, in librados order: by placement group, then by name.</summary>
    public List<(uint Pg, RadosObjectEntry Entry)> ListObjects(string operation, string nameSpace)
    {
        lock (_lock)
        {
            if (IsDeleted)
            {
                throw StorageErrors.Create(Errno.ENOENT, operation, Name);
            }

            bool all = nameSpace == RadosNamespace.All;
            var list = new List<(uint, RadosObjectEntry)>();
            foreach (ObjectKey key in ListedKeys())
            {
                if (all || key.Namespace == nameSpace)
                {
                    list.Add((PlacementGroup(key), new RadosObjectEntry(key.Name, key.Namespace, key.Locator)));
                }
            }

            list.Sort((a, b) =>
            {
                int c = a.Item1.CompareTo(b.Item1);
                if (c == 0)
                {
                    c = string.CompareOrdinal(a.Item2.Namespace, b.Item2.Namespace);
                }

                return c != 0 ? c : string.CompareOrdinal(a.Item2.Name, b.Item2.Name);
            });
            return list;
        }
    }

    public RadosPoolStats Stats()
    {
        lock (_lock)
        {
            ulong bytes = 0;
            foreach (EmulatedObject obj in _objects.Values)
            {
                bytes += (ulong)obj.Size;
            }

            ulong count = (ulong)_objects.Count;
            return new RadosPoolStats
            {
                Bytes = bytes,
                Kilobytes = (bytes + 1023) / 1024,
                Objects = count,
                ObjectCopies = count,
                Reads = _reads,
                ReadKilobytes = _readBytes / 1024,
                Writes = _writes,
                WriteKilobytes = _writeBytes / 1024,
            };
        }
    }

    private EmulatedObject Existing(string operation, ObjectKey key)
    {
        CheckPool(operation, key);
        return Visible(operation, key) ?? throw StorageErrors.Create(Errno.ENOENT, operation, key.Name);
    }

    private void CheckPool(string operation, ObjectKey key)
    {
        if (IsDeleted)
        {
            throw StorageErrors.Create(Errno.ENOENT, operation, key.Name);
        }
    }

    /// <summary>A stable (process-independent) placement: FNV-1a over the locator key, else the name.</summary>
    private static uint PlacementGroup(ObjectKey key)
    {
        string placeBy = key.Locator.Length > 0 ? key.Locator : key.Name;
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(placeBy))
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash % PgCount;
    }
}
