using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>The exclusive-lock feature's lock and the advisory image locks.</summary>
internal sealed partial class NativeRbdImage
{
    /// <inheritdoc />
    public void AcquireLock(RbdLockMode mode)
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_lock_acquire(lease.Handle, (int)mode), "rbd_lock_acquire", Name);
    }

    /// <inheritdoc />
    public void ReleaseLock()
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_lock_release(lease.Handle), "rbd_lock_release", Name);
    }

    /// <inheritdoc />
    public unsafe RbdLockOwners GetLockOwners()
    {
        using var lease = Use();
        nuint capacity = 4;
        while (true)
        {
            var owners = new byte*[(int)capacity];
            nuint count = capacity;
            int mode;
            int returnCode;
            fixed (byte** pointer = owners)
            {
                returnCode = Interop.Rbd.rbd_lock_get_owners(lease.Handle, out mode, pointer, ref count);
                if (returnCode == -(int)Errno.ERANGE)
                {
                    capacity = Math.Max(count, capacity * 2);
                    continue;
                }

                RadosCall.Check(returnCode, "rbd_lock_get_owners", Name);
                var names = new List<string>((int)count);
                for (int i = 0; i < (int)count; i++)
                {
                    names.Add(NativeText.FromNulTerminated(owners[i]));
                }

                Interop.Rbd.rbd_lock_get_owners_cleanup(pointer, count);
                return new RbdLockOwners((RbdLockMode)mode, names);
            }
        }
    }

    /// <inheritdoc />
    public bool IsExclusiveLockOwner
    {
        get
        {
            using var lease = Use();
            RadosCall.Check(Interop.Rbd.rbd_is_exclusive_lock_owner(lease.Handle, out int owner), "rbd_is_exclusive_lock_owner", Name);
            return owner != 0;
        }
    }

    /// <inheritdoc />
    public void BreakLock(RbdLockMode mode, string owner)
    {
        RbdArguments.Text(owner, nameof(owner));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_lock_break(lease.Handle, (int)mode, owner), "rbd_lock_break", Name);
    }

    /// <inheritdoc />
    public void LockExclusive(string cookie)
    {
        RbdArguments.Text(cookie, nameof(cookie));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_lock_exclusive(lease.Handle, cookie), "rbd_lock_exclusive", Name);
    }

    /// <inheritdoc />
    public void LockShared(string cookie, string tag)
    {
        RbdArguments.Text(cookie, nameof(cookie));
        RbdArguments.Text(tag, nameof(tag));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_lock_shared(lease.Handle, cookie, tag), "rbd_lock_shared", Name);
    }

    /// <inheritdoc />
    public void Unlock(string cookie)
    {
        RbdArguments.Text(cookie, nameof(cookie));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_unlock(lease.Handle, cookie), "rbd_unlock", Name);
    }

    /// <inheritdoc />
    public void BreakLock(string client, string cookie)
    {
        RbdArguments.Text(client, nameof(client));
        RbdArguments.Text(cookie, nameof(cookie));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_break_lock(lease.Handle, client, cookie), "rbd_break_lock", Name);
    }

    /// <inheritdoc />
    public unsafe RbdLockers ListLockers()
    {
        const string operation = "rbd_list_lockers";
        using var lease = Use();
        nuint tagLength = 64, clientsLength = 256, cookiesLength = 256, addressesLength = 256;
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
                count = Interop.Rbd.rbd_list_lockers(
                    lease.Handle, out exclusive, tagBytes, ref tagLength, clientBytes, ref clientsLength, cookieBytes, ref cookiesLength, addressBytes, ref addressesLength);
            }

            if (count == -(int)Errno.ERANGE)
            {
                // The lengths now say what is needed.
                continue;
            }

            RadosCall.Check((int)count, operation, Name);
            var clientNames = SplitNulSeparated(clients, (int)count);
            var cookieNames = SplitNulSeparated(cookies, (int)count);
            var addressNames = SplitNulSeparated(addresses, (int)count);
            var lockers = new List<RbdLocker>((int)count);
            for (int i = 0; i < (int)count; i++)
            {
                lockers.Add(new RbdLocker(clientNames[i], cookieNames[i], addressNames[i]));
            }

            return new RbdLockers(exclusive != 0, NativeText.FromNulTerminated(tag), lockers);
        }
    }

    private static List<string> SplitNulSeparated(byte[] buffer, int count)
    {
        var items = new List<string>(count);
        ReadOnlySpan<byte> rest = buffer;
        for (int i = 0; i < count; i++)
        {
            int end = rest.IndexOf((byte)0);
            items.Add(NativeText.FromNulTerminated(rest));
            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return items;
    }
}
