using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rbd;

/// <summary>A clone's link to its parent: pool, namespace, image id, snapshot id and how much still reads through.</summary>
internal sealed record EmulatedParentLink(long PoolId, string PoolNamespace, string ImageId, ulong SnapshotId, long Overlap);

/// <summary>
/// Parent and children records as librbd 16 keeps them (measured on a real pool): the child's header omap key
/// <c>parent</c> (cls_rbd <c>ParentImageSpec</c> plus head overlap, encoding v2: le64 pool, string namespace,
/// string image id, le64 snapshot id, optional le64 overlap); clone format 1 children in the pool's
/// <c>rbd_children</c> omap (key: le64 pool, string parent id, le64 snapshot id, in hex; value: set of child ids); clone
/// format 2 children in the parent header under <c>snap_children_&lt;%016x snapshot id&gt;</c> (the emulator's
/// own value: set of le64 pool, string namespace, string child id) with the clone-parent/clone-child op features.
/// </summary>
internal static class EmulatedRbdParents
{
    public const string ParentKey = "parent";
    public const string ChildrenObject = "rbd_children";
    public const string OpFeaturesKey = "op_features";
    public const ulong FeatureOperations = 1UL << 8;
    public const ulong OpCloneParent = 1;
    public const ulong OpCloneChild = 2;
    public const ulong OpSnapshotTrash = 8;

    /// <summary>Serializes clone bookkeeping (links, children sets) across every emulated image.</summary>
    public static Lock Gate { get; } = new();

    public static string SnapChildrenKey(ulong snapshotId) => "snap_children_" + snapshotId.ToString("x16", CultureInfo.InvariantCulture);

    public static EmulatedParentLink? Read(IRadosIoContext io, string imageId)
    {
        if (RbdLayout.OmapValue(io, RbdLayout.Header(imageId), ParentKey) is not { } value)
        {
            return null;
        }

        var span = value.Span[6..];
        long pool = BinaryPrimitives.ReadInt64LittleEndian(span);
        span = span[8..];
        string nameSpace = ReadString(ref span);
        string parentId = ReadString(ref span);
        ulong snapshot = BinaryPrimitives.ReadUInt64LittleEndian(span);
        span = span[8..];
        long overlap = span.Length >= 9 && span[0] != 0 ? (long)BinaryPrimitives.ReadUInt64LittleEndian(span[1..]) : 0;
        return new EmulatedParentLink(pool, nameSpace, parentId, snapshot, overlap);
    }

    public static void Write(IRadosIoContext io, string imageId, EmulatedParentLink link)
    {
        using var body = new MemoryStream();
        WriteUInt64(body, (ulong)link.PoolId);
        WriteString(body, link.PoolNamespace);
        WriteString(body, link.ImageId);
        WriteUInt64(body, link.SnapshotId);
        body.WriteByte(1);
        WriteUInt64(body, (ulong)link.Overlap);
        var encoded = new byte[6 + body.Length];
        encoded[0] = 2;
        encoded[1] = 2;
        BinaryPrimitives.WriteInt32LittleEndian(encoded.AsSpan(2), (int)body.Length);
        body.ToArray().CopyTo(encoded, 6);
        io.SetOmap(RbdLayout.Header(imageId), new Dictionary<string, ReadOnlyMemory<byte>> { [ParentKey] = encoded });
    }

    public static ulong ReadUInt64Key(IRadosIoContext io, string imageId, string key)
        => RbdLayout.OmapValue(io, RbdLayout.Header(imageId), key) is { Length: >= 8 } value ? BinaryPrimitives.ReadUInt64LittleEndian(value.Span) : 0;

    public static void WriteUInt64Key(IRadosIoContext io, string imageId, string key, ulong value)
        => io.SetOmap(RbdLayout.Header(imageId), new Dictionary<string, ReadOnlyMemory<byte>> { [key] = RbdLayout.EncodeUInt64(value) });

