using System.Text;
using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>Pool-level mirroring: mode, site name, peers.</summary>
internal sealed partial class NativeRbdClient
{
    /// <inheritdoc />
    public RbdMirrorMode GetMirrorMode()
    {
        using var lease = ioContext.Use("rbd_mirror_mode_get", null);
        RadosCall.Check(Interop.Rbd.rbd_mirror_mode_get(lease.Handle, out int mode), "rbd_mirror_mode_get");
        return (RbdMirrorMode)mode;
    }

    /// <inheritdoc />
    public void SetMirrorMode(RbdMirrorMode mode)
    {
        using var lease = ioContext.Use("rbd_mirror_mode_set", null);
        RadosCall.Check(Interop.Rbd.rbd_mirror_mode_set(lease.Handle, (int)mode), "rbd_mirror_mode_set");
    }

    /// <inheritdoc />
    public unsafe string GetMirrorUuid()
    {
        using var lease = ioContext.Use("rbd_mirror_uuid_get", null);
        var handle = lease.Handle;
        var (buffer, _) = RadosCall.WithGrowingBuffer(
            buffer =>
            {
                nuint length = (nuint)buffer.Length;
                fixed (byte* pointer = buffer)
                {
                    return Interop.Rbd.rbd_mirror_uuid_get(handle, pointer, ref length);
                }
            },
            "rbd_mirror_uuid_get",
            null,
            initialSize: 64);
        return NativeText.FromNulTerminated(buffer);
    }

    /// <inheritdoc />
    public unsafe string GetMirrorSiteName()
    {
        using var lease = ioContext.Use("rbd_mirror_site_name_get", null);
        // The io context lease keeps its cluster handle alive for the call.
        nint cluster = Interop.Rbd.rados_ioctx_get_cluster(lease.Handle);
        var (buffer, _) = RadosCall.WithGrowingBuffer(
            buffer =>
            {
                nuint length = (nuint)buffer.Length;
                fixed (byte* pointer = buffer)
                {
                    return Interop.Rbd.rbd_mirror_site_name_get(cluster, pointer, ref length);
                }
            },
            "rbd_mirror_site_name_get",
            null,
            initialSize: 128);
        return NativeText.FromNulTerminated(buffer);
    }

    /// <inheritdoc />
    public void SetMirrorSiteName(string siteName)
    {
        RbdArguments.ImageName(siteName, nameof(siteName));
        using var lease = ioContext.Use("rbd_mirror_site_name_set", siteName);
        nint cluster = Interop.Rbd.rados_ioctx_get_cluster(lease.Handle);
        RadosCall.Check(Interop.Rbd.rbd_mirror_site_name_set(cluster, siteName), "rbd_mirror_site_name_set", siteName);
    }

    /// <inheritdoc />
    public unsafe string AddMirrorPeer(string siteName, string clientName, RbdMirrorPeerDirection direction = RbdMirrorPeerDirection.ReceiveTransmit)
    {
        RbdArguments.ImageName(siteName, nameof(siteName));
        RbdArguments.ImageName(clientName, nameof(clientName));
        using var lease = ioContext.Use("rbd_mirror_peer_site_add", siteName);
        var uuid = new byte[64];
        fixed (byte* pointer = uuid)
        {
            RadosCall.Check(Interop.Rbd.rbd_mirror_peer_site_add(lease.Handle, pointer, (nuint)uuid.Length, (int)direction, siteName, clientName), "rbd_mirror_peer_site_add", siteName);
        }

        return NativeText.FromNulTerminated(uuid);
    }

