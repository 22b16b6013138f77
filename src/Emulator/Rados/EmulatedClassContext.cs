using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// What an emulated object class method sees (the emulator's <c>cls_method_context_t</c>): its input, the
/// object, and who called it. The method works on a private copy of the object that replaces the real one
/// only when the method succeeds, so a method that throws leaves no trace. Reading data needs
/// <see cref="EmulatedClassMethodAccess.Read"/> and every write <see cref="EmulatedClassMethodAccess.Write"/>,
/// otherwise they fail with EIO (measured on Ceph 16 with cls_hello's <c>bad_reader</c> and
/// <c>bad_writer</c>); metadata (stat, xattrs, omap) may be read by any method (cls_hello's
/// <c>record_hello</c>, a write-only method, stats the object).
/// </summary>
public sealed class EmulatedClassContext
{
    private const string Operation = "rados_read_op_exec";
    private readonly EmulatedObject _object;
    private readonly EmulatedClassMethodAccess _flags;
    private readonly EmulatedCaller _caller;

    internal EmulatedClassContext(
        EmulatedObject workingCopy, bool exists, EmulatedClassMethodAccess flags, ReadOnlyMemory<byte> input,
        ObjectKey key, EmulatedCaller caller, DateTimeOffset now)
    {
        _object = workingCopy;
        Exists = exists;
        _flags = flags;
        Input = input;
        ObjectName = key.Name;
        Namespace = key.Namespace;
        _caller = caller;
        Now = now;
    }

    /// <summary>The caller's input.</summary>
    public ReadOnlyMemory<byte> Input { get; }

    /// <summary>The object's name.</summary>
    public string ObjectName { get; }

    /// <summary>The object's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The caller's entity name, <c>client.&lt;gid&gt;</c> (<c>cls_get_request_origin</c>).</summary>
    public string ClientName => _caller.Name;

    /// <summary>The caller's global id.</summary>
    public ulong ClientId => _caller.GlobalId;

    /// <summary>The caller's address as the OSD prints it, for example <c>127.0.0.1:0/1234</c>.</summary>
    public string ClientAddress => _caller.Address.ToString();

    /// <summary>The cluster's current time (the emulator's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>True while the object exists (a write creates it, <see cref="Remove"/> removes it).</summary>
    public bool Exists { get; private set; }

    internal EmulatedCaller Caller => _caller;

    internal bool Modified { get; private set; }

    internal EmulatedObject WorkingCopy => _object;

    /// <summary>Size and modification time (<c>cls_cxx_stat</c>); ENOENT when the object does not exist.</summary>
    public RadosObjectStat Stat()
    {
        RequireExists();
        return new RadosObjectStat(_object.Size, _object.ModifiedTime);
    }

    /// <summary>Up to <paramref name="length"/> bytes at <paramref name="offset"/> (<c>cls_cxx_read</c>); empty past the end or when the object does not exist.</summary>
    public byte[] Read(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        RequireRead();
        var buffer = new byte[length];
        int read = Exists ? _object.Read(offset, buffer) : 0;
        return read == length ? buffer : buffer.AsSpan(0, read).ToArray();
    }

    /// <summary>One xattr (<c>cls_cxx_getxattr</c>): ENOENT when the object does not exist, ENODATA when the attribute does not.</summary>
    public byte[] GetXattr(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        RequireExists();
        return _object.Xattrs.TryGetValue(name, out byte[]? value)
            ? (byte[])value.Clone()
            : throw StorageErrors.Create(Errno.ENODATA, Operation, name);
    }

    /// <summary>All xattrs by name (<c>cls_cxx_getxattrs</c>); ENOENT when the object does not exist.</summary>
    public IReadOnlyDictionary<string, byte[]> GetXattrs()
    {
        RequireExists();
        var copy = new SortedDictionary<string, byte[]>(Utf8OrdinalComparer.Instance);
        foreach (var (name, value) in _object.Xattrs)
        {
            copy[name] = (byte[])value.Clone();
        }

        return copy;
    }

    /// <summary>One omap value (<c>cls_cxx_map_get_val</c>): ENOENT when the object or the key does not exist.</summary>
    public byte[] GetOmapValue(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        RequireExists();
        return _object.Omap.TryGetValue(key, out byte[]? value)
            ? (byte[])value.Clone()
            : throw StorageErrors.Create(Errno.ENOENT, Operation, key);
    }

