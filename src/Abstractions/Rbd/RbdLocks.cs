namespace StorageKit.Rbd;

/// <summary>The mode of the exclusive-lock feature's lock (<c>rbd_lock_mode_t</c>).</summary>
public enum RbdLockMode
{
    /// <summary><c>RBD_LOCK_MODE_EXCLUSIVE</c>.</summary>
    Exclusive = 0,

    /// <summary><c>RBD_LOCK_MODE_SHARED</c>.</summary>
    Shared = 1,
}

/// <summary>The owners of an image's exclusive lock (<c>rbd_lock_get_owners</c>).</summary>
/// <param name="Mode">The lock's mode.</param>
/// <param name="Owners">Each owner as <c>client.&lt;id&gt; auto &lt;watch id&gt;</c>.</param>
public sealed record RbdLockOwners(RbdLockMode Mode, IReadOnlyList<string> Owners);

/// <summary>The advisory image lock as <c>rbd_list_lockers</c> reports it.</summary>
/// <param name="Exclusive">Whether the lock is exclusive.</param>
/// <param name="Tag">The lock's tag (<c>internal</c> for the exclusive-lock feature's lock).</param>
/// <param name="Lockers">The holders.</param>
public sealed record RbdLockers(bool Exclusive, string Tag, IReadOnlyList<RbdLocker> Lockers);

/// <summary>One holder of the image lock.</summary>
/// <param name="Client">The holder's entity name, for example <c>client.4123</c>.</param>
/// <param name="Cookie">The holder's cookie.</param>
/// <param name="Address">The holder's address.</param>
public readonly record struct RbdLocker(string Client, string Cookie, string Address);

/// <summary>One watcher of the image header (<c>rbd_image_watcher_t</c>).</summary>
/// <param name="Address">The watching client's address.</param>
/// <param name="Id">The watching client's global id.</param>
/// <param name="Cookie">The watch's id.</param>
public readonly record struct RbdWatcher(string Address, long Id, ulong Cookie);
