namespace StorageKit.Rbd;

/// <summary>What <c>rbd_stat</c> reports about an image.</summary>
/// <param name="Size">Size in bytes.</param>
/// <param name="ObjectSize">Bytes per data object, 2^<paramref name="Order"/>.</param>
/// <param name="ObjectCount">Data objects the size spans (not how many exist).</param>
/// <param name="Order">log2 of the object size.</param>
/// <param name="BlockNamePrefix">Prefix of the data object names, <c>rbd_data.&lt;id&gt;</c> (<c>rb.0.*</c> for format 1).</param>
/// <param name="ParentPoolId">The deprecated <c>parent_pool</c> field as librbd 16 fills it.</param>
/// <param name="ParentName">The deprecated <c>parent_name</c> field as librbd 16 fills it; use <see cref="IRbdImage.GetParent"/>.</param>
public sealed record RbdImageStat(long Size, long ObjectSize, long ObjectCount, int Order, string BlockNamePrefix, long ParentPoolId, string ParentName);
