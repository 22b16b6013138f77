namespace StorageKit.Rados;

/// <summary>
/// Object I/O in one pool (librados <c>rados_ioctx_t</c>; go-ceph <c>IOContext</c>): objects, xattrs,
/// omap, namespaces, locator keys and listing. Names, namespaces and the locator key apply to every
/// later call. Not safe to use from several threads while its namespace or locator key changes.
/// Arguments the library cannot represent (null names, negative offsets or lengths) throw
/// <see cref="ArgumentException"/>s before any I/O; everything the cluster rejects throws a
/// <see cref="StorageException"/> with the cluster's errno.
/// </summary>
public partial interface IRadosIoContext : IDisposable
{
    /// <summary>The pool's id.</summary>
    long PoolId { get; }

    /// <summary>The pool's name.</summary>
    string PoolName { get; }

    /// <summary>The namespace later calls use; "" is the default namespace, <see cref="RadosNamespace.All"/> lists all.</summary>
    string Namespace { get; }

    /// <summary>Sets the namespace for later calls (<c>rados_ioctx_set_namespace</c>).</summary>
    void SetNamespace(string name);

    /// <summary>The locator key later calls use ("" for none).</summary>
    string LocatorKey { get; }

    /// <summary>Sets the locator key, so objects are placed by it instead of their name (<c>rados_ioctx_locator_set_key</c>).</summary>
    void SetLocatorKey(string key);

    /// <summary>
    /// Version of the object last read or written through this io context (<c>rados_get_last_version</c>): a
    /// placement-group log version, so it grows with every write to the object but not by exactly one; 0 on a
    /// new io context and after a read that failed.
    /// </summary>
    ulong LastVersion { get; }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>, creating the object if needed (<c>rados_write</c>).</summary>
    void Write(string objectName, ReadOnlySpan<byte> data, long offset);

    /// <summary>Replaces the whole object with <paramref name="data"/> (<c>rados_write_full</c>).</summary>
    void WriteFull(string objectName, ReadOnlySpan<byte> data);

    /// <summary>Appends <paramref name="data"/> (<c>rados_append</c>).</summary>
    void Append(string objectName, ReadOnlySpan<byte> data);

    /// <summary>
    /// Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/> (<c>rados_read</c>); returns the count
    /// read (short at the end of the object, 0 at or past it). An empty buffer before the end fails with ERANGE:
    /// the OSD reads length 0 as "to the end", which does not fit.
    /// </summary>
    int Read(string objectName, Span<byte> buffer, long offset);

    /// <summary>Sets the object's size, cutting or zero-extending it (<c>rados_trunc</c>).</summary>
    void Truncate(string objectName, long size);

    /// <summary>Removes the object (<c>rados_remove</c>); ENOENT when missing.</summary>
    void Remove(string objectName);

    /// <summary>Creates an empty object (<c>rados_write_op_create</c>); with <paramref name="exclusive"/>, EEXIST when it exists.</summary>
    void Create(string objectName, bool exclusive);

    /// <summary>Size and modification time (<c>rados_stat2</c>); ENOENT when missing.</summary>
    RadosObjectStat Stat(string objectName);

    /// <summary>Value of an extended attribute (<c>rados_getxattr</c>); ENODATA when the attribute is missing.</summary>
    byte[] GetXattr(string objectName, string name);

    /// <summary>Sets an extended attribute, creating the object if needed (<c>rados_setxattr</c>).</summary>
    void SetXattr(string objectName, string name, ReadOnlySpan<byte> value);

    /// <summary>Removes an extended attribute (<c>rados_rmxattr</c>).</summary>
    void RemoveXattr(string objectName, string name);

    /// <summary>All extended attributes, in name order (<c>rados_getxattrs</c>).</summary>
    IReadOnlyDictionary<string, byte[]> GetXattrs(string objectName);

    /// <summary>Sets omap entries, creating the object if needed, even for an empty list (<c>rados_write_op_omap_set2</c>).</summary>
    void SetOmap(string objectName, IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> entries);

    /// <summary>
    /// One page of omap entries with keys after <paramref name="startAfter"/> that start with
    /// <paramref name="filterPrefix"/>, at most <paramref name="maxReturn"/> (the OSD caps a page at
    /// <see cref="RadosLimits.MaxOmapEntriesPerRequest"/>) (<c>rados_read_op_omap_get_vals2</c>). Values are
    /// read-only views the caller may keep.
    /// </summary>
    RadosOmapPage GetOmapValues(string objectName, string startAfter = "", string filterPrefix = "", int maxReturn = RadosLimits.DefaultOmapPageSize);

    /// <summary>One page of omap keys after <paramref name="startAfter"/> (<c>rados_read_op_omap_get_keys2</c>).</summary>
    RadosOmapKeysPage GetOmapKeys(string objectName, string startAfter = "", int maxReturn = RadosLimits.DefaultOmapPageSize);

    /// <summary>The entries for the given keys that exist (<c>rados_read_op_omap_get_vals_by_keys2</c>); the only way to read the empty key "".</summary>
    IReadOnlyDictionary<string, ReadOnlyMemory<byte>> GetOmapValuesByKeys(string objectName, IEnumerable<string> keys);

    /// <summary>Removes omap keys; keys that are absent are ignored (<c>rados_write_op_omap_rm_keys2</c>).</summary>
    void RemoveOmapKeys(string objectName, IEnumerable<string> keys);

    /// <summary>Removes every omap entry of the object (<c>rados_write_op_omap_clear</c>).</summary>
    void ClearOmap(string objectName);

    /// <summary>Starts listing the objects of the current namespace (or of all with <see cref="RadosNamespace.All"/>).</summary>
    IRadosObjectIterator OpenObjectIterator();

    /// <summary>Usage of this pool (<c>rados_ioctx_pool_stat</c>).</summary>
    RadosPoolStats GetPoolStats();
}
