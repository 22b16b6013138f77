using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>Image-level mirroring.</summary>
internal sealed partial class NativeRbdImage
{
    /// <inheritdoc />
    public void EnableMirroring(RbdMirrorImageMode mode)
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_mirror_image_enable2(lease.Handle, (int)mode), "rbd_mirror_image_enable2", Name);
    }

    /// <inheritdoc />
    public void DisableMirroring(bool force = false)
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_mirror_image_disable(lease.Handle, force), "rbd_mirror_image_disable", Name);
    }

    /// <inheritdoc />
    public void PromoteMirroring(bool force = false)
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_mirror_image_promote(lease.Handle, force), "rbd_mirror_image_promote", Name);
    }

    /// <inheritdoc />
    public void DemoteMirroring()
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_mirror_image_demote(lease.Handle), "rbd_mirror_image_demote", Name);
    }

    /// <inheritdoc />
    public void ResyncMirroring()
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_mirror_image_resync(lease.Handle), "rbd_mirror_image_resync", Name);
    }

    /// <inheritdoc />
    public unsafe RbdMirrorImageInfo GetMirrorInfo()
    {
        using var lease = Use();
        Interop.Rbd.MirrorImageInfo info = default;
        RadosCall.Check(Interop.Rbd.rbd_mirror_image_get_info(lease.Handle, &info, (nuint)sizeof(Interop.Rbd.MirrorImageInfo)), "rbd_mirror_image_get_info", Name);
        try
        {
            return Info(info);
        }
        finally
        {
            Interop.Rbd.rbd_mirror_image_get_info_cleanup(&info);
        }
    }

    /// <inheritdoc />
    public RbdMirrorImageMode GetMirrorMode()
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_mirror_image_get_mode(lease.Handle, out int mode), "rbd_mirror_image_get_mode", Name);
        return (RbdMirrorImageMode)mode;
    }

    /// <inheritdoc />
    public ulong CreateMirrorSnapshot()
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_mirror_image_create_snapshot(lease.Handle, out ulong snapshotId), "rbd_mirror_image_create_snapshot", Name);
        return snapshotId;
    }

    /// <inheritdoc />
    public unsafe RbdMirrorImageGlobalStatus GetMirrorGlobalStatus()
    {
        using var lease = Use();
        Interop.Rbd.MirrorImageGlobalStatus status = default;
        RadosCall.Check(Interop.Rbd.rbd_mirror_image_get_global_status(lease.Handle, &status, (nuint)sizeof(Interop.Rbd.MirrorImageGlobalStatus)), "rbd_mirror_image_get_global_status", Name);
        try
        {
            var sites = new List<RbdMirrorImageSiteStatus>((int)status.SiteStatusesCount);
            var site = (Interop.Rbd.MirrorImageSiteStatus*)status.SiteStatuses;
            for (int i = 0; i < (int)status.SiteStatusesCount; i++)
            {
                sites.Add(new RbdMirrorImageSiteStatus(
                    MirrorText(site[i].MirrorUuid),
                    (RbdMirrorImageStatusState)site[i].State,
                    MirrorText(site[i].Description),
                    DateTimeOffset.FromUnixTimeSeconds(site[i].LastUpdate),
                    site[i].Up != 0));
            }

            return new RbdMirrorImageGlobalStatus(MirrorText(status.Name), Info(status.Info), sites);
        }
        finally
        {
            Interop.Rbd.rbd_mirror_image_global_status_cleanup(&status);
        }
    }

    private static RbdMirrorImageInfo Info(Interop.Rbd.MirrorImageInfo info)
        => new(MirrorText(info.GlobalId), (RbdMirrorImageState)info.State, info.Primary != 0);

    private static unsafe string MirrorText(nint pointer) => pointer == 0 ? "" : NativeText.FromNulTerminated((byte*)pointer);
}
