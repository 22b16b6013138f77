using StorageKit.Emulator.Rados.Classes;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// The lock API as librados implements it: each call encodes a <c>cls_lock</c> op and runs it on the object
/// through the emulated class <c>lock</c>, so locks, <c>Execute("lock", ...)</c> and the object's
/// <c>lock.&lt;name&gt;</c> xattrs always agree.
/// </summary>
internal sealed partial class EmulatedRadosIoContext
{
    private const byte LockTypeExclusive = 1;
    private const byte LockTypeShared = 2;

    public void LockExclusive(string objectName, string name, string cookie, string description = "", TimeSpan? duration = null, RadosLockFlags flags = RadosLockFlags.None)
        => Lock("rados_lock_exclusive", objectName, name, LockTypeExclusive, cookie, "", description, duration, flags);

    public void LockShared(string objectName, string name, string cookie, string tag, string description = "", TimeSpan? duration = null, RadosLockFlags flags = RadosLockFlags.None)
        => Lock("rados_lock_shared", objectName, name, LockTypeShared, cookie, tag, description, duration, flags);

    public void Unlock(string objectName, string name, string cookie)
    {
        const string op = "rados_unlock";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        RadosArguments.Name(cookie, nameof(cookie));
        ObjectKey key = Key(op, objectName);
        var writer = new CephWriter();
        int start = writer.StartStruct(1, 1);
        writer.String(name).String(cookie).EndStruct(start);
        Run(op, key, "lock", "unlock", writer.ToArray());
    }

    public void BreakLock(string objectName, string name, string client, string cookie)
    {
        const string op = "rados_break_lock";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        RadosArguments.Name(client, nameof(client));
        RadosArguments.Name(cookie, nameof(cookie));
        Live(op);
        // librados parses the entity name before it sends anything.
        if (!EntityName.TryParse(client, out EntityName locker))
        {
            throw StorageErrors.Create(Errno.EINVAL, op, objectName);
        }

        ObjectKey key = Key(op, objectName);
        var writer = new CephWriter();
        int start = writer.StartStruct(1, 1);
        writer.String(name);
        locker.Encode(writer);
        writer.String(cookie).EndStruct(start);
        Run(op, key, "lock", "break_lock", writer.ToArray());
    }

    public RadosLockInfo ListLockers(string objectName, string name)
    {
        const string op = "rados_list_lockers";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        ObjectKey key = Key(op, objectName);
        var writer = new CephWriter();
        int start = writer.StartStruct(1, 1);
        writer.String(name).EndStruct(start);
        LockInfo info = LockClass.Decode(Run(op, key, "lock", "get_info", writer.ToArray()));
        var lockers = info.Lockers
            .Select(l => new RadosLocker(l.Key.Locker.ToString(), l.Key.Cookie, l.Value.Address.ToString()))
            .ToList();
        return new RadosLockInfo(info.Type == LockTypeExclusive, info.Tag, lockers);
    }

    private void Lock(
        string op, string objectName, string name, byte type, string cookie, string tag, string description, TimeSpan? duration, RadosLockFlags flags)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        RadosArguments.Name(cookie, nameof(cookie));
        RadosArguments.Name(tag, nameof(tag));
        RadosArguments.Name(description, nameof(description));
        var (seconds, microseconds) = RadosTimeouts.LockDuration(duration) ?? (0, 0);
        ObjectKey key = Key(op, objectName);
        var writer = new CephWriter();
        int start = writer.StartStruct(1, 1);
        writer.String(name).U8(type).String(cookie).String(tag).String(description);
        // utime_t from a timeval: 32-bit seconds (as C truncates them) and nanoseconds.
        new UTime(unchecked((uint)seconds), (uint)(microseconds * 1000)).Encode(writer);
        writer.U8((byte)flags).EndStruct(start);
        Run(op, key, "lock", "lock", writer.ToArray());
    }
}
