using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// RBD groups as the emulator lays them out on RADOS, under librbd's object and key names: the
/// <c>rbd_group_directory</c> object (omap <c>name_&lt;name&gt;</c> → id, <c>id_&lt;id&gt;</c> → name), one
/// <c>rbd_group_header.&lt;id&gt;</c> object per group (omap <c>image_&lt;%016x pool&gt;_&lt;image id&gt;</c> per image,
/// <c>snapshot_&lt;group snapshot id&gt;</c> per group snapshot) and an <c>rbd_group_ref</c> key in each member image's header.
/// Values are in the emulator's own encoding, not cls_rbd's.
/// </summary>
internal static class EmulatedRbdGroups
{
    public const string Directory = "rbd_group_directory";
    public const string ImageKeyPrefix = "image_";
    public const string SnapshotKeyPrefix = "snapshot_";

    /// <summary>The key in an image header naming the image's group (cls_rbd's <c>RBD_GROUP_REF</c>).</summary>
    public const string GroupRefKey = "rbd_group_ref";

    /// <summary>The <c>RBD_OPERATION_FEATURE_GROUP</c> bit of <c>op_features</c>.</summary>
    public const ulong OpGroup = 1UL << 2;

    public static string Header(string groupId) => "rbd_group_header." + groupId;

    public static string ImageKey(long poolId, string imageId) => ImageKeyPrefix + poolId.ToString("x16", CultureInfo.InvariantCulture) + "_" + imageId;

    /// <summary>The name librbd gives a group snapshot's snapshot on each member image.</summary>
    public static string ImageSnapshotName(long groupPoolId, string groupId, string groupSnapshotId)
        => string.Create(CultureInfo.InvariantCulture, $".group.{groupPoolId}_{groupId}_{groupSnapshotId}");

