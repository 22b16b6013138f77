using StorageKit.Conformance.Framework;
using StorageKit.Gluster;
using Bytes = StorageKit.Conformance.Rados.Bytes;

namespace StorageKit.Conformance.Gluster;

/// <summary>
/// Extended attributes by path and by open file: flags, sizes, namespaces, GlusterFS' reserved names, listing,
/// removal, directories and symbolic links. Listings are compared on their <c>user.</c> names only: GlusterFS
/// adds internal <c>trusted.*</c> names of its own (more of them through a handle than through a path).
/// Expectations are libgfapi 10.3's (docs/native-probe-results.md, "GlusterFS", "Xattrs").
/// </summary>
[ConformanceArea("gluster.xattrs")]
public static class XattrCases
{
    /// <summary>A path attribute set reads back; a second set overwrites it.</summary>
    [ConformanceCase]
    public static void PathSetGetRoundTrip(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        c.Volume.SetXattr(file, "user.colour", Bytes.Of("a long first value"));
        c.Volume.SetXattr(file, "user.colour", Bytes.Of("blue"));
        byte[] buffer = new byte[64];
        int length = c.Volume.GetXattr(file, "user.colour", buffer);
        Check.Bytes(Bytes.Of("blue"), buffer.AsSpan(0, length), "value");
    }

    /// <summary>An attribute set through a handle (even a read-only one) reads back by handle and by path.</summary>
    [ConformanceCase]
    public static void HandleSetGetRoundTrip(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        using (IGlusterFile f = c.Volume.Open(file, GlusterOpenFlags.ReadOnly))
        {
            f.SetXattr("user.k", Bytes.Of("v1"));
            Check.Bytes(Bytes.Of("v1"), f.GetXattr("user.k"), "value by handle");
        }

        Check.Bytes(Bytes.Of("v1"), c.Volume.GetXattr(file, "user.k"), "value by path");
    }

