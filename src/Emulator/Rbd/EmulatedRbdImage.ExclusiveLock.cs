using StorageKit.Emulator.Rados;
using StorageKit.Emulator.Rados.Classes;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// librbd's exclusive lock (measured on Ceph 16): a writable handle of an image with exclusive-lock takes the
/// RADOS lock <c>rbd_lock</c> on the header (exclusive, tag <c>internal</c>, cookie <c>auto &lt;watch id&gt;</c>)
/// the first time it writes, discards, zeroes, resizes, updates features or flushes, and keeps it until it
/// closes; another handle that needs it asks the owner, which hands it over (librbd does this by notify).
/// </summary>
internal sealed partial class EmulatedRbdImage
{
    private const string LockName = "rbd_lock";

    /// <summary>The handle holding each image's lock, by pool, namespace and header; guarded by <c>_headerGate</c>.</summary>
    private static readonly Dictionary<(object Pool, string Namespace, string Header), EmulatedRbdImage> _lockOwners = [];

    private (object Pool, string Namespace, string Header)? _ownedLock;

    /// <summary>
    /// Takes the exclusive lock for a write when the image has exclusive-lock and this handle may write; EROFS when
    /// another handle holds it by <c>rbd_lock_acquire</c>, which refuses to hand it over (measured). Pass the C
    /// function name of the operation taking the lock (the default is for callers written before the argument).
    /// A handle that ever used <c>rbd_lock_acquire</c> takes the lock only that way: its writes without it are EROFS.
    /// </summary>
    private void AcquireExclusiveLock(EmulatedRbdHeader header, string operation = "rbd_write", bool byHand = false)
    {
        if (((RbdFeatures)header.Features & RbdFeatures.ExclusiveLock) == 0 || OpenedReadOnly || _headerWatch is not { } watch)
        {
            return;
        }

        lock (_headerGate)
        {
            if (_ownedLock is not null || _disposed)
            {
                return;
            }

            if (_manualLockPolicy && !byHand)
            {
                throw StorageErrors.Create(Errno.EROFS, operation, Name);
            }

            var key = (((EmulatedRadosIoContext)io).PoolIdentity, io.Namespace, RbdLayout.Header(id));
            if (_lockOwners.TryGetValue(key, out var owner) && owner != this)
            {
                if (owner._lockedByHand)
                {
                    throw StorageErrors.Create(Errno.EROFS, operation, Name);
                }

                owner.ReleaseExclusiveLockLocked();
            }

            var writer = new CephWriter();
            int start = writer.StartStruct(1, 1);
            writer.String(LockName).U8(1).String(LockCookie(watch)).String("internal").String("");
            new UTime(0, 0).Encode(writer);
            writer.U8(0).EndStruct(start);
            io.Execute(RbdLayout.Header(id), "lock", "lock", writer.ToArray());
            _lockOwners[key] = this;
            _ownedLock = key;
        }
    }

    /// <summary>Releases the lock on close.</summary>
    private void ReleaseExclusiveLock()
    {
        lock (_headerGate)
        {
            ReleaseExclusiveLockLocked();
        }
    }

    private void ReleaseExclusiveLockLocked()
    {
        if (_ownedLock is not { } key)
        {
            return;
        }

        _ownedLock = null;
        _lockedByHand = false;
        _lockOwners.Remove(key);
        try
        {
            if (_headerWatch is { } watch)
            {
                io.Unlock(key.Header, LockName, LockCookie(watch));
            }
        }
        catch (StorageException)
        {
            // Broken or gone already (header removed, client shut down).
        }
        catch (ObjectDisposedException)
        {
            // The io context was closed first.
        }
    }

    private static string LockCookie(IRadosWatch watch) => "auto " + watch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
