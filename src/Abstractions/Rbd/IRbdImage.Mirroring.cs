namespace StorageKit.Rbd;

public partial interface IRbdImage
{
    /// <summary>Mirrors the image in <paramref name="mode"/> (<c>rbd_mirror_image_enable2</c>); needs the pool in image mode.</summary>
    void EnableMirroring(RbdMirrorImageMode mode);

    /// <summary>Stops mirroring the image; <paramref name="force"/> allows it on a non-primary image (<c>rbd_mirror_image_disable</c>).</summary>
    void DisableMirroring(bool force = false);

    /// <summary>Makes this site's copy primary (<c>rbd_mirror_image_promote</c>).</summary>
    void PromoteMirroring(bool force = false);

    /// <summary>Makes this site's copy non-primary (<c>rbd_mirror_image_demote</c>).</summary>
    void DemoteMirroring();

    /// <summary>Asks the mirror daemon to resync a non-primary image (<c>rbd_mirror_image_resync</c>).</summary>
    void ResyncMirroring();

    /// <summary>The image's mirroring state (<c>rbd_mirror_image_get_info</c>).</summary>
    RbdMirrorImageInfo GetMirrorInfo();

    /// <summary>How the image is mirrored (<c>rbd_mirror_image_get_mode</c>).</summary>
    RbdMirrorImageMode GetMirrorMode();

    /// <summary>Takes a mirror snapshot of a snapshot-mirrored primary image and returns its id (<c>rbd_mirror_image_create_snapshot</c>).</summary>
    ulong CreateMirrorSnapshot();

    /// <summary>The image's mirroring status at every site (<c>rbd_mirror_image_get_global_status</c>).</summary>
    RbdMirrorImageGlobalStatus GetMirrorGlobalStatus();
}
