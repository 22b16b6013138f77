namespace StorageKit.Rbd;

/// <summary>The mirroring mode of a pool (<c>rbd_mirror_mode_t</c>).</summary>
public enum RbdMirrorMode
{
    /// <summary>Mirroring is off (<c>RBD_MIRROR_MODE_DISABLED</c>).</summary>
    Disabled = 0,

    /// <summary>Images are mirrored when enabled one by one (<c>RBD_MIRROR_MODE_IMAGE</c>).</summary>
    Image = 1,

    /// <summary>Every image with the journaling feature is mirrored (<c>RBD_MIRROR_MODE_POOL</c>).</summary>
    Pool = 2,
}

/// <summary>Which way a mirror peer replicates (<c>rbd_mirror_peer_direction_t</c>).</summary>
public enum RbdMirrorPeerDirection
{
    /// <summary>The peer is only pulled from (<c>RBD_MIRROR_PEER_DIRECTION_RX</c>).</summary>
    Receive = 0,

    /// <summary>The peer only pulls from this site (<c>RBD_MIRROR_PEER_DIRECTION_TX</c>).</summary>
    Transmit = 1,

    /// <summary>Both ways (<c>RBD_MIRROR_PEER_DIRECTION_RX_TX</c>).</summary>
    ReceiveTransmit = 2,
}

/// <summary>How an image is mirrored (<c>rbd_mirror_image_mode_t</c>).</summary>
public enum RbdMirrorImageMode
{
    /// <summary>By replaying the image journal (<c>RBD_MIRROR_IMAGE_MODE_JOURNAL</c>).</summary>
    Journal = 0,

    /// <summary>By copying mirror snapshots (<c>RBD_MIRROR_IMAGE_MODE_SNAPSHOT</c>).</summary>
    Snapshot = 1,
}

/// <summary>The mirroring state of an image (<c>rbd_mirror_image_state_t</c>).</summary>
public enum RbdMirrorImageState
{
    /// <summary>Being disabled (<c>RBD_MIRROR_IMAGE_DISABLING</c>).</summary>
    Disabling = 0,

    /// <summary>Mirrored (<c>RBD_MIRROR_IMAGE_ENABLED</c>).</summary>
    Enabled = 1,

    /// <summary>Not mirrored (<c>RBD_MIRROR_IMAGE_DISABLED</c>).</summary>
    Disabled = 2,
}

/// <summary>What the mirror daemon reports for an image at one site (<c>rbd_mirror_image_status_state_t</c>).</summary>
public enum RbdMirrorImageStatusState
{
    /// <summary>No status (<c>MIRROR_IMAGE_STATUS_STATE_UNKNOWN</c>).</summary>
    Unknown = 0,

    /// <summary>Replication failed (<c>MIRROR_IMAGE_STATUS_STATE_ERROR</c>).</summary>
    Error = 1,

    /// <summary>Initial copy under way (<c>MIRROR_IMAGE_STATUS_STATE_SYNCING</c>).</summary>
    Syncing = 2,

    /// <summary>Replay starting (<c>MIRROR_IMAGE_STATUS_STATE_STARTING_REPLAY</c>).</summary>
    StartingReplay = 3,

    /// <summary>Replaying (<c>MIRROR_IMAGE_STATUS_STATE_REPLAYING</c>).</summary>
    Replaying = 4,

    /// <summary>Replay stopping (<c>MIRROR_IMAGE_STATUS_STATE_STOPPING_REPLAY</c>).</summary>
    StoppingReplay = 5,

    /// <summary>Replay stopped (<c>MIRROR_IMAGE_STATUS_STATE_STOPPED</c>).</summary>
    Stopped = 6,
}

/// <summary>A mirror peer of a pool (<c>rbd_mirror_peer_site_t</c>).</summary>
/// <param name="Uuid">The peer's uuid, as <c>rbd_mirror_peer_site_add</c> returned it.</param>
/// <param name="Direction">Which way it replicates.</param>
/// <param name="SiteName">The remote site (cluster) name.</param>
/// <param name="MirrorUuid">The remote mirror uuid ("" until a mirror daemon registers it).</param>
/// <param name="ClientName">The client the remote site is reached as.</param>
/// <param name="LastSeen">When a mirror daemon last saw the peer (the Unix epoch when never).</param>
public sealed record RbdMirrorPeer(string Uuid, RbdMirrorPeerDirection Direction, string SiteName, string MirrorUuid, string ClientName, DateTimeOffset LastSeen);

/// <summary>The mirroring state of an image (<c>rbd_mirror_image_info_t</c>).</summary>
/// <param name="GlobalId">The id the image has at every site ("" when mirroring is disabled).</param>
/// <param name="State">Whether it is mirrored.</param>
/// <param name="IsPrimary">Whether this site's copy is primary (writable).</param>
public sealed record RbdMirrorImageInfo(string GlobalId, RbdMirrorImageState State, bool IsPrimary);

/// <summary>The status one site reports for an image (<c>rbd_mirror_image_site_status_t</c>).</summary>
/// <param name="MirrorUuid">The site's mirror uuid ("" for the local site).</param>
/// <param name="State">The replication state.</param>
/// <param name="Description">The daemon's description.</param>
/// <param name="LastUpdate">When the status was written (the Unix epoch when never).</param>
/// <param name="IsUp">Whether a mirror daemon is running for it.</param>
public sealed record RbdMirrorImageSiteStatus(string MirrorUuid, RbdMirrorImageStatusState State, string Description, DateTimeOffset LastUpdate, bool IsUp);

/// <summary>The mirroring status of an image across sites (<c>rbd_mirror_image_global_status_t</c>).</summary>
/// <param name="Name">The image name.</param>
/// <param name="Info">Its mirroring state.</param>
/// <param name="SiteStatuses">What each site reports.</param>
public sealed record RbdMirrorImageGlobalStatus(string Name, RbdMirrorImageInfo Info, IReadOnlyList<RbdMirrorImageSiteStatus> SiteStatuses);