    /// <inheritdoc />
    public void RemoveMirrorPeer(string uuid)
    {
        RbdArguments.ImageName(uuid, nameof(uuid));
        using var lease = ioContext.Use("rbd_mirror_peer_site_remove", uuid);
        RadosCall.Check(Interop.Rbd.rbd_mirror_peer_site_remove(lease.Handle, uuid), "rbd_mirror_peer_site_remove", uuid);
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<RbdMirrorPeer> ListMirrorPeers()
    {
        using var lease = ioContext.Use("rbd_mirror_peer_site_list", null);
        int max = 8;
        while (true)
        {
            var peers = new Interop.Rbd.MirrorPeerSite[max];
            int count = max;
            fixed (Interop.Rbd.MirrorPeerSite* pointer = peers)
            {
                int returnCode = Interop.Rbd.rbd_mirror_peer_site_list(lease.Handle, pointer, ref count);
                if (returnCode == -(int)Errno.ERANGE && count > max)
                {
                    max = count;
                    continue;
                }

                RadosCall.Check(returnCode, "rbd_mirror_peer_site_list");
                try
                {
                    var result = new List<RbdMirrorPeer>(count);
                    for (int i = 0; i < count; i++)
                    {
                        var peer = pointer[i];
                        result.Add(new RbdMirrorPeer(
                            Text(peer.Uuid),
                            (RbdMirrorPeerDirection)peer.Direction,
                            Text(peer.SiteName),
                            Text(peer.MirrorUuid),
                            Text(peer.ClientName),
                            DateTimeOffset.FromUnixTimeSeconds(peer.LastSeen)));
                    }

                    return result;
                }
                finally
                {
                    Interop.Rbd.rbd_mirror_peer_site_list_cleanup(pointer, count);
                }
            }
        }
    }

    /// <inheritdoc />
    public void SetMirrorPeerClientName(string uuid, string clientName)
    {
        RbdArguments.ImageName(uuid, nameof(uuid));
        RbdArguments.ImageName(clientName, nameof(clientName));
        using var lease = ioContext.Use("rbd_mirror_peer_site_set_client_name", uuid);
        RadosCall.Check(Interop.Rbd.rbd_mirror_peer_site_set_client_name(lease.Handle, uuid, clientName), "rbd_mirror_peer_site_set_client_name", uuid);
    }

    /// <inheritdoc />
    public void SetMirrorPeerSiteName(string uuid, string siteName)
    {
        RbdArguments.ImageName(uuid, nameof(uuid));
        RbdArguments.ImageName(siteName, nameof(siteName));
        using var lease = ioContext.Use("rbd_mirror_peer_site_set_name", uuid);
        RadosCall.Check(Interop.Rbd.rbd_mirror_peer_site_set_name(lease.Handle, uuid, siteName), "rbd_mirror_peer_site_set_name", uuid);
    }

    /// <inheritdoc />
    public void SetMirrorPeerDirection(string uuid, RbdMirrorPeerDirection direction)
    {
        RbdArguments.ImageName(uuid, nameof(uuid));
        using var lease = ioContext.Use("rbd_mirror_peer_site_set_direction", uuid);
        RadosCall.Check(Interop.Rbd.rbd_mirror_peer_site_set_direction(lease.Handle, uuid, (int)direction), "rbd_mirror_peer_site_set_direction", uuid);
    }

    /// <inheritdoc />
    public unsafe IReadOnlyDictionary<string, string> GetMirrorPeerAttributes(string uuid)
    {
        RbdArguments.ImageName(uuid, nameof(uuid));
        using var lease = ioContext.Use("rbd_mirror_peer_site_get_attributes", uuid);
        nuint keyLength = 256;
        nuint valueLength = 256;
        while (true)
        {
            var keys = new byte[(int)keyLength];
            var values = new byte[(int)valueLength];
            nuint requestedKeys = keyLength;
            nuint requestedValues = valueLength;
            int returnCode;
            nuint count;
            fixed (byte* keyPointer = keys)
            fixed (byte* valuePointer = values)
            {
                returnCode = Interop.Rbd.rbd_mirror_peer_site_get_attributes(lease.Handle, uuid, keyPointer, ref keyLength, valuePointer, ref valueLength, out count);
            }

            if (returnCode == -(int)Errno.ERANGE && (keyLength > requestedKeys || valueLength > requestedValues))
            {
                continue;
            }

            RadosCall.Check(returnCode, "rbd_mirror_peer_site_get_attributes", uuid);
            var keyList = SplitNul(keys, (int)keyLength);
            var valueList = SplitNul(values, (int)valueLength);
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < (int)count && i < keyList.Count && i < valueList.Count; i++)
            {
                result[keyList[i]] = valueList[i];
            }

            return result;
        }
    }

    /// <inheritdoc />
    public unsafe void SetMirrorPeerAttributes(string uuid, IReadOnlyDictionary<string, string> attributes)
    {
        RbdArguments.ImageName(uuid, nameof(uuid));
        ArgumentNullException.ThrowIfNull(attributes);
        var keys = new List<byte>();
        var values = new List<byte>();
        foreach (var (key, value) in attributes)
        {
            RbdArguments.ImageName(key, nameof(attributes));
            RbdArguments.ImageName(value, nameof(attributes));
            keys.AddRange(Encoding.UTF8.GetBytes(key));
            keys.Add(0);
            values.AddRange(Encoding.UTF8.GetBytes(value));
            values.Add(0);
        }

        // Never hand librbd a null buffer, even for no attributes.
        keys.Add(0);
        values.Add(0);
        var keyBytes = keys.ToArray();
        var valueBytes = values.ToArray();
        using var lease = ioContext.Use("rbd_mirror_peer_site_set_attributes", uuid);
        fixed (byte* keyPointer = keyBytes)
        fixed (byte* valuePointer = valueBytes)
        {
            RadosCall.Check(Interop.Rbd.rbd_mirror_peer_site_set_attributes(lease.Handle, uuid, keyPointer, valuePointer, (nuint)attributes.Count), "rbd_mirror_peer_site_set_attributes", uuid);
        }
    }

    private static unsafe string Text(nint pointer) => pointer == 0 ? "" : NativeText.FromNulTerminated((byte*)pointer);

    private static List<string> SplitNul(byte[] buffer, int length)
    {
        var parts = new List<string>();
        int start = 0;
        for (int i = 0; i < length && i < buffer.Length; i++)
        {
            if (buffer[i] == 0)
            {
                parts.Add(Encoding.UTF8.GetString(buffer, start, i - start));
                start = i + 1;
            }
        }

        return parts;
    }
}
