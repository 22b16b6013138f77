using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>Extended attributes: get, set, remove, list, and their errors.</summary>
[ConformanceArea("rados.xattrs")]
public static class XattrCases
{
    /// <summary>setxattr then getxattr returns the value.</summary>
    [ConformanceCase]
    public static void SetThenGetReturnsValue(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("data"));
        c.Io.SetXattr(oid, "user.colour", Bytes.Of("blue"));
        Check.Bytes(Bytes.Of("blue"), c.Io.GetXattr(oid, "user.colour"), "xattr value");
    }

    /// <summary>setxattr overwrites an existing value.</summary>
    [ConformanceCase]
    public static void SetOverwrites(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetXattr(oid, "k", Bytes.Of("a long first value"));
        c.Io.SetXattr(oid, "k", Bytes.Of("v2"));
        Check.Bytes(Bytes.Of("v2"), c.Io.GetXattr(oid, "k"), "xattr value");
    }

    /// <summary>setxattr on a missing object creates an empty object.</summary>
    [ConformanceCase]
    public static void SetOnMissingObjectCreatesIt(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetXattr(oid, "k", Bytes.Of("v"));
        Check.Equal(0L, c.Io.Stat(oid).Size, "size of the created object");
        Check.Bytes(Bytes.Of("v"), c.Io.GetXattr(oid, "k"), "xattr value");
    }

    /// <summary>getxattr of an absent attribute is ENODATA.</summary>
    [ConformanceCase]
    public static void GetMissingAttributeIsNoData(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("data"));
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Io.GetXattr(oid, "absent"), "getxattr of absent attribute");
    }

    /// <summary>getxattr on a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void GetOnMissingObjectIsNotFound(RadosCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.GetXattr(c.NewObjectName(), "k"), "getxattr on missing object");

    /// <summary>rmxattr removes the attribute.</summary>
    [ConformanceCase]
    public static void RemoveDeletesAttribute(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetXattr(oid, "a", Bytes.Of("1"));
        c.Io.SetXattr(oid, "b", Bytes.Of("2"));
        c.Io.RemoveXattr(oid, "a");
        Check.Sequence(["b"], c.Io.GetXattrs(oid).Keys.Order(StringComparer.Ordinal), "remaining xattrs");
        Check.Throws<StorageNoDataException>(Errno.ENODATA, () => c.Io.GetXattr(oid, "a"), "getxattr after rmxattr");
    }

    /// <summary>rmxattr of an absent attribute on an existing object succeeds (measured on Ceph 16).</summary>
    [ConformanceCase]
    public static void RemoveAbsentAttributeSucceeds(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetXattr(oid, "present", Bytes.Of("1"));
        c.Io.RemoveXattr(oid, "absent");
        Check.Sequence(["present"], c.Io.GetXattrs(oid).Keys, "xattrs left");
    }

    /// <summary>rmxattr on a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void RemoveOnMissingObjectIsNotFound(RadosCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.RemoveXattr(c.NewObjectName(), "k"), "rmxattr on missing object");

    /// <summary>getxattrs lists every attribute with its value.</summary>
    [ConformanceCase]
    public static void ListReturnsAllAttributes(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var expected = new Dictionary<string, byte[]> { ["b"] = Bytes.Of("2"), ["a"] = Bytes.Of("1"), ["c.long.name"] = Bytes.Pattern(300) };
        foreach (var (name, value) in expected)
        {
            c.Io.SetXattr(oid, name, value);
        }

        Check.Entries(expected, c.Io.GetXattrs(oid), "getxattrs");
    }

    /// <summary>getxattrs of an object without attributes is empty.</summary>
    [ConformanceCase]
    public static void ListOfObjectWithoutAttributesIsEmpty(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("data"));
        Check.Equal(0, c.Io.GetXattrs(oid).Count, "xattr count");
    }

    /// <summary>getxattrs on a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void ListOnMissingObjectIsNotFound(RadosCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.GetXattrs(c.NewObjectName()), "getxattrs on missing object");

    /// <summary>an empty value is stored and read back as empty.</summary>
    [ConformanceCase]
    public static void EmptyValueRoundTrips(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetXattr(oid, "empty", []);
        Check.Bytes([], c.Io.GetXattr(oid, "empty"), "empty xattr");
        Check.True(c.Io.GetXattrs(oid).ContainsKey("empty"), "getxattrs lists the empty attribute");
    }

    /// <summary>a 100-byte name is accepted, 101 bytes is ENAMETOOLONG (osd_max_attr_name_len).</summary>
    [ConformanceCase]
    public static void NameLengthLimitIsEnforced(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetXattr(oid, new string('n', 100), Bytes.Of("ok"));
        Check.Bytes(Bytes.Of("ok"), c.Io.GetXattr(oid, new string('n', 100)), "value under the longest name");
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => c.Io.SetXattr(oid, new string('n', 101), Bytes.Of("no")), "setxattr with 101-byte name");
    }

    /// <summary>a 64 KiB value round-trips.</summary>
    [ConformanceCase]
    public static void LargeValueRoundTrips(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        byte[] value = Bytes.Pattern(64 << 10, 5);
        c.Io.SetXattr(oid, "big", value);
        Check.Bytes(value, c.Io.GetXattr(oid, "big"), "64 KiB xattr");
    }

    /// <summary>xattrs do not change the object's data or size.</summary>
    [ConformanceCase]
    public static void AttributesDoNotTouchData(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("payload"));
        c.Io.SetXattr(oid, "x", Bytes.Pattern(1000));
        Check.Equal(7L, c.Io.Stat(oid).Size, "size");
        Check.Bytes(Bytes.Of("payload"), c.Io.ReadAll(oid), "data");
    }

    /// <summary>write_full keeps the xattrs.</summary>
    [ConformanceCase]
    public static void WriteFullKeepsAttributes(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetXattr(oid, "x", Bytes.Of("1"));
        c.Io.WriteFull(oid, Bytes.Of("new"));
        Check.Bytes(Bytes.Of("1"), c.Io.GetXattr(oid, "x"), "xattr after write_full");
    }
}
