namespace StorageKit.Rbd;

public partial interface IRbdImage
{
    /// <summary>The value of an image metadata key (<c>rbd_metadata_get</c>); ENOENT when the key is not set.</summary>
    string GetMetadata(string key);

    /// <summary>Sets an image metadata key (<c>rbd_metadata_set</c>); <c>conf_</c> keys must name a librbd option.</summary>
    void SetMetadata(string key, string value);

    /// <summary>Removes an image metadata key (<c>rbd_metadata_remove</c>).</summary>
    void RemoveMetadata(string key);

    /// <summary>
    /// The image metadata in key order, starting after <paramref name="start"/> ("" from the beginning), at most
    /// <paramref name="max"/> entries (0: all) (<c>rbd_metadata_list</c>).
    /// </summary>
    IReadOnlyList<KeyValuePair<string, string>> ListMetadata(string start = "", int max = 0);
}
