using System.Globalization;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Object maps of snapshots, as librbd 16 keeps them with object-map and fast-diff (measured byte for byte): a
/// snapshot copies the head's map to <c>rbd_object_map.&lt;id&gt;.&lt;%016x snapshot id&gt;</c> and marks the head's
/// existing objects <c>exists-clean</c> (3) until they are written again; removing a snapshot turns the objects it
/// saw as existing (1) from clean back to existing in the next newer map (snapshot or head); rollback copies the
/// snapshot's map onto the head's.
/// </summary>
internal static partial class EmulatedRbdObjectMap
{
    private const byte ExistsClean = 3;

    public static string SnapshotName(string id, ulong snapshotId) => Name(id) + "." + snapshotId.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>A snapshot's map of <paramref name="objectCount"/> nonexistent objects (object-map enabled after the snapshot).</summary>
    public static void CreateForSnapshot(IRadosIoContext io, string id, ulong snapshotId, long objectCount)
        => io.WriteFull(SnapshotName(id, snapshotId), Encode(objectCount, new byte[StateBytes(objectCount)]));

    /// <summary>At snapshot creation: the head's map is copied for the snapshot, then its existing objects become clean.</summary>
    public static void AddSnapshot(IRadosIoContext io, string id, ulong snapshotId)
    {
        var (objectCount, states) = Read(io, id);
        io.WriteFull(SnapshotName(id, snapshotId), Encode(objectCount, states));
        var head = (byte[])states.Clone();
        for (long objectNumber = 0; objectNumber < objectCount; objectNumber++)
        {
            if (State(head, objectNumber) == Exists)
            {
                SetState(head, objectNumber, ExistsClean);
            }
        }

        io.WriteFull(Name(id), Encode(objectCount, head));
    }

    /// <summary>
    /// At snapshot removal: objects existing in the removed snapshot's map and clean in the next newer map
    /// (<paramref name="nextSnapshotId"/>, null for the head) become existing there; the snapshot's map goes.
    /// </summary>
    public static void RemoveSnapshot(IRadosIoContext io, string id, ulong snapshotId, ulong? nextSnapshotId)
    {
        string removedName = SnapshotName(id, snapshotId);
        string nextName = nextSnapshotId is ulong next ? SnapshotName(id, next) : Name(id);
        if (TryRead(io, removedName) is var (removedCount, removed) && TryRead(io, nextName) is var (nextCount, newer))
        {
            bool changed = false;
            for (long objectNumber = 0; objectNumber < Math.Min(removedCount, nextCount); objectNumber++)
            {
                if (State(removed, objectNumber) == Exists && State(newer, objectNumber) == ExistsClean)
                {
                    SetState(newer, objectNumber, Exists);
                    changed = true;
                }
            }

            if (changed)
            {
                io.WriteFull(nextName, Encode(nextCount, newer));
            }
        }

        RemoveIfExists(io, removedName);
    }

    /// <summary>
    /// Removes a map object through the metadata io context (<paramref name="io"/>, no snapshot context, like
    /// librbd's <c>md_ctx</c>), so no RADOS clone or whiteout of it is left behind.
    /// </summary>
    public static void RemoveIfExists(IRadosIoContext io, string objectName)
    {
        try
        {
            io.Remove(objectName);
        }
        catch (StorageNotFoundException)
        {
            // Never created (object-map enabled later, or already gone).
        }
    }

    /// <summary>At rollback: the head's map becomes the snapshot's, as it is.</summary>
    public static void Rollback(IRadosIoContext io, string id, ulong snapshotId)
    {
        if (TryRead(io, SnapshotName(id, snapshotId)) is var (objectCount, states))
        {
            io.WriteFull(Name(id), Encode(objectCount, states));
        }
    }

    private static (long ObjectCount, byte[] States)? TryRead(IRadosIoContext io, string objectName)
    {
        try
        {
            var buffer = new byte[io.Stat(objectName).Size];
            io.Read(objectName, buffer, 0);
            return Decode(buffer);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    private static byte State(byte[] states, long objectNumber) => (byte)((states[objectNumber / 4] >> (6 - (2 * (int)(objectNumber % 4)))) & 3);

    private static void SetState(byte[] states, long objectNumber, byte state)
    {
        int shift = 6 - (2 * (int)(objectNumber % 4));
        ref byte cell = ref states[objectNumber / 4];
        cell = (byte)((cell & ~(3 << shift)) | (state << shift));
    }
}
