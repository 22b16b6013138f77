namespace StorageKit.Gluster;

/// <summary>Extended attributes of paths (namespaced names such as <c>user.x</c> or <c>trusted.x</c>).</summary>
public partial interface IGlusterVolume
{
    /// <summary>
    /// Copies the value of the attribute <paramref name="name"/> into <paramref name="buffer"/> and returns its
    /// length (<c>glfs_getxattr</c>); an empty buffer only asks for the length, a short one is ERANGE.
    /// </summary>
    int GetXattr(string path, string name, Span<byte> buffer);

    /// <summary>The names of the attributes of <paramref name="path"/> (<c>glfs_listxattr</c>).</summary>
    IReadOnlyList<string> ListXattrs(string path);

    /// <summary>Sets an attribute (<c>glfs_setxattr</c>); <paramref name="flags"/> make it create- or replace-only.</summary>
    void SetXattr(string path, string name, ReadOnlySpan<byte> value, GlusterXattrFlags flags = GlusterXattrFlags.None);

    /// <summary>Removes an attribute (<c>glfs_removexattr</c>).</summary>
    void RemoveXattr(string path, string name);
}