    /// <summary>Splits an image snapshot name of <see cref="ImageSnapshotName"/> back into its parts.</summary>
    public static (long PoolId, string GroupId, string GroupSnapshotId)? ParseImageSnapshotName(string name)
    {
        const string prefix = ".group.";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string[] parts = name[prefix.Length..].Split('_');
        return parts.Length == 3 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long pool) ? (pool, parts[1], parts[2]) : null;
    }

    /// <summary>One group image entry: the image's pool and id, and whether it is attached.</summary>
    public sealed record ImageEntry(long PoolId, string ImageId, RbdGroupImageState State);

    /// <summary>One image snapshot of a group snapshot.</summary>
    public sealed record ImageSnapshot(long PoolId, string ImageId, ulong SnapshotId);

    /// <summary>One group snapshot record.</summary>
    public sealed record Snapshot(string Id, string Name, RbdGroupSnapshotState State, IReadOnlyList<ImageSnapshot> Images);

    public static List<ImageEntry> Images(IRadosIoContext io, string groupId)
    {
        var images = new List<ImageEntry>();
        foreach (var (key, value) in Omap(io, Header(groupId), ImageKeyPrefix))
        {
            string rest = key[ImageKeyPrefix.Length..];
            long pool = long.Parse(rest[..16], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            images.Add(new ImageEntry(pool, rest[17..], (RbdGroupImageState)BinaryPrimitives.ReadUInt64LittleEndian(value)));
        }

        return images;
    }

    public static void SetImage(IRadosIoContext io, string groupId, long poolId, string imageId, RbdGroupImageState state)
        => io.SetOmap(Header(groupId), new Dictionary<string, ReadOnlyMemory<byte>> { [ImageKey(poolId, imageId)] = RbdLayout.EncodeUInt64((ulong)state) });

    public static List<Snapshot> Snapshots(IRadosIoContext io, string groupId)
    {
        var snapshots = new List<Snapshot>();
        foreach (var (key, value) in Omap(io, Header(groupId), SnapshotKeyPrefix))
        {
            snapshots.Add(DecodeSnapshot(key[SnapshotKeyPrefix.Length..], value));
        }

        return snapshots;
    }

    public static void PutSnapshot(IRadosIoContext io, string groupId, Snapshot snapshot)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(snapshot.Name);
            writer.Write((byte)snapshot.State);
            writer.Write(snapshot.Images.Count);
            foreach (var image in snapshot.Images)
            {
                writer.Write(image.PoolId);
                writer.Write(image.ImageId);
                writer.Write(image.SnapshotId);
            }
        }

        io.SetOmap(Header(groupId), new Dictionary<string, ReadOnlyMemory<byte>> { [SnapshotKeyPrefix + snapshot.Id] = stream.ToArray() });
    }

    /// <summary>The (pool, group id) an image header names in its <c>group</c> key, or null.</summary>
    public static (long PoolId, string GroupId)? GroupOf(IRadosIoContext io, string imageId)
    {
        if (RbdLayout.OmapValue(io, RbdLayout.Header(imageId), GroupRefKey) is not { } value)
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt64LittleEndian(value.Span), RbdLayout.DecodeString(value.Span[8..]));
    }

    /// <summary>Writes (or with null removes) an image's group reference, with the Group operation feature.</summary>
    public static void SetGroupOf(IRadosIoContext io, string imageId, (long PoolId, string GroupId)? group)
    {
        if (group is { } g)
        {
            byte[] text = RbdLayout.EncodeString(g.GroupId);
            var value = new byte[8 + text.Length];
            BinaryPrimitives.WriteInt64LittleEndian(value, g.PoolId);
            text.CopyTo(value, 8);
            io.SetOmap(RbdLayout.Header(imageId), new Dictionary<string, ReadOnlyMemory<byte>> { [GroupRefKey] = value });
        }
        else
        {
            io.RemoveOmapKeys(RbdLayout.Header(imageId), [GroupRefKey]);
        }

        ulong opFeatures = EmulatedRbdParents.ReadUInt64Key(io, imageId, EmulatedRbdParents.OpFeaturesKey);
        opFeatures = group is null ? opFeatures & ~OpGroup : opFeatures | OpGroup;
        EmulatedRbdParents.WriteUInt64Key(io, imageId, EmulatedRbdParents.OpFeaturesKey, opFeatures);
        ulong features = EmulatedRbdParents.ReadUInt64Key(io, imageId, "features");
        features = opFeatures == 0 ? features & ~EmulatedRbdParents.FeatureOperations : features | EmulatedRbdParents.FeatureOperations;
        EmulatedRbdParents.WriteUInt64Key(io, imageId, "features", features);
    }

    private static Snapshot DecodeSnapshot(string id, byte[] value)
    {
        using var reader = new BinaryReader(new MemoryStream(value), Encoding.UTF8);
        string name = reader.ReadString();
        var state = (RbdGroupSnapshotState)reader.ReadByte();
        int count = reader.ReadInt32();
        var images = new List<ImageSnapshot>(count);
        for (int i = 0; i < count; i++)
        {
            images.Add(new ImageSnapshot(reader.ReadInt64(), reader.ReadString(), reader.ReadUInt64()));
        }

        return new Snapshot(id, name, state, images);
    }

    /// <summary>The omap entries of <paramref name="objectName"/> under <paramref name="prefix"/> in key order; none when the object is gone.</summary>
    private static List<(string Key, byte[] Value)> Omap(IRadosIoContext io, string objectName, string prefix)
    {
        var entries = new List<(string, byte[])>();
        string after = "";
        while (true)
        {
            RadosOmapPage page;
            try
            {
                page = io.GetOmapValues(objectName, after, prefix);
            }
            catch (StorageNotFoundException)
            {
                return entries;
            }

            foreach (var entry in page.Entries)
            {
                entries.Add((entry.Key, entry.Value.ToArray()));
                after = entry.Key;
            }

            if (!page.More || page.Entries.Count == 0)
            {
                return entries;
            }
        }
    }
}
