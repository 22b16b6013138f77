using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// A pool's mirroring state where librbd keeps it: the <c>rbd_mirroring</c> object's omap with <c>mirror_mode</c>
/// (le32, as cls_rbd) and <c>mirror_uuid</c>, one <c>mirror_peer_&lt;uuid&gt;</c> per peer, one
/// <c>image_&lt;id&gt;</c> per mirrored image and <c>global_&lt;global id&gt;</c> back to the image id (the peer and
/// image values in the emulator's own JSON encoding, not cls_rbd's); peer attributes and the site name in the
/// monitors' config-key store (<c>rbd/mirror/peer/&lt;pool id&gt;/&lt;uuid&gt;</c>, <c>rbd/mirror/site_name</c>).
/// Not emulated: journals, the mirror daemon and its status objects (every image reports "status not found").
/// </summary>
internal static class EmulatedRbdMirroring
{
    public const string Object = "rbd_mirroring";
    public const string ModeKey = "mirror_mode";
    public const string UuidKey = "mirror_uuid";
    public const string PeerPrefix = "mirror_peer_";
    public const string ImagePrefix = "image_";
    public const string GlobalPrefix = "global_";
    public const string SiteNameKey = "rbd/mirror/site_name";

    /// <summary>Serializes every mirroring change of the emulator, as cls_rbd runs each method under the object's lock.</summary>
    public static Lock Gate { get; } = new();

    /// <summary>
    /// A mirrored image: its global id, mode, whether this site's copy is primary, and the mirror snapshots taken
    /// while the pool had no peers (librbd records no peer uuids in them and unlinks them, removing them, as soon
    /// as a snapshot for real peers is taken).
    /// </summary>
    public sealed record ImageEntry(string GlobalId, RbdMirrorImageMode Mode, bool Primary, IReadOnlyList<ulong>? Peerless = null);

    private sealed record PeerEntry(RbdMirrorPeerDirection Direction, string SiteName, string ClientName);

    public static RbdMirrorMode Mode(IRadosIoContext io)
        => RbdLayout.OmapValue(io, Object, ModeKey) is { Length: >= 4 } value ? (RbdMirrorMode)BinaryPrimitives.ReadInt32LittleEndian(value.Span) : RbdMirrorMode.Disabled;

    public static string? Uuid(IRadosIoContext io)
        => RbdLayout.OmapValue(io, Object, UuidKey) is { } value ? Encoding.UTF8.GetString(value.Span) : null;

    public static void SetMode(IRadosIoContext io, RbdMirrorMode mode)
    {
        var values = new Dictionary<string, ReadOnlyMemory<byte>>();
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)mode);
        values[ModeKey] = bytes;
        if (Uuid(io) is null)
        {
            values[UuidKey] = Encoding.UTF8.GetBytes(Guid.NewGuid().ToString());
        }

        io.SetOmap(Object, values);
    }

    /// <summary>Back to disabled: librbd drops the mode and the pool's mirror uuid (measured: ENOENT after).</summary>
    public static void Disable(IRadosIoContext io) => io.RemoveOmapKeys(Object, [ModeKey, UuidKey]);

    public static Dictionary<string, ReadOnlyMemory<byte>> Entries(IRadosIoContext io, string prefix)
    {
        var entries = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        string after = "";
        while (true)
        {
            RadosOmapPage page;
            try
            {
                page = io.GetOmapValues(Object, after, prefix);
            }
            catch (StorageNotFoundException)
            {
                return entries;
            }

            foreach (var entry in page.Entries)
            {
                entries[entry.Key] = entry.Value;
                after = entry.Key;
            }

            if (!page.More || page.Entries.Count == 0)
            {
                return entries;
            }
        }
    }

    public static ImageEntry? Image(IRadosIoContext io, string imageId)
        => RbdLayout.OmapValue(io, Object, ImagePrefix + imageId) is { } value ? JsonSerializer.Deserialize<ImageEntry>(value.Span) : null;

    public static Dictionary<string, ImageEntry> Images(IRadosIoContext io)
        => Entries(io, ImagePrefix).ToDictionary(e => e.Key[ImagePrefix.Length..], e => JsonSerializer.Deserialize<ImageEntry>(e.Value.Span)!, StringComparer.Ordinal);

    public static void PutImage(IRadosIoContext io, string imageId, ImageEntry entry)
        => io.SetOmap(Object, new Dictionary<string, ReadOnlyMemory<byte>>
        {
            [ImagePrefix + imageId] = JsonSerializer.SerializeToUtf8Bytes(entry),
            [GlobalPrefix + entry.GlobalId] = Encoding.UTF8.GetBytes(imageId),
        });

    public static void RemoveImage(IRadosIoContext io, string imageId)
    {
        if (Image(io, imageId) is { } entry)
        {
            io.RemoveOmapKeys(Object, [ImagePrefix + imageId, GlobalPrefix + entry.GlobalId]);
        }
    }

    /// <summary>In pool mode librbd mirrors every new image with the journaling feature (journal mode, primary).</summary>
    public static void OnImageCreated(IRadosIoContext io, string imageId, RbdFeatures features)
    {
        lock (Gate)
        {
            if ((features & RbdFeatures.Journaling) != 0 && Mode(io) == RbdMirrorMode.Pool)
            {
                PutImage(io, imageId, new ImageEntry(Guid.NewGuid().ToString(), RbdMirrorImageMode.Journal, true));
            }
        }
    }

    /// <summary>Removing an image drops its mirroring entry (measured: removal of a mirrored primary succeeds).</summary>
    public static void OnImageRemoved(IRadosIoContext io, string imageId)
    {
        lock (Gate)
        {
            RemoveImage(io, imageId);
        }
    }

    public static List<RbdMirrorPeer> Peers(IRadosIoContext io)
        => Entries(io, PeerPrefix).Select(e =>
        {
            var peer = JsonSerializer.Deserialize<PeerEntry>(e.Value.Span)!;
            return new RbdMirrorPeer(e.Key[PeerPrefix.Length..], peer.Direction, peer.SiteName, "", peer.ClientName, DateTimeOffset.UnixEpoch);
        }).ToList();

    public static void PutPeer(IRadosIoContext io, RbdMirrorPeer peer)
        => io.SetOmap(Object, new Dictionary<string, ReadOnlyMemory<byte>>
        {
            [PeerPrefix + peer.Uuid] = JsonSerializer.SerializeToUtf8Bytes(new PeerEntry(peer.Direction, peer.SiteName, peer.ClientName)),
        });

    public static void RemovePeer(IRadosIoContext io, string uuid) => io.RemoveOmapKeys(Object, [PeerPrefix + uuid]);

    public static EmulatedRadosClient Client(IRadosIoContext io) => ((EmulatedRadosIoContext)io).RbdClient;

    public static string AttributesKey(IRadosIoContext io, string uuid) => $"rbd/mirror/peer/{io.PoolId}/{uuid}";
}
