namespace StorageKit.Rados;

/// <summary>Size and modification time of an object (<c>rados_stat2</c>).</summary>
/// <param name="Size">Object size in bytes.</param>
/// <param name="ModifiedTime">Last modification time.</param>
public readonly record struct RadosObjectStat(long Size, DateTimeOffset ModifiedTime);
