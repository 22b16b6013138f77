using System.Buffers.Binary;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rbd;

/// <summary>The fields of an image's <c>rbd_header.&lt;id&gt;</c> omap the emulator reads back.</summary>
internal readonly record struct EmulatedRbdHeader(long Size, int Order)
{
    private readonly long _stripeUnit;
    private readonly long _stripeCount;

    private static readonly string[] _keys = ["size", "order", "features", "flags", "op_features", "stripe_unit", "stripe_count"];

    public long ObjectSize => 1L << Order;

    /// <summary>The data objects the size spans (<c>Striper::get_num_objects</c>; with fancy striping a short last object set spans fewer).</summary>
    public long ObjectCount => RbdStriper.ObjectCount(this, Size);

    /// <summary>Whether the image uses fancy striping (stripe unit below the object size or more than one object per stripe).</summary>
    public bool IsStriped => StripeCount != 1 || StripeUnit != ObjectSize;

    /// <summary>The <c>features</c> key (<c>RBD_FEATURE_*</c> bits).</summary>
    public ulong Features { get; init; }

    /// <summary>The <c>flags</c> key (<c>RBD_FLAG_*</c>); absent until librbd first sets flags.</summary>
    public ulong Flags { get; init; }

    /// <summary>The <c>op_features</c> key; absent unless an operation feature is set.</summary>
    public ulong OperationFeatures { get; init; }

    /// <summary>The stripe unit: the <c>stripe_unit</c> key, stored only for fancy striping, else the object size.</summary>
    public long StripeUnit { get => _stripeUnit == 0 ? ObjectSize : _stripeUnit; init => _stripeUnit = value; }

    /// <summary>The stripe count: the <c>stripe_count</c> key, stored only for fancy striping, else 1.</summary>
    public long StripeCount { get => _stripeCount == 0 ? 1 : _stripeCount; init => _stripeCount = value; }

    /// <summary>Reads the header; ENOENT for <paramref name="operation"/> when it is gone.</summary>
    public static EmulatedRbdHeader Read(IRadosIoContext io, string id, string operation, string name)
    {
        IReadOnlyDictionary<string, ReadOnlyMemory<byte>> values;
        try
        {
            values = io.GetOmapValuesByKeys(RbdLayout.Header(id), _keys);
        }
        catch (StorageNotFoundException)
        {
            throw StorageErrors.Create(Errno.ENOENT, operation, name);
        }

        if (!values.TryGetValue("size", out var size) || !values.TryGetValue("order", out var order))
        {
            throw StorageErrors.Create(Errno.ENOENT, operation, name);
        }

        int objectOrder = order.Span[0];
        ulong stripeUnit = UInt64(values, "stripe_unit");
        ulong stripeCount = UInt64(values, "stripe_count");
        return new EmulatedRbdHeader(checked((long)BinaryPrimitives.ReadUInt64LittleEndian(size.Span)), objectOrder)
        {
            Features = UInt64(values, "features"),
            Flags = UInt64(values, "flags"),
            OperationFeatures = UInt64(values, "op_features"),
            StripeUnit = checked((long)stripeUnit),
            StripeCount = checked((long)stripeCount),
        };
    }

    private static ulong UInt64(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> values, string key)
        => values.TryGetValue(key, out var value) && value.Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(value.Span) : 0;
}