    /// <summary>The format 1 children of (pool, parent, snapshot) from <c>rbd_children</c>.</summary>
    public static List<string> V1Children(IRadosIoContext io, long poolId, string parentId, ulong snapshotId)
        => RbdLayout.OmapValue(io, ChildrenObject, V1Key(poolId, parentId, snapshotId)) is { } value ? ReadStringSet(value.Span) : [];

    public static void SetV1Children(IRadosIoContext io, long poolId, string parentId, ulong snapshotId, List<string> children)
    {
        string key = V1Key(poolId, parentId, snapshotId);
        if (children.Count == 0)
        {
            try
            {
                io.RemoveOmapKeys(ChildrenObject, [key]);
            }
            catch (StorageNotFoundException)
            {
                // Nothing recorded.
            }

            return;
        }

        io.SetOmap(ChildrenObject, new Dictionary<string, ReadOnlyMemory<byte>> { [key] = EncodeStringSet(children) });
    }

    /// <summary>The format 2 children of a snapshot: (pool, namespace, child id), from the parent's header.</summary>
    public static List<(long PoolId, string PoolNamespace, string ImageId)> V2Children(IRadosIoContext io, string parentId, ulong snapshotId)
    {
        var children = new List<(long, string, string)>();
        if (RbdLayout.OmapValue(io, RbdLayout.Header(parentId), SnapChildrenKey(snapshotId)) is not { } value)
        {
            return children;
        }

        var span = value.Span;
        int count = BinaryPrimitives.ReadInt32LittleEndian(span);
        span = span[4..];
        for (int i = 0; i < count; i++)
        {
            long pool = BinaryPrimitives.ReadInt64LittleEndian(span);
            span = span[8..];
            string nameSpace = ReadString(ref span);
            children.Add((pool, nameSpace, ReadString(ref span)));
        }

        return children;
    }

    public static void SetV2Children(IRadosIoContext io, string parentId, ulong snapshotId, List<(long PoolId, string PoolNamespace, string ImageId)> children)
    {
        string key = SnapChildrenKey(snapshotId);
        if (children.Count == 0)
        {
            io.RemoveOmapKeys(RbdLayout.Header(parentId), [key]);
            return;
        }

        using var body = new MemoryStream();
        var count = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(count, children.Count);
        body.Write(count);
        foreach (var (pool, nameSpace, imageId) in children)
        {
            WriteUInt64(body, (ulong)pool);
            WriteString(body, nameSpace);
            WriteString(body, imageId);
        }

        io.SetOmap(RbdLayout.Header(parentId), new Dictionary<string, ReadOnlyMemory<byte>> { [key] = body.ToArray() });
    }

    private static string V1Key(long poolId, string parentId, ulong snapshotId)
    {
        // librbd's key is the binary encoding itself (with NUL bytes, which the kit's C-string omap keys cannot
        // hold), so the emulator keys by the same bytes in lower-case hex.
        using var key = new MemoryStream();
        WriteUInt64(key, (ulong)poolId);
        WriteString(key, parentId);
        WriteUInt64(key, snapshotId);
        return Convert.ToHexStringLower(key.ToArray());
    }

    private static List<string> ReadStringSet(ReadOnlySpan<byte> span)
    {
        int count = BinaryPrimitives.ReadInt32LittleEndian(span);
        span = span[4..];
        var items = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            items.Add(ReadString(ref span));
        }

        return items;
    }

    private static byte[] EncodeStringSet(List<string> items)
    {
        using var body = new MemoryStream();
        var count = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(count, items.Count);
        body.Write(count);
        foreach (string item in items.Order(StringComparer.Ordinal))
        {
            WriteString(body, item);
        }

        return body.ToArray();
    }

    private static string ReadString(ref ReadOnlySpan<byte> span)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(span);
        string text = Encoding.UTF8.GetString(span.Slice(4, length));
        span = span[(4 + length)..];
        return text;
    }

    private static void WriteString(MemoryStream stream, string text) => stream.Write(RbdLayout.EncodeString(text));

    private static void WriteUInt64(MemoryStream stream, ulong value) => stream.Write(RbdLayout.EncodeUInt64(value));
}
