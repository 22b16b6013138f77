namespace StorageKit.Emulator.Rados.Classes;

/// <summary>
/// The emulated OSD class <c>lock</c> (Ceph's <c>src/cls/lock/cls_lock.cc</c>, Pacific): advisory locks kept in
/// the xattr <c>lock.&lt;name&gt;</c> of the object, encoded as Ceph encodes <c>lock_info_t</c>, so
/// <c>rados_exec("lock", ...)</c>, the lock API and <c>getxattrs</c> all agree. Expired holders are dropped
/// when the lock is read, measured against the cluster clock.
/// </summary>
internal static class LockClass
{
    private const string ClassName = "lock";
    private const string XattrPrefix = "lock.";
    private const byte TypeExclusive = 1;
    private const byte TypeShared = 2;
    private const byte TypeExclusiveEphemeral = 3;
    private const byte FlagMayRenew = 1;
    private const byte FlagMustRenew = 2;

    /// <summary>The class's methods with the flags cls_lock registers them with.</summary>
    public static IEnumerable<(string Class, string Method, EmulatedClassMethodAccess Flags, EmulatedClassMethod Handler)> Methods { get; } =
    [
        (ClassName, "lock", EmulatedClassMethodAccess.Read | EmulatedClassMethodAccess.Write, Lock),
        (ClassName, "unlock", EmulatedClassMethodAccess.Read | EmulatedClassMethodAccess.Write, Unlock),
        (ClassName, "break_lock", EmulatedClassMethodAccess.Read | EmulatedClassMethodAccess.Write, BreakLock),
        (ClassName, "get_info", EmulatedClassMethodAccess.Read, GetInfo),
        (ClassName, "list_locks", EmulatedClassMethodAccess.Read, ListLocks),
        (ClassName, "assert_locked", EmulatedClassMethodAccess.Read, AssertLocked),
        (ClassName, "set_cookie", EmulatedClassMethodAccess.Read | EmulatedClassMethodAccess.Write, SetCookie),
    ];

    private static bool IsValidType(byte type) => type is TypeExclusive or TypeShared or TypeExclusiveEphemeral;

    private static bool IsExclusive(byte type) => type is TypeExclusive or TypeExclusiveEphemeral;

    private static ReadOnlyMemory<byte> Lock(EmulatedClassContext context)
    {
        string name, cookie, tag, description;
        byte type, flags;
        UTime duration;
        try
        {
            var reader = new CephReader(context.Input.Span);
            int end = reader.StartStruct(1);
            name = reader.String();
            type = reader.U8();
            cookie = reader.String();
            tag = reader.String();
            description = reader.String();
            duration = UTime.Decode(ref reader);
            flags = reader.U8();
            reader.EndStruct(end);
        }
        catch (CephDecodeException)
        {
            throw Fail(Errno.EINVAL);
        }

        bool failIfExists = (flags & FlagMayRenew) == 0;
        bool failIfDoesNotExist = (flags & FlagMustRenew) != 0;
        if (!IsValidType(type) || name.Length == 0 || (!failIfExists && failIfDoesNotExist))
        {
            throw Fail(Errno.EINVAL);
        }

        // A missing object is fine here: writing the xattr below creates it.
        LockInfo info = ReadLock(context, name, tolerateMissingObject: true);
        var id = new LockerId(EntityName.ForClient(context.ClientId), cookie);
        if (info.Lockers.Count > 0 && tag != info.Tag)
        {
            throw Fail(Errno.EBUSY);
        }

        if (info.Lockers.ContainsKey(id))
        {
            if (failIfExists && !failIfDoesNotExist)
            {
                throw Fail(Errno.EEXIST);
            }

            info.Lockers.Remove(id);
        }
        else if (failIfDoesNotExist)
        {
            throw Fail(Errno.ENOENT);
        }

        if (info.Lockers.Count > 0 && (IsExclusive(type) || info.Type != type))
        {
            throw Fail(Errno.EBUSY);
        }

        info.Type = type;
        info.Tag = tag;
        UTime expiration = duration.IsZero ? default : UTime.From(context.Now).Add(duration);
        // cls_lock stores every holder's address as a legacy (v1) address.
        var address = EntityAddress.Loopback(EntityAddress.TypeLegacy, context.Caller.Nonce);
        info.Lockers[id] = new LockerInfo(expiration, address, description);
        WriteLock(context, name, info);
        return ReadOnlyMemory<byte>.Empty;
    }