    /// <summary>Up to <paramref name="maxReturn"/> omap entries after <paramref name="startAfter"/> in key order (<c>cls_cxx_map_get_vals</c>); ENOENT when the object does not exist.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> GetOmapValues(string startAfter = "", int maxReturn = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(startAfter);
        ArgumentOutOfRangeException.ThrowIfNegative(maxReturn);
        RequireExists();
        return _object.Omap
            .Where(e => Utf8OrdinalComparer.Instance.Compare(e.Key, startAfter) > 0)
            .Take(maxReturn)
            .Select(e => KeyValuePair.Create(e.Key, (byte[])e.Value.Clone()))
            .ToList();
    }

    /// <summary>Creates the object (<c>cls_cxx_create</c>); with <paramref name="exclusive"/>, EEXIST when it exists.</summary>
    public void Create(bool exclusive)
    {
        RequireWrite();
        if (Exists && exclusive)
        {
            throw StorageErrors.Create(Errno.EEXIST, Operation, ObjectName);
        }

        Touch();
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>, creating the object (<c>cls_cxx_write</c>).</summary>
    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        RequireWrite();
        CheckExtent(offset + data.Length);
        Touch();
        _object.Write(offset, data);
    }

    /// <summary>Replaces the object's data (<c>cls_cxx_write_full</c>), creating the object.</summary>
    public void WriteFull(ReadOnlySpan<byte> data)
    {
        RequireWrite();
        CheckExtent(data.Length);
        Touch();
        _object.Replace(data);
    }

    /// <summary>Sets the object's size (<c>cls_cxx_truncate</c>), creating the object.</summary>
    public void Truncate(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        RequireWrite();
        CheckExtent(size);
        Touch();
        _object.Truncate(size);
    }

    /// <summary>Removes the object (<c>cls_cxx_remove</c>); ENOENT when it does not exist.</summary>
    public void Remove()
    {
        RequireWrite();
        RequireExists();
        _object.CopyFrom(new EmulatedObject());
        Exists = false;
        Modified = true;
    }

    /// <summary>Sets an xattr (<c>cls_cxx_setxattr</c>), creating the object.</summary>
    public void SetXattr(string name, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(name);
        RequireWrite();
        Touch();
        if (name.Length > 0)
        {
            _object.Xattrs[name] = value.ToArray();
        }
    }

    /// <summary>Removes an xattr (<c>cls_cxx_rmxattr</c>); ENOENT when the object does not exist.</summary>
    public void RemoveXattr(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        RequireWrite();
        RequireExists();
        Modified = true;
        _object.Xattrs.Remove(name);
    }

    /// <summary>Sets an omap entry (<c>cls_cxx_map_set_val</c>), creating the object.</summary>
    public void SetOmapValue(string key, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        RequireWrite();
        Touch();
        _object.Omap[key] = value.ToArray();
    }

    /// <summary>Removes an omap key (<c>cls_cxx_map_remove_key</c>); ENOENT when the object does not exist.</summary>
    public void RemoveOmapKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        RequireWrite();
        RequireExists();
        Modified = true;
        _object.Omap.Remove(key);
    }

    private void Touch()
    {
        Exists = true;
        Modified = true;
    }

    private void RequireExists()
    {
        if (!Exists)
        {
            throw StorageErrors.Create(Errno.ENOENT, Operation, ObjectName);
        }
    }

    private void RequireRead()
    {
        if ((_flags & EmulatedClassMethodAccess.Read) == 0)
        {
            throw StorageErrors.Create(Errno.EIO, Operation, ObjectName, "The class method was not registered to read.");
        }
    }

    private void RequireWrite()
    {
        if ((_flags & EmulatedClassMethodAccess.Write) == 0)
        {
            throw StorageErrors.Create(Errno.EIO, Operation, ObjectName, "The class method was not registered to write.");
        }
    }

    private void CheckExtent(long end)
    {
        if (end > RadosLimits.MaxObjectSize)
        {
            throw StorageErrors.Create(Errno.EFBIG, Operation, ObjectName);
        }
    }
}
