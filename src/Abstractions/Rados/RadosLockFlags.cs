namespace StorageKit.Rados;

/// <summary>Lock flags (<c>LIBRADOS_LOCK_FLAG_*</c>); other bits go to the OSD unchanged, which ignores them.</summary>
[Flags]
#pragma warning disable CA1028, CA1711 // librados takes uint8_t flags, named LIBRADOS_LOCK_FLAG_*.
public enum RadosLockFlags : byte
#pragma warning restore CA1028, CA1711
{
    /// <summary>EEXIST when the owner holds the lock already.</summary>
    None = 0,

    /// <summary><c>LIBRADOS_LOCK_FLAG_MAY_RENEW</c> (alias <c>RENEW</c>): take the lock, or renew it (new duration and description) when the owner holds it.</summary>
    MayRenew = 1,

    /// <summary><c>LIBRADOS_LOCK_FLAG_MUST_RENEW</c>: renew only; ENOENT when the owner does not hold it (or it expired). EINVAL together with <see cref="MayRenew"/>.</summary>
    MustRenew = 2,
}
