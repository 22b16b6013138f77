using System.Buffers.Binary;
using System.Text;
using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// The RBD trash as librbd 16 keeps it: moving an image takes it out of <c>rbd_directory</c> and drops
/// <c>rbd_id.&lt;name&gt;</c>, keeps header and data, and records it in the <c>rbd_trash</c> omap under
/// <c>id_&lt;id&gt;</c> (<c>cls::rbd::TrashImageSpec</c>: source, name, deletion and deferment end times, state).
/// Deferment is judged by the cluster clock.
/// </summary>
internal sealed partial class EmulatedRbdClient
{
    private const string TrashObject = "rbd_trash";

    /// <inheritdoc />
    public void MoveToTrash(string name, TimeSpan delay = default)
    {
        RbdArguments.ImageName(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        lock (_gate)
        {
            string id = IdOf(name, "rbd_trash_move");
            EmulatedRbdHeader.Read(io, id, "rbd_trash_move", name);
            var now = Now;
            var entry = new TrashEntry(RbdTrashImageSource.User, name, now, now + TimeSpan.FromSeconds(Math.Floor(delay.TotalSeconds)));
            io.SetOmap(TrashObject, new Dictionary<string, ReadOnlyMemory<byte>> { [RbdLayout.IdKey(id)] = entry.Encode() });
            io.RemoveOmapKeys(RbdLayout.Directory, [RbdLayout.NameKey(name), RbdLayout.IdKey(id)]);
            io.Remove(RbdLayout.IdObject(name));
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<RbdTrashImageInfo> ListTrash()
    {
        IReadOnlyDictionary<string, ReadOnlyMemory<byte>> entries;
        try
        {
            entries = io.GetAllOmapValues(TrashObject, "", "id_");
        }
        catch (StorageNotFoundException)
        {
            return [];
        }

        return [.. entries.Select(e => TrashEntry.Decode(e.Value.Span).ToInfo(e.Key["id_".Length..]))];
    }

    /// <inheritdoc />
    public RbdTrashImageInfo GetTrash(string id)
    {
        RbdArguments.ImageName(id, nameof(id));
        return FindTrash(id, "rbd_trash_get").ToInfo(id);
    }

    /// <inheritdoc />
    public void RestoreFromTrash(string id, string name = "")
    {
        RbdArguments.ImageName(id, nameof(id));
        RbdArguments.ImageName(name);
        lock (_gate)
        {
            var entry = FindTrash(id, "rbd_trash_restore");
            string restored = name.Length == 0 ? entry.Name : name;
            if (RbdLayout.OmapValue(io, RbdLayout.Directory, RbdLayout.NameKey(restored)) is not null || Exists(RbdLayout.IdObject(restored)))
            {
                throw StorageErrors.Create(Errno.EEXIST, "rbd_trash_restore", id);
            }

            io.WriteFull(RbdLayout.IdObject(restored), RbdLayout.EncodeString(id));
            io.SetOmap(RbdLayout.Directory, new Dictionary<string, ReadOnlyMemory<byte>>
            {
                [RbdLayout.NameKey(restored)] = RbdLayout.EncodeString(id),
                [RbdLayout.IdKey(id)] = RbdLayout.EncodeString(restored),
            });
            io.RemoveOmapKeys(TrashObject, [RbdLayout.IdKey(id)]);
        }
    }

    /// <inheritdoc />
    public void RemoveFromTrash(string id, bool force = false, IProgress<RbdProgress>? progress = null)
    {
        RbdArguments.ImageName(id, nameof(id));
        string operation = progress is null ? "rbd_trash_remove" : "rbd_trash_remove_with_progress";
        var relay = new EmulatedRbdProgress(progress);
        lock (_gate)
        {
            var entry = FindTrash(id, operation);
            if (!force && Now < entry.DefermentEnd)
            {
                throw StorageErrors.Create(Errno.EPERM, operation, id);
            }

            DeleteTrashed(id, entry.Name, operation, relay);
        }

        relay.ThrowIfFailed();
    }

    /// <inheritdoc />
    public void PurgeTrash(DateTimeOffset expiresBefore, float threshold = -1, IProgress<RbdProgress>? progress = null)
    {
        string operation = progress is null ? "rbd_trash_purge" : "rbd_trash_purge_with_progress";
        long expire = expiresBefore.ToUnixTimeSeconds();
        var relay = new EmulatedRbdProgress(progress);
        lock (_gate)
        {
            var expired = ListTrash().Where(t => t.Source is RbdTrashImageSource.User or RbdTrashImageSource.UserParent
                && t.DefermentEndTime.ToUnixTimeSeconds() < expire).ToList();
            for (int i = 0; i < expired.Count; i++)
            {
                DeleteTrashed(expired[i].Id, expired[i].Name, operation, new EmulatedRbdProgress(null));
                relay.Report(i, expired.Count);
            }
        }

        relay.ThrowIfFailed();
    }

    private DateTimeOffset Now => ((EmulatedRadosIoContext)io).Time.GetUtcNow();

    private TrashEntry FindTrash(string id, string operation)
        => RbdLayout.OmapValue(io, TrashObject, RbdLayout.IdKey(id)) is { } value
            ? TrashEntry.Decode(value.Span)
            : throw StorageErrors.Create(Errno.ENOENT, operation, id);

    /// <summary>The trashed image's name by id, for <c>rbd_open_by_id</c> (librbd falls back to the trash).</summary>
    private string? TrashedName(string id)
        => RbdLayout.OmapValue(io, TrashObject, RbdLayout.IdKey(id)) is { } value ? TrashEntry.Decode(value.Span).Name : null;

    /// <summary>An image's name by id from the directory, else from the trash (then <c>InTrash</c>), else "" (as librbd reports linked images).</summary>
    internal static (string Name, bool InTrash) NameById(IRadosIoContext io, string id)
    {
        if (RbdLayout.OmapValue(io, RbdLayout.Directory, RbdLayout.IdKey(id)) is { } name)
        {
            return (RbdLayout.DecodeString(name.Span), false);
        }

        return RbdLayout.OmapValue(io, TrashObject, RbdLayout.IdKey(id)) is { } entry ? (TrashEntry.Decode(entry.Span).Name, true) : ("", false);
    }

    /// <summary>librbd's removal of a trashed image: refused with snapshots (ENOTEMPTY) or watchers (EBUSY), then data, object map, header and the trash entry go.</summary>
    private void DeleteTrashed(string id, string name, string operation, EmulatedRbdProgress relay)
    {
        var header = EmulatedRbdHeader.Read(io, id, operation, id);
        if (EmulatedRbdSnapshots.List(io, id, operation, name).Count > 0)
        {
            throw StorageErrors.Create(Errno.ENOTEMPTY, operation, id);
        }

        if (io.ListWatchers(RbdLayout.Header(id)).Count > 0)
        {
            throw StorageErrors.Create(Errno.EBUSY, operation, id);
        }

        lock (EmulatedRbdParents.Gate)
        {
            // A clone leaves its parent's children.
            Detach(io, id);
        }

        long objectCount = header.ObjectCount;
        for (long objectNumber = 0; objectNumber < objectCount; objectNumber++)
        {
            RemoveIfExists(RbdLayout.DataObject(id, objectNumber));
            relay.Report(objectNumber, objectCount);
        }

        RemoveIfExists(EmulatedRbdObjectMap.Name(id));
        RemoveIfExists(RbdLayout.Header(id));
        io.RemoveOmapKeys(TrashObject, [RbdLayout.IdKey(id)]);
    }

    /// <summary><c>cls::rbd::TrashImageSpec</c>, encoded version 2 (compat 1).</summary>
    private readonly record struct TrashEntry(RbdTrashImageSource Source, string Name, DateTimeOffset DeletionTime, DateTimeOffset DefermentEnd)
    {
        public byte[] Encode()
        {
            byte[] name = Encoding.UTF8.GetBytes(Name);
            int length = 1 + 4 + name.Length + 8 + 8 + 1;
            var encoded = new byte[6 + length];
            encoded[0] = 2;
            encoded[1] = 1;
            BinaryPrimitives.WriteInt32LittleEndian(encoded.AsSpan(2), length);
            encoded[6] = (byte)Source;
            BinaryPrimitives.WriteInt32LittleEndian(encoded.AsSpan(7), name.Length);
            name.CopyTo(encoded, 11);
            WriteTime(encoded.AsSpan(11 + name.Length), DeletionTime);
            WriteTime(encoded.AsSpan(19 + name.Length), DefermentEnd);
            return encoded;
        }

        public static TrashEntry Decode(ReadOnlySpan<byte> encoded)
        {
            var source = (RbdTrashImageSource)encoded[6];
            int nameLength = BinaryPrimitives.ReadInt32LittleEndian(encoded[7..]);
            string name = Encoding.UTF8.GetString(encoded.Slice(11, nameLength));
            return new TrashEntry(source, name, ReadTime(encoded[(11 + nameLength)..]), ReadTime(encoded[(19 + nameLength)..]));
        }

        public RbdTrashImageInfo ToInfo(string id)
            => new(id, Name, Source, Seconds(DeletionTime), Seconds(DefermentEnd));

        private static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

        private static void WriteTime(Span<byte> target, DateTimeOffset time)
        {
            long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            BinaryPrimitives.WriteUInt32LittleEndian(target, (uint)(ticks / TimeSpan.TicksPerSecond));
            BinaryPrimitives.WriteUInt32LittleEndian(target[4..], (uint)(ticks % TimeSpan.TicksPerSecond * 100));
        }

        private static DateTimeOffset ReadTime(ReadOnlySpan<byte> source)
            => DateTimeOffset.UnixEpoch.AddTicks(BinaryPrimitives.ReadUInt32LittleEndian(source) * TimeSpan.TicksPerSecond
                + BinaryPrimitives.ReadUInt32LittleEndian(source[4..]) / 100);
    }
}