    private static ReadOnlyMemory<byte> Unlock(EmulatedClassContext context)
    {
        string name, cookie;
        try
        {
            var reader = new CephReader(context.Input.Span);
            int end = reader.StartStruct(1);
            name = reader.String();
            cookie = reader.String();
            reader.EndStruct(end);
        }
        catch (CephDecodeException)
        {
            throw Fail(Errno.EINVAL);
        }

        RemoveLock(context, name, new LockerId(EntityName.ForClient(context.ClientId), cookie));
        return ReadOnlyMemory<byte>.Empty;
    }

    private static ReadOnlyMemory<byte> BreakLock(EmulatedClassContext context)
    {
        string name, cookie;
        EntityName locker;
        try
        {
            var reader = new CephReader(context.Input.Span);
            int end = reader.StartStruct(1);
            name = reader.String();
            locker = EntityName.Decode(ref reader);
            cookie = reader.String();
            reader.EndStruct(end);
        }
        catch (CephDecodeException)
        {
            throw Fail(Errno.EINVAL);
        }

        RemoveLock(context, name, new LockerId(locker, cookie));
        return ReadOnlyMemory<byte>.Empty;
    }

    private static ReadOnlyMemory<byte> GetInfo(EmulatedClassContext context)
    {
        string name;
        try
        {
            var reader = new CephReader(context.Input.Span);
            int end = reader.StartStruct(1);
            name = reader.String();
            reader.EndStruct(end);
        }
        catch (CephDecodeException)
        {
            throw Fail(Errno.EINVAL);
        }

        // cls_lock_get_info_reply has the layout of lock_info_t.
        return Encode(ReadLock(context, name, tolerateMissingObject: false));
    }

    private static ReadOnlyMemory<byte> ListLocks(EmulatedClassContext context)
    {
        var names = context.GetXattrs().Keys
            .Where(n => n.StartsWith(XattrPrefix, StringComparison.Ordinal))
            .Select(n => n[XattrPrefix.Length..])
            .ToList();
        var writer = new CephWriter();
        int start = writer.StartStruct(1, 1);
        writer.U32((uint)names.Count);
        foreach (string name in names)
        {
            writer.String(name);
        }

        return writer.EndStruct(start).ToArray();
    }

