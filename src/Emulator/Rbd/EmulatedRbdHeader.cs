using System.Buffers.Binary;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rbd;

/// <summary>The fields of an image's <c>rbd_header.&lt;id&gt;</c> omap the emulator reads back.</summary>
internal readonly record struct EmulatedRbdHeader(long Size, int Order)
{
    public long ObjectSize => 1L << Order;

    public long ObjectCount => (Size + ObjectSize - 1) / ObjectSize;

    /// <summary>Reads the header; ENOENT for <paramref name="operation"/> when it is gone.</summary>
    public static EmulatedRbdHeader Read(IRadosIoContext io, string id, string operation, string name)
    {
        IReadOnlyDictionary<string, ReadOnlyMemory<byte>> values;
        try
        {
            values = io.GetOmapValuesByKeys(RbdLayout.Header(id), ["size", "order"]);
        }
        catch (StorageNotFoundException)
        {
            throw StorageErrors.Create(Errno.ENOENT, operation, name);
        }

        if (!values.TryGetValue("size", out var size) || !values.TryGetValue("order", out var order))
        {
            throw StorageErrors.Create(Errno.ENOENT, operation, name);
        }

        return new EmulatedRbdHeader(checked((long)BinaryPrimitives.ReadUInt64LittleEndian(size.Span)), order.Span[0]);
    }
}