    /// <summary>Create on an existing attribute is EEXIST (path and handle) and keeps the value.</summary>
    [ConformanceCase]
    public static void CreateFlagOnExistingIsExists(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        c.Volume.SetXattr(file, "user.k", Bytes.Of("old"), GlusterXattrFlags.Create);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.SetXattr(file, "user.k", Bytes.Of("new"), GlusterXattrFlags.Create), "path create of an existing attribute");
        using IGlusterFile f = c.Volume.Open(file, GlusterOpenFlags.ReadWrite);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => f.SetXattr("user.k", Bytes.Of("new"), GlusterXattrFlags.Create), "handle create of an existing attribute");
        Check.Bytes(Bytes.Of("old"), c.Volume.GetXattr(file, "user.k"), "value");
    }

    /// <summary>Replace of a missing attribute is ENODATA (path and handle); of an existing one it replaces.</summary>
    [ConformanceCase]
    public static void ReplaceFlagOnMissingIsNoData(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Volume.SetXattr(file, "user.k", Bytes.Of("v"), GlusterXattrFlags.Replace), "path replace of a missing attribute");
        using IGlusterFile f = c.Volume.Open(file, GlusterOpenFlags.ReadWrite);
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => f.SetXattr("user.k", Bytes.Of("v"), GlusterXattrFlags.Replace), "handle replace of a missing attribute");
        Check.True(c.Volume.ListXattrs(file).All(n => n != "user.k"), "nothing was created");
        c.Volume.SetXattr(file, "user.k", Bytes.Of("v1"));
        f.SetXattr("user.k", Bytes.Of("v2"), GlusterXattrFlags.Replace);
        Check.Bytes(Bytes.Of("v2"), c.Volume.GetXattr(file, "user.k"), "replaced value");
    }

    /// <summary>Create|Replace together is EEXIST on an existing attribute and ENODATA on a missing one; an unknown flag bit is EINVAL.</summary>
    [ConformanceCase]
    public static void CombinedAndUnknownFlags(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        c.Volume.SetXattr(file, "user.k", Bytes.Of("v"));
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.SetXattr(file, "user.k", Bytes.Of("w"), GlusterXattrFlags.Create | GlusterXattrFlags.Replace), "create|replace of an existing attribute");
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Volume.SetXattr(file, "user.none", Bytes.Of("w"), GlusterXattrFlags.Create | GlusterXattrFlags.Replace), "create|replace of a missing attribute");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.SetXattr(file, "user.k", Bytes.Of("w"), (GlusterXattrFlags)4), "flag 4");
        Check.Bytes(Bytes.Of("v"), c.Volume.GetXattr(file, "user.k"), "value");
    }

    /// <summary>Getting a missing attribute is ENODATA, by path and by handle.</summary>
    [ConformanceCase]
    public static void GetMissingIsNoData(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        byte[] buffer = new byte[16];
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Volume.GetXattr(file, "user.none", buffer), "path get of a missing attribute");
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Volume.GetXattr(file, "user.none", []), "path size of a missing attribute");
        using IGlusterFile f = c.Volume.Open(file, GlusterOpenFlags.ReadOnly);
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => f.GetXattr("user.none", buffer), "handle get of a missing attribute");
    }

    /// <summary>An empty buffer asks for the value's length (path and handle) without reading it.</summary>
    [ConformanceCase]
    public static void EmptyBufferReturnsLength(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        c.Volume.SetXattr(file, "user.k", Bytes.Of("twelve bytes"));
        Check.Equal(12, c.Volume.GetXattr(file, "user.k", []), "length by path");
        using IGlusterFile f = c.Volume.Open(file, GlusterOpenFlags.ReadOnly);
        Check.Equal(12, f.GetXattr("user.k", []), "length by handle");
    }

    /// <summary>A buffer shorter than the value is ERANGE (StorageRangeException), by path and by handle.</summary>
    [ConformanceCase]
    public static void ShortBufferIsRange(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        c.Volume.SetXattr(file, "user.k", Bytes.Of("twelve bytes"));
        byte[] buffer = new byte[11];
        Check.Throws<StorageRangeException>(Errno.ERANGE, () => c.Volume.GetXattr(file, "user.k", buffer), "path get into 11 bytes");
        using IGlusterFile f = c.Volume.Open(file, GlusterOpenFlags.ReadOnly);
        Check.Throws<StorageRangeException>(Errno.ERANGE, () => f.GetXattr("user.k", buffer.AsSpan(0, 1)), "handle get into 1 byte");
        Check.Equal(12, c.Volume.GetXattr(file, "user.k", new byte[12]), "an exact buffer is enough");
    }

    /// <summary>A zero-length value is stored, listed and reads back as length 0.</summary>
    [ConformanceCase]
    public static void ZeroLengthValueRoundTrips(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        c.Volume.SetXattr(file, "user.empty", []);
        Check.Equal(0, c.Volume.GetXattr(file, "user.empty", []), "length");
        Check.Equal(0, c.Volume.GetXattr(file, "user.empty", new byte[8]), "bytes read");
        Check.Bytes([], c.Volume.GetXattr(file, "user.empty"), "value by the helper");
        Check.True(c.Volume.ListXattrs(file).Contains("user.empty"), "listed");
    }

    /// <summary>As root the trusted. and security. namespaces work like user.</summary>
    [ConformanceCase]
    public static void TrustedAndSecurityNamespacesWork(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        c.Volume.SetXattr(file, "trusted.kit", Bytes.Of("t"));
        c.Volume.SetXattr(file, "security.kit", Bytes.Of("s"));
        Check.Bytes(Bytes.Of("t"), c.Volume.GetXattr(file, "trusted.kit"), "trusted value");
        Check.Bytes(Bytes.Of("s"), c.Volume.GetXattr(file, "security.kit"), "security value");
        c.Volume.RemoveXattr(file, "trusted.kit");
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Volume.GetXattr(file, "trusted.kit", []), "removed trusted attribute");
    }

    /// <summary>A name without a known namespace (or in system.) is EOPNOTSUPP for set, get and remove.</summary>
    [ConformanceCase]
    public static void UnknownNamespaceIsNotSupported(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        foreach (string name in new[] { "plain", "foo.bar", "system.kit", "glusterfs.kit" })
        {
            Check.Throws<StorageNotSupportedException>(Errno.EOPNOTSUPP, () => c.Volume.SetXattr(file, name, Bytes.Of("v")), $"set {name}");
            Check.Throws<StorageNotSupportedException>(Errno.EOPNOTSUPP, () => c.Volume.GetXattr(file, name, []), $"get {name}");
        }

        Check.Throws<StorageNotSupportedException>(Errno.EOPNOTSUPP, () => c.Volume.RemoveXattr(file, "plain"), "remove plain");
        using IGlusterFile f = c.Volume.Open(file, GlusterOpenFlags.ReadOnly);
        Check.Throws<StorageNotSupportedException>(Errno.EOPNOTSUPP, () => f.SetXattr("plain", Bytes.Of("v")), "handle set plain");
    }

    /// <summary>An empty name or a bare "user." is EINVAL; a 255-byte name works and 256 bytes is ENAMETOOLONG.</summary>
    [ConformanceCase]
    public static void BadNamesAreRefused(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.SetXattr(file, "", Bytes.Of("v")), "set of an empty name");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.GetXattr(file, "", []), "get of an empty name");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.SetXattr(file, "user.", Bytes.Of("v")), "set of user.");
        string longest = "user." + new string('n', 250);
        c.Volume.SetXattr(file, longest, Bytes.Of("v"));
        Check.Bytes(Bytes.Of("v"), c.Volume.GetXattr(file, longest), "value of a 255-byte name");
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => c.Volume.SetXattr(file, longest + "n", Bytes.Of("v")), "set of a 256-byte name");
    }

    /// <summary>Null names are ArgumentNullException and NUL in a name ArgumentException, before anything happens.</summary>
    [ConformanceCase]
    public static void NullAndNulNamesAreArgumentErrors(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.SetXattr(file, null!, Bytes.Of("v")), "set of null");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.GetXattr(file, null!, []), "get of null");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.RemoveXattr(file, null!), "remove of null");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.ListXattrs(null!), "list of null");
        Check.ThrowsExactly<ArgumentException>(() => c.Volume.SetXattr(file, "user.a\0b", Bytes.Of("v")), "set of a name with NUL");
        Check.True(c.Volume.ListXattrs(file).All(n => !n.StartsWith("user.", StringComparison.Ordinal)), "nothing was set");
    }

    /// <summary>
    /// GlusterFS' own names: setting trusted.gfid (or trusted.glusterfs.dht) is accepted but not visible (get is
    /// ENODATA), removing trusted.gfid is EPERM, trusted.gfid2path.* is EOPNOTSUPP; other trusted.glusterfs.* names
    /// are ordinary.
    /// </summary>
    [ConformanceCase]
    public static void ReservedGlusterNames(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        ulong inode = c.Volume.Stat(file).Inode;
        c.Volume.SetXattr(file, "trusted.gfid", Bytes.Pattern(16));
        c.Volume.SetXattr(file, "trusted.glusterfs.dht", Bytes.Of("v"));
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Volume.GetXattr(file, "trusted.gfid", []), "get trusted.gfid");
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Volume.GetXattr(file, "trusted.glusterfs.dht", []), "get trusted.glusterfs.dht");
        Check.Throws<StoragePermissionException>(Errno.EPERM, () => c.Volume.RemoveXattr(file, "trusted.gfid"), "remove trusted.gfid");
        Check.Equal(inode, c.Volume.Stat(file).Inode, "the file's identity is unchanged");
        Check.Throws<StorageNotSupportedException>(Errno.EOPNOTSUPP, () => c.Volume.SetXattr(file, "trusted.gfid2path.kit", Bytes.Of("v")), "set trusted.gfid2path.*");
        c.Volume.SetXattr(file, "trusted.glusterfs.kit", Bytes.Of("k"));
        Check.Bytes(Bytes.Of("k"), c.Volume.GetXattr(file, "trusted.glusterfs.kit"), "an ordinary trusted.glusterfs name");
    }

    /// <summary>A 1000-byte value round-trips; a value over 64 KiB is E2BIG.</summary>
    [ConformanceCase]
    public static void LargeValues(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        byte[] value = Bytes.Pattern(1000, 3);
        c.Volume.SetXattr(file, "user.big", value);
        Check.Bytes(value, c.Volume.GetXattr(file, "user.big"), "1000-byte value");
        Check.Throws<StorageException>(Errno.E2BIG, () => c.Volume.SetXattr(file, "user.huge", new byte[65537]), "65537-byte value");
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Volume.GetXattr(file, "user.huge", []), "the huge value was not stored");
    }

    /// <summary>The user. names listed by path and by handle are exactly the ones set (internal names aside).</summary>
    [ConformanceCase]
    public static void ListShowsUserNames(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        Check.Sequence([], UserNames(c.Volume.ListXattrs(file)), "user names of a fresh file");
        c.Volume.SetXattr(file, "user.b", Bytes.Of("2"));
        c.Volume.SetXattr(file, "user.a", Bytes.Of("1"));
        c.Volume.SetXattr(file, "user.c", []);
        c.Volume.RemoveXattr(file, "user.c");
        Check.Sequence(["user.a", "user.b"], UserNames(c.Volume.ListXattrs(file)), "user names by path");
        using IGlusterFile f = c.Volume.Open(file, GlusterOpenFlags.ReadOnly);
        Check.Sequence(["user.a", "user.b"], UserNames(f.ListXattrs()), "user names by handle");
    }

    /// <summary>A listing by path shows no GlusterFS-internal names (gfid, gfid2path, mdata, dht).</summary>
    [ConformanceCase]
    public static void PathListHidesInternalNames(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        c.Volume.SetXattr(file, "user.a", Bytes.Of("1"));
        Check.Sequence(["user.a"], c.Volume.ListXattrs(file), "names by path");
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        Check.Sequence([], c.Volume.ListXattrs(dir), "names of a fresh directory by path");
    }

    /// <summary>Removing a missing attribute is ENODATA (path and handle); removing an existing one makes get ENODATA.</summary>
    [ConformanceCase]
    public static void RemoveMissingIsNoData(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Volume.RemoveXattr(file, "user.none"), "path remove of a missing attribute");
        using IGlusterFile f = c.Volume.Open(file, GlusterOpenFlags.ReadWrite);
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => f.RemoveXattr("user.none"), "handle remove of a missing attribute");
        f.SetXattr("user.k", Bytes.Of("v"));
        f.RemoveXattr("user.k");
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Volume.GetXattr(file, "user.k", []), "get after remove");
        c.Volume.SetXattr(file, "user.p", Bytes.Of("v"));
        c.Volume.RemoveXattr(file, "user.p");
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => f.GetXattr("user.p", []), "handle get after path remove");
    }

    /// <summary>Every path attribute call on a missing path is ENOENT.</summary>
    [ConformanceCase]
    public static void MissingPathIsNotFound(GlusterCaseContext c)
    {
        string path = c.NewPath();
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.SetXattr(path, "user.k", Bytes.Of("v")), "set");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.GetXattr(path, "user.k", []), "get");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.ListXattrs(path), "list");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.RemoveXattr(path, "user.k"), "remove");
        Check.True(!c.Volume.Exists(path), "nothing created");
    }

    /// <summary>Directories carry attributes, by path and through a read-only handle.</summary>
    [ConformanceCase]
    public static void DirectoryAttributes(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.Volume.SetXattr(dir, "user.d", Bytes.Of("dv"));
        using (IGlusterFile d = c.Volume.Open(dir, GlusterOpenFlags.ReadOnly))
        {
            Check.Bytes(Bytes.Of("dv"), d.GetXattr("user.d"), "value by handle");
            d.SetXattr("user.e", Bytes.Of("ev"));
            Check.Sequence(["user.d", "user.e"], UserNames(d.ListXattrs()), "user names by handle");
        }

        Check.Bytes(Bytes.Of("ev"), c.Volume.GetXattr(dir, "user.e"), "value by path");
        c.Volume.RemoveXattr(dir, "user.d");
        Check.Sequence(["user.e"], UserNames(c.Volume.ListXattrs(dir)), "user names by path");
    }

    /// <summary>Path attribute calls follow a symbolic link to its target; through a dangling link they are ENOENT.</summary>
    [ConformanceCase]
    public static void SymlinkAttributesFollowTheLink(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        string link = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(file), link);
        c.Volume.SetXattr(link, "user.k", Bytes.Of("via link"));
        Check.Bytes(Bytes.Of("via link"), c.Volume.GetXattr(file, "user.k"), "value on the target");
        Check.Sequence(["user.k"], UserNames(c.Volume.ListXattrs(link)), "listing through the link");
        c.Volume.RemoveXattr(link, "user.k");
        Check.Sequence([], UserNames(c.Volume.ListXattrs(file)), "removed through the link");
        string dangling = c.NewPath("l");
        c.Volume.Symlink("missing", dangling);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.SetXattr(dangling, "user.k", Bytes.Of("v")), "set through a dangling link");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.GetXattr(dangling, "user.k", []), "get through a dangling link");
    }

    /// <summary>The GetXattr helpers return whole values of any length, by path and by handle.</summary>
    [ConformanceCase]
    public static void GetXattrHelperReturnsWholeValue(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        byte[] value = Bytes.Pattern(777, 9);
        c.Volume.SetXattr(file, "user.v", value);
        Check.Bytes(value, c.Volume.GetXattr(file, "user.v"), "value by path");
        using IGlusterFile f = c.Volume.Open(file, GlusterOpenFlags.ReadOnly);
        Check.Bytes(value, f.GetXattr("user.v"), "value by handle");
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Volume.GetXattr(file, "user.none"), "helper on a missing attribute");
    }

    /// <summary>Attributes belong to the inode: a hard link sees them, and a handle sees path changes at once.</summary>
    [ConformanceCase]
    public static void AttributesBelongToTheInode(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        string link = c.NewPath("h");
        c.Volume.Link(file, link);
        c.Volume.SetXattr(file, "user.k", Bytes.Of("v"));
        Check.Bytes(Bytes.Of("v"), c.Volume.GetXattr(link, "user.k"), "value through the hard link");
        using IGlusterFile f = c.Volume.Open(link, GlusterOpenFlags.ReadOnly);
        c.Volume.SetXattr(file, "user.k", Bytes.Of("w"));
        Check.Bytes(Bytes.Of("w"), f.GetXattr("user.k"), "value through the handle");
    }

    private static List<string> UserNames(IEnumerable<string> names)
        => names.Where(n => n.StartsWith("user.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
}
