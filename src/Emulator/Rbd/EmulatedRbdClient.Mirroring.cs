using System.Text;
using System.Text.Json;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>Pool mirroring as librbd 16 validates it (measured, docs/native-probe-results.md "RBD mirroring").</summary>
internal sealed partial class EmulatedRbdClient
{
    /// <inheritdoc />
    public RbdMirrorMode GetMirrorMode()
    {
        Live("rbd_mirror_mode_get");
        return EmulatedRbdMirroring.Mode(io);
    }

    /// <inheritdoc />
    public void SetMirrorMode(RbdMirrorMode mode)
    {
        const string op = "rbd_mirror_mode_set";
        Live(op);
        if (mode is < RbdMirrorMode.Disabled or > RbdMirrorMode.Pool)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, null);
        }

        lock (EmulatedRbdMirroring.Gate)
        {
            var current = EmulatedRbdMirroring.Mode(io);
            if (mode == current)
            {
                return;
            }

            var images = EmulatedRbdMirroring.Images(io);
            switch (mode)
            {
                case RbdMirrorMode.Disabled:
                    if (EmulatedRbdMirroring.Peers(io).Count > 0)
                    {
                        throw StorageErrors.Create(Errno.EBUSY, op, null);
                    }

                    // In image mode every image must be disabled first; leaving pool mode disables them all.
                    if (current == RbdMirrorMode.Image && images.Count > 0)
                    {
                        throw StorageErrors.Create(Errno.EINVAL, op, null);
                    }

                    foreach (string imageId in images.Keys)
                    {
                        EmulatedRbdMirroring.RemoveImage(io, imageId);
                    }

                    EmulatedRbdMirroring.Disable(io);
                    return;
                case RbdMirrorMode.Pool:
                    // librbd goes to image mode first, then enables journal mirroring on every journaling image in
                    // directory order; one already mirrored by snapshots fails the switch there (EINVAL), leaving
                    // the pool in image mode with the images before it enabled.
                    EmulatedRbdMirroring.SetMode(io, RbdMirrorMode.Image);
                    foreach (var (imageId, _) in DirectoryIds())
                    {
                        if (!HasJournaling(imageId))
                        {
                            continue;
                        }

                        if (images.TryGetValue(imageId, out var entry))
                        {
                            if (entry.Mode != RbdMirrorImageMode.Journal)
                            {
                                throw StorageErrors.Create(Errno.EINVAL, op, null);
                            }

                            continue;
                        }

                        EmulatedRbdMirroring.PutImage(io, imageId, new EmulatedRbdMirroring.ImageEntry(Guid.NewGuid().ToString(), RbdMirrorImageMode.Journal, true));
                    }

                    EmulatedRbdMirroring.SetMode(io, mode);
                    return;
                default:
                    EmulatedRbdMirroring.SetMode(io, mode);
                    return;
            }
        }
    }

    /// <inheritdoc />
    public string GetMirrorUuid()
    {
        const string op = "rbd_mirror_uuid_get";
        Live(op);
        return EmulatedRbdMirroring.Uuid(io) ?? throw StorageErrors.Create(Errno.ENOENT, op, null);
    }

    /// <inheritdoc />
    public string GetMirrorSiteName()
    {
        Live("rbd_mirror_site_name_get");
        var client = EmulatedRbdMirroring.Client(io);
        return client.Cluster.ConfigKeys.TryGetValue(EmulatedRbdMirroring.SiteNameKey, out byte[]? value)
            ? Encoding.UTF8.GetString(value)
            : client.GetFsid();
    }

    /// <inheritdoc />
    public void SetMirrorSiteName(string siteName)
    {
        RbdArguments.ImageName(siteName, nameof(siteName));
        Live("rbd_mirror_site_name_set");
        var keys = EmulatedRbdMirroring.Client(io).Cluster.ConfigKeys;
        if (siteName.Length == 0)
        {
            // An empty name removes the key: the site is named after the fsid again.
            keys.TryRemove(EmulatedRbdMirroring.SiteNameKey, out _);
        }
        else
        {
            keys[EmulatedRbdMirroring.SiteNameKey] = Encoding.UTF8.GetBytes(siteName);
        }
    }

    /// <inheritdoc />
    public string AddMirrorPeer(string siteName, string clientName, RbdMirrorPeerDirection direction = RbdMirrorPeerDirection.ReceiveTransmit)
    {
        const string op = "rbd_mirror_peer_site_add";
        RbdArguments.ImageName(siteName, nameof(siteName));
        RbdArguments.ImageName(clientName, nameof(clientName));
        Live(op);
        lock (EmulatedRbdMirroring.Gate)
        {
            // librbd refuses transmit-only peers, empty names and a pool without mirroring alike.
            if (direction == RbdMirrorPeerDirection.Transmit || siteName.Length == 0 || clientName.Length == 0 || EmulatedRbdMirroring.Mode(io) == RbdMirrorMode.Disabled)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, siteName);
            }

            if (EmulatedRbdMirroring.Peers(io).Exists(p => p.SiteName == siteName))
            {
                throw StorageErrors.Create(Errno.EEXIST, op, siteName);
            }

            string uuid = Guid.NewGuid().ToString();
            EmulatedRbdMirroring.PutPeer(io, new RbdMirrorPeer(uuid, direction, siteName, "", clientName, DateTimeOffset.UnixEpoch));
            return uuid;
        }
    }

    /// <inheritdoc />
    public void RemoveMirrorPeer(string uuid)
    {
        RbdArguments.ImageName(uuid, nameof(uuid));
        Live("rbd_mirror_peer_site_remove");
        lock (EmulatedRbdMirroring.Gate)
        {
            // Removing an unknown uuid succeeds (measured); the peer's attributes go with it.
            EmulatedRbdMirroring.RemovePeer(io, uuid);
            EmulatedRbdMirroring.Client(io).Cluster.ConfigKeys.TryRemove(EmulatedRbdMirroring.AttributesKey(io, uuid), out _);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<RbdMirrorPeer> ListMirrorPeers()
    {
        Live("rbd_mirror_peer_site_list");
        return EmulatedRbdMirroring.Peers(io);
    }

    /// <inheritdoc />
    public void SetMirrorPeerClientName(string uuid, string clientName)
    {
        RbdArguments.ImageName(uuid, nameof(uuid));
        RbdArguments.ImageName(clientName, nameof(clientName));
        UpdatePeer(uuid, "rbd_mirror_peer_site_set_client_name", peer => peer with { ClientName = clientName });
    }

    /// <inheritdoc />
    public void SetMirrorPeerSiteName(string uuid, string siteName)
    {
        const string op = "rbd_mirror_peer_site_set_name";
        RbdArguments.ImageName(uuid, nameof(uuid));
        RbdArguments.ImageName(siteName, nameof(siteName));
        UpdatePeer(uuid, op, peer => EmulatedRbdMirroring.Peers(io).Exists(p => p.Uuid != uuid && p.SiteName == siteName && siteName.Length > 0)
            ? throw StorageErrors.Create(Errno.EEXIST, op, uuid)
            : peer with { SiteName = siteName });
    }

    /// <inheritdoc />
    public void SetMirrorPeerDirection(string uuid, RbdMirrorPeerDirection direction)
    {
        RbdArguments.ImageName(uuid, nameof(uuid));
        UpdatePeer(uuid, "rbd_mirror_peer_site_set_direction", peer => peer with { Direction = direction });
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> GetMirrorPeerAttributes(string uuid)
    {
        const string op = "rbd_mirror_peer_site_get_attributes";
        RbdArguments.ImageName(uuid, nameof(uuid));
        Live(op);
        // Only the config-key counts: no attributes set yet (or a peer that never existed) is ENOENT.
        return EmulatedRbdMirroring.Client(io).Cluster.ConfigKeys.TryGetValue(EmulatedRbdMirroring.AttributesKey(io, uuid), out byte[]? value)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(value)!
            : throw StorageErrors.Create(Errno.ENOENT, op, uuid);
    }

    /// <inheritdoc />
    public void SetMirrorPeerAttributes(string uuid, IReadOnlyDictionary<string, string> attributes)
    {
        const string op = "rbd_mirror_peer_site_set_attributes";
        RbdArguments.ImageName(uuid, nameof(uuid));
        ArgumentNullException.ThrowIfNull(attributes);
        foreach (var (key, value) in attributes)
        {
            RbdArguments.ImageName(key, nameof(attributes));
            RbdArguments.ImageName(value, nameof(attributes));
        }

        Live(op);
        lock (EmulatedRbdMirroring.Gate)
        {
            if (!EmulatedRbdMirroring.Peers(io).Exists(p => p.Uuid == uuid))
            {
                throw StorageErrors.Create(Errno.ENOENT, op, uuid);
            }

            // The new set replaces the old one whole.
            var sorted = new SortedDictionary<string, string>(attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), StringComparer.Ordinal);
            EmulatedRbdMirroring.Client(io).Cluster.ConfigKeys[EmulatedRbdMirroring.AttributesKey(io, uuid)] = JsonSerializer.SerializeToUtf8Bytes(sorted);
        }
    }

    private void UpdatePeer(string uuid, string operation, Func<RbdMirrorPeer, RbdMirrorPeer> update)
    {
        Live(operation);
        lock (EmulatedRbdMirroring.Gate)
        {
            var peer = EmulatedRbdMirroring.Peers(io).Find(p => p.Uuid == uuid) ?? throw StorageErrors.Create(Errno.ENOENT, operation, uuid);
            EmulatedRbdMirroring.PutPeer(io, update(peer));
        }
    }

    /// <summary>Fails like the io context would on a shut-down client or deleted pool, before any mirroring check.</summary>
    private void Live(string operation) => ((StorageKit.Emulator.Rados.EmulatedRadosIoContext)io).Live(operation);

    private List<(string Id, string Name)> DirectoryIds()
    {
        var result = new List<(string, string)>();
        string after = "";
        while (true)
        {
            RadosOmapPage page;
            try
            {
                page = io.GetOmapValues(RbdLayout.Directory, after, "id_");
            }
            catch (StorageNotFoundException)
            {
                return result;
            }

            foreach (var entry in page.Entries)
            {
                result.Add((entry.Key["id_".Length..], RbdLayout.DecodeString(entry.Value.Span)));
                after = entry.Key;
            }

            if (!page.More || page.Entries.Count == 0)
            {
                return result;
            }
        }
    }

    private bool HasJournaling(string imageId)
        => RbdLayout.OmapValue(io, RbdLayout.Header(imageId), "features") is { Length: >= 8 } value
            && ((RbdFeatures)System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(value.Span) & RbdFeatures.Journaling) != 0;
}
