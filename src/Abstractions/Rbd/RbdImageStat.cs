namespace StorageKit.Rbd;

/// <summary>What <c>rbd_stat</c> reports about an image.</summary>
/// <param name="Size">Size in bytes.</param>
/// <param name="ObjectSize">Bytes per data object, 2^<paramref name="Order"/>.</param>
/// <param name="ObjectCount">Data objects the size spans (not how many exist).</param>
/// <param name="Order">log2 of the object size.</param>
/// <param name="BlockNamePrefix">Prefix of the data object names, <c>rbd_data.&lt;id&gt;</c>.</param>
public sealed record RbdImageStat(long Size, long ObjectSize, long ObjectCount, int Order, string BlockNamePrefix);
