using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// An image's snapshots as the emulator keeps them in its <c>rbd_header.&lt;id&gt;</c> omap, under librbd's key
/// names: <c>snapshot_&lt;%016x id&gt;</c> per snapshot (the value in the emulator's own encoding, not cls_rbd's),
/// <c>snap_seq</c> (the newest snapshot id the image allocated) and <c>snap_limit</c> (absent when unlimited).
/// The ids are self-managed snapshot ids of the pool, so the data objects carry them as RADOS snapshots.
/// </summary>
internal static class EmulatedRbdSnapshots
{
    public const string KeyPrefix = "snapshot_";
    public const string SequenceKey = "snap_seq";
    public const string LimitKey = "snap_limit";

    /// <summary>
    /// Serializes snapshot metadata changes (create, remove, rename, protect, limit) of every emulated image, so
    /// two handles cannot both pass a check (name free, under the limit) before either writes; cls_rbd gets the
    /// same effect from running each method under the header object's lock.
    /// </summary>
    public static Lock Gate { get; } = new();

    public static string Key(ulong snapshotId) => KeyPrefix + snapshotId.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The snapshots of image <paramref name="imageId"/>, oldest (lowest id) first; ENOENT for <paramref name="operation"/> when the header is gone.</summary>
    public static List<RbdSnapshotInfo> List(IRadosIoContext io, string imageId, string operation, string name)
    {
        var snapshots = new List<RbdSnapshotInfo>();
        string after = "";
        while (true)
        {
            RadosOmapPage page;
            try
            {
                page = io.GetOmapValues(RbdLayout.Header(imageId), after, KeyPrefix);
            }
            catch (StorageNotFoundException)
            {
                throw StorageErrors.Create(Errno.ENOENT, operation, name);
            }

            foreach (var entry in page.Entries)
            {
                snapshots.Add(Decode(entry.Value.Span));
                after = entry.Key;
            }

            if (!page.More || page.Entries.Count == 0)
            {
                // %016x keys sort by id, and ids grow with time.
                return snapshots;
            }
        }
    }

    /// <summary>
    /// The snapshot called <paramref name="snapshotName"/>, the user namespace's first (a user snapshot may share its
    /// name with a group snapshot's image snapshot), or null.
    /// </summary>
    public static RbdSnapshotInfo? Find(IRadosIoContext io, string imageId, string snapshotName, string operation, string name)
    {
        var snapshots = List(io, imageId, operation, name);
        return snapshots.Find(s => s.Name == snapshotName && s.NamespaceType == RbdSnapshotNamespaceType.User) ?? snapshots.Find(s => s.Name == snapshotName);
    }

    /// <summary>The snapshot with id <paramref name="snapshotId"/>, or null.</summary>
    public static RbdSnapshotInfo? Find(IRadosIoContext io, string imageId, ulong snapshotId)
        => RbdLayout.OmapValue(io, RbdLayout.Header(imageId), Key(snapshotId)) is { } value ? Decode(value.Span) : null;

    /// <summary>Adds or replaces the record of <paramref name="snapshot"/>.</summary>
    public static void Put(IRadosIoContext io, string imageId, RbdSnapshotInfo snapshot)
        => io.SetOmap(RbdLayout.Header(imageId), new Dictionary<string, ReadOnlyMemory<byte>> { [Key(snapshot.Id)] = Encode(snapshot) });

    /// <summary>The image's <c>snap_seq</c>: the newest snapshot id it allocated (0 before the first).</summary>
    public static ulong Sequence(IRadosIoContext io, string imageId)
        => RbdLayout.OmapValue(io, RbdLayout.Header(imageId), SequenceKey) is { Length: >= 8 } value ? BinaryPrimitives.ReadUInt64LittleEndian(value.Span) : 0;

    /// <summary>The snapshot limit (<c>snap_limit</c>), <see cref="ulong.MaxValue"/> when none is set.</summary>
    public static ulong Limit(IRadosIoContext io, string imageId)
        => RbdLayout.OmapValue(io, RbdLayout.Header(imageId), LimitKey) is { Length: >= 8 } value ? BinaryPrimitives.ReadUInt64LittleEndian(value.Span) : ulong.MaxValue;

    /// <summary>
    /// The snapshot context data writes of the image carry: its <c>snap_seq</c> and its snapshot ids, newest first,
    /// as librbd sets on its <c>data_ctx</c> after every header refresh.
    /// </summary>
    public static (ulong Sequence, ulong[] Snapshots) WriteContext(IRadosIoContext io, string imageId, string operation, string name)
    {
        ulong[] ids = [.. List(io, imageId, operation, name).Select(s => s.Id).OrderDescending()];
        ulong sequence = Sequence(io, imageId);
        return (ids.Length > 0 ? Math.Max(sequence, ids[0]) : sequence, ids);
    }

    private static byte[] Encode(RbdSnapshotInfo snapshot)
    {
        byte[] name = Encoding.UTF8.GetBytes(snapshot.Name);
        var encoded = new byte[8 + 8 + 8 + 4 + 1 + 1 + 4 + name.Length];
        var span = encoded.AsSpan();
        long ticks = snapshot.Timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        BinaryPrimitives.WriteUInt64LittleEndian(span, snapshot.Id);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], snapshot.Size);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest));
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], (int)(rest * 100));
        span[28] = (byte)snapshot.NamespaceType;
        span[29] = snapshot.IsProtected ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(span[30..], name.Length);
        name.CopyTo(span[34..]);
        return encoded;
    }

    private static RbdSnapshotInfo Decode(ReadOnlySpan<byte> encoded)
    {
        ulong id = BinaryPrimitives.ReadUInt64LittleEndian(encoded);
        long size = BinaryPrimitives.ReadInt64LittleEndian(encoded[8..]);
        long seconds = BinaryPrimitives.ReadInt64LittleEndian(encoded[16..]);
        int nanoseconds = BinaryPrimitives.ReadInt32LittleEndian(encoded[24..]);
        var timestamp = DateTimeOffset.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100));
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(encoded[30..]);
        string name = Encoding.UTF8.GetString(encoded.Slice(34, nameLength));
        return new RbdSnapshotInfo(id, name, size, timestamp, (RbdSnapshotNamespaceType)encoded[28], encoded[29] != 0);
    }
}
