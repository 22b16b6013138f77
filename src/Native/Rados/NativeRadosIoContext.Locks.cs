using StorageKit.Rados;

namespace StorageKit.Native.Rados;

internal sealed partial class NativeRadosIoContext
{
    /// <inheritdoc />
    public unsafe void LockExclusive(
        string objectName, string name, string cookie, string description = "", TimeSpan? duration = null, RadosLockFlags flags = RadosLockFlags.None)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        RadosArguments.Name(cookie, nameof(cookie));
        RadosArguments.Name(description, nameof(description));
        var period = RadosTimeouts.LockDuration(duration);
        const string operation = "rados_lock_exclusive";
        using var lease = Use(operation, objectName);
        Interop.Rados.TimeVal timeVal = ToTimeVal(period);
        RadosCall.Check(
            Interop.Rados.rados_lock_exclusive(lease.Handle, objectName, name, cookie, description, period is null ? null : &timeVal, (byte)flags),
            operation,
            objectName);
    }

    /// <inheritdoc />
    public unsafe void LockShared(
        string objectName, string name, string cookie, string tag, string description = "", TimeSpan? duration = null, RadosLockFlags flags = RadosLockFlags.None)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        RadosArguments.Name(cookie, nameof(cookie));
        RadosArguments.Name(tag, nameof(tag));
        RadosArguments.Name(description, nameof(description));
        var period = RadosTimeouts.LockDuration(duration);
        const string operation = "rados_lock_shared";
        using var lease = Use(operation, objectName);
        Interop.Rados.TimeVal timeVal = ToTimeVal(period);
        RadosCall.Check(
            Interop.Rados.rados_lock_shared(lease.Handle, objectName, name, cookie, tag, description, period is null ? null : &timeVal, (byte)flags),
            operation,
            objectName);
    }

    /// <inheritdoc />
    public void Unlock(string objectName, string name, string cookie)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        RadosArguments.Name(cookie, nameof(cookie));
        const string operation = "rados_unlock";
        using var lease = Use(operation, objectName);
        RadosCall.Check(Interop.Rados.rados_unlock(lease.Handle, objectName, name, cookie), operation, objectName);
    }

    /// <inheritdoc />
    public void BreakLock(string objectName, string name, string client, string cookie)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        RadosArguments.Name(client, nameof(client));
        RadosArguments.Name(cookie, nameof(cookie));
        const string operation = "rados_break_lock";
        using var lease = Use(operation, objectName);
        RadosCall.Check(Interop.Rados.rados_break_lock(lease.Handle, objectName, name, client, cookie), operation, objectName);
    }

    /// <inheritdoc />
    public unsafe RadosLockInfo ListLockers(string objectName, string name)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        const string operation = "rados_list_lockers";
        using var lease = Use(operation, objectName);
        nuint tagLength = 256, clientsLength = 1024, cookiesLength = 1024, addressesLength = 1024;
        while (true)
        {
            var tag = new byte[Math.Max((int)tagLength, 1)];
            var clients = new byte[Math.Max((int)clientsLength, 1)];
            var cookies = new byte[Math.Max((int)cookiesLength, 1)];
            var addresses = new byte[Math.Max((int)addressesLength, 1)];
            tagLength = (nuint)tag.Length;
            clientsLength = (nuint)clients.Length;
            cookiesLength = (nuint)cookies.Length;
            addressesLength = (nuint)addresses.Length;
            nint count;
            int exclusive;
            fixed (byte* tagBytes = tag, clientBytes = clients, cookieBytes = cookies, addressBytes = addresses)
            {
                count = Interop.Rados.rados_list_lockers(
                    lease.Handle, objectName, name, out exclusive,
                    tagBytes, ref tagLength, clientBytes, ref clientsLength, cookieBytes, ref cookiesLength, addressBytes, ref addressesLength);
            }

            if (count == -(int)Errno.ERANGE)
            {
                // The lengths now say what is needed (the holders may change before the retry; then it loops again).
                continue;
            }

            RadosCall.Check((int)count, operation, objectName);
            List<string> clientNames = SplitNulSeparated(clients, clientsLength, (int)count);
            List<string> cookieNames = SplitNulSeparated(cookies, cookiesLength, (int)count);
            List<string> addressNames = SplitNulSeparated(addresses, addressesLength, (int)count);
            var lockers = new List<RadosLocker>((int)count);
            for (int i = 0; i < (int)count; i++)
            {
                lockers.Add(new RadosLocker(clientNames[i], cookieNames[i], addressNames[i]));
            }

            return new RadosLockInfo(exclusive != 0, NativeText.FromNulTerminated(tag), lockers);
        }
    }

    private static Interop.Rados.TimeVal ToTimeVal((long Seconds, long Microseconds)? period)
        => period is { } value ? new Interop.Rados.TimeVal { Seconds = value.Seconds, Microseconds = value.Microseconds } : default;

    /// <summary>The first <paramref name="count"/> NUL-terminated strings of the first <paramref name="length"/> bytes.</summary>
    private static List<string> SplitNulSeparated(byte[] buffer, nuint length, int count)
    {
        var items = new List<string>(count);
        ReadOnlySpan<byte> rest = buffer.AsSpan(0, (int)Math.Min(length, (nuint)buffer.Length));
        for (int i = 0; i < count; i++)
        {
            int end = rest.IndexOf((byte)0);
            items.Add(NativeText.FromNulTerminated(rest));
            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return items;
    }
}
