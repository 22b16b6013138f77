namespace StorageKit.Rbd;

public partial interface IRbdClient
{
    /// <summary>The pool's mirroring mode (<c>rbd_mirror_mode_get</c>).</summary>
    RbdMirrorMode GetMirrorMode();

    /// <summary>
    /// Sets the pool's mirroring mode (<c>rbd_mirror_mode_set</c>); disabling fails with EBUSY while peers
    /// are registered or images are mirrored, and switching from pool to image mode keeps the images mirrored.
    /// </summary>
    void SetMirrorMode(RbdMirrorMode mode);

    /// <summary>The pool's own mirror uuid (<c>rbd_mirror_uuid_get</c>); ENOENT while mirroring was never enabled.</summary>
    string GetMirrorUuid();

    /// <summary>The name this cluster uses as a mirroring site (<c>rbd_mirror_site_name_get</c>; the fsid unless set).</summary>
    string GetMirrorSiteName();

    /// <summary>Sets this cluster's site name; "" resets it to the fsid (<c>rbd_mirror_site_name_set</c>).</summary>
    void SetMirrorSiteName(string siteName);

    /// <summary>Registers a mirror peer and returns its uuid (<c>rbd_mirror_peer_site_add</c>).</summary>
    string AddMirrorPeer(string siteName, string clientName, RbdMirrorPeerDirection direction = RbdMirrorPeerDirection.ReceiveTransmit);

    /// <summary>Removes a mirror peer (<c>rbd_mirror_peer_site_remove</c>).</summary>
    void RemoveMirrorPeer(string uuid);

    /// <summary>The pool's mirror peers (<c>rbd_mirror_peer_site_list</c>).</summary>
    IReadOnlyList<RbdMirrorPeer> ListMirrorPeers();

    /// <summary>Changes the client name of a peer (<c>rbd_mirror_peer_site_set_client_name</c>).</summary>
    void SetMirrorPeerClientName(string uuid, string clientName);

    /// <summary>Changes the site name of a peer (<c>rbd_mirror_peer_site_set_name</c>).</summary>
    void SetMirrorPeerSiteName(string uuid, string siteName);

    /// <summary>Changes the direction of a peer (<c>rbd_mirror_peer_site_set_direction</c>).</summary>
    void SetMirrorPeerDirection(string uuid, RbdMirrorPeerDirection direction);

    /// <summary>The attributes of a peer, such as <c>mon_host</c> and <c>key</c> (<c>rbd_mirror_peer_site_get_attributes</c>).</summary>
    IReadOnlyDictionary<string, string> GetMirrorPeerAttributes(string uuid);

    /// <summary>Replaces the attributes of a peer (<c>rbd_mirror_peer_site_set_attributes</c>).</summary>
    void SetMirrorPeerAttributes(string uuid, IReadOnlyDictionary<string, string> attributes);
}