    private static ReadOnlyMemory<byte> AssertLocked(EmulatedClassContext context)
    {
        var (name, type, cookie, tag, _) = DecodeAssertOrSetCookie(context, withNewCookie: false);
        LockInfo info = ReadLock(context, name, tolerateMissingObject: false);
        if (info.Lockers.Count == 0 || info.Type != type || info.Tag != tag
            || !info.Lockers.ContainsKey(new LockerId(EntityName.ForClient(context.ClientId), cookie)))
        {
            throw Fail(Errno.EBUSY);
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    private static ReadOnlyMemory<byte> SetCookie(EmulatedClassContext context)
    {
        var (name, type, cookie, tag, newCookie) = DecodeAssertOrSetCookie(context, withNewCookie: true);
        LockInfo info = ReadLock(context, name, tolerateMissingObject: false);
        var id = new LockerId(EntityName.ForClient(context.ClientId), cookie);
        if (info.Lockers.Count == 0 || info.Type != type || info.Tag != tag || !info.Lockers.TryGetValue(id, out LockerInfo? holder))
        {
            throw Fail(Errno.EBUSY);
        }

        var renamed = id with { Cookie = newCookie };
        if (info.Lockers.ContainsKey(renamed))
        {
            throw Fail(Errno.EBUSY);
        }

        info.Lockers.Remove(id);
        info.Lockers[renamed] = holder;
        WriteLock(context, name, info);
        return ReadOnlyMemory<byte>.Empty;
    }

    private static (string Name, byte Type, string Cookie, string Tag, string NewCookie) DecodeAssertOrSetCookie(EmulatedClassContext context, bool withNewCookie)
    {
        string name, cookie, tag, newCookie = "";
        byte type;
        try
        {
            var reader = new CephReader(context.Input.Span);
            int end = reader.StartStruct(1);
            name = reader.String();
            type = reader.U8();
            cookie = reader.String();
            tag = reader.String();
            if (withNewCookie)
            {
                newCookie = reader.String();
            }

            reader.EndStruct(end);
        }
        catch (CephDecodeException)
        {
            throw Fail(Errno.EINVAL);
        }

        if (!IsValidType(type) || name.Length == 0)
        {
            throw Fail(Errno.EINVAL);
        }

        return (name, type, cookie, tag, newCookie);
    }

    private static void RemoveLock(EmulatedClassContext context, string name, LockerId id)
    {
        LockInfo info = ReadLock(context, name, tolerateMissingObject: false);
        if (!info.Lockers.Remove(id))
        {
            throw Fail(Errno.ENOENT);
        }

        if (info.Type == TypeExclusiveEphemeral)
        {
            context.Remove();
        }
        else
        {
            WriteLock(context, name, info);
        }
    }

    /// <summary>cls_lock's <c>read_lock</c>: the lock's state without expired holders; an absent xattr is an unused lock.</summary>
    private static LockInfo ReadLock(EmulatedClassContext context, string name, bool tolerateMissingObject)
    {
        byte[] encoded;
        try
        {
            encoded = context.GetXattr(XattrPrefix + name);
        }
        catch (StorageException ex) when (ex.Errno == Errno.ENODATA || (ex.Errno == Errno.ENOENT && tolerateMissingObject))
        {
            return new LockInfo();
        }

        LockInfo info;
        try
        {
            info = Decode(encoded);
        }
        catch (CephDecodeException)
        {
            throw Fail(Errno.EIO);
        }

        UTime now = UTime.From(context.Now);
        foreach (var (id, holder) in info.Lockers.ToList())
        {
            if (!holder.Expiration.IsZero && holder.Expiration < now)
            {
                info.Lockers.Remove(id);
            }
        }

        if (info.Lockers.Count == 0 && info.Type == TypeExclusiveEphemeral)
        {
            try
            {
                context.Remove();
            }
            catch (StorageException)
            {
                // cls_lock only logs a failed clean-up (a read-only method cannot remove the object).
            }
        }

        return info;
    }

    private static void WriteLock(EmulatedClassContext context, string name, LockInfo info)
        => context.SetXattr(XattrPrefix + name, Encode(info).Span);

    /// <summary>Decodes the lock's state (<c>lock_info_t</c>, also the layout of <c>cls_lock_get_info_reply</c>).</summary>
    public static LockInfo Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new CephReader(encoded);
        int end = reader.StartStruct(1);
        var info = new LockInfo();
        uint count = reader.U32();
        for (uint i = 0; i < count; i++)
        {
            int idEnd = reader.StartStruct(1);
            EntityName locker = EntityName.Decode(ref reader);
            string cookie = reader.String();
            reader.EndStruct(idEnd);
            int infoEnd = reader.StartStruct(1);
            UTime expiration = UTime.Decode(ref reader);
            EntityAddress address = EntityAddress.Decode(ref reader);
            string description = reader.String();
            reader.EndStruct(infoEnd);
            info.Lockers[new LockerId(locker, cookie)] = new LockerInfo(expiration, address, description);
        }

        info.Type = reader.U8();
        info.Tag = reader.String();
        reader.EndStruct(end);
        return info;
    }

    private static ReadOnlyMemory<byte> Encode(LockInfo info)
    {
        var writer = new CephWriter();
        int start = writer.StartStruct(1, 1);
        writer.U32((uint)info.Lockers.Count);
        foreach (var (id, holder) in info.Lockers)
        {
            int idStart = writer.StartStruct(1, 1);
            id.Locker.Encode(writer);
            writer.String(id.Cookie).EndStruct(idStart);
            int infoStart = writer.StartStruct(1, 1);
            holder.Expiration.Encode(writer);
            holder.Address.Encode(writer);
            writer.String(holder.Description).EndStruct(infoStart);
        }

        writer.U8(info.Type).String(info.Tag);
        return writer.EndStruct(start).ToArray();
    }

    private static StorageException Fail(Errno errno) => StorageErrors.Create(errno, "rados_read_op_exec", ClassName);
}

/// <summary>A lock holder's identity (<c>locker_id_t</c>), ordered like Ceph orders it: by entity, then cookie.</summary>
internal readonly record struct LockerId(EntityName Locker, string Cookie) : IComparable<LockerId>
{
    public int CompareTo(LockerId other)
    {
        int c = Locker.CompareTo(other.Locker);
        return c != 0 ? c : Utf8OrdinalComparer.Instance.Compare(Cookie, other.Cookie);
    }
}

/// <summary>What is kept per holder (<c>locker_info_t</c>).</summary>
internal sealed record LockerInfo(UTime Expiration, EntityAddress Address, string Description);

/// <summary>A lock's state (<c>lock_info_t</c>).</summary>
internal sealed class LockInfo
{
    public SortedDictionary<LockerId, LockerInfo> Lockers { get; } = [];

    public byte Type { get; set; }

    public string Tag { get; set; } = "";
}
