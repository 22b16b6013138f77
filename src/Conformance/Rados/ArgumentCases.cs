using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>Bad input, disposed handles and closed connections: typed errors, nothing corrupted.</summary>
[ConformanceArea("rados.arguments")]
public static class ArgumentCases
{
    /// <summary>null names are ArgumentNullException before any I/O.</summary>
    [ConformanceCase]
    public static void NullNamesAreRejected(RadosCaseContext c)
    {
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.WriteFull(null!, Bytes.Of("x")), "write_full");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.Read(null!, new byte[1], 0), "read");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.Stat(null!), "stat");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.Remove(null!), "remove");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.GetXattr("o", null!), "getxattr name");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.SetOmap("o", null!), "omap entries");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.RemoveOmapKeys("o", null!), "omap keys");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.SetNamespace(null!), "namespace");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Client.LookupPool(null!), "pool name");
        Check.Equal(0, c.Io.ListObjects().Count(), "nothing was created");
    }

    /// <summary>negative offsets and sizes are ArgumentOutOfRangeException and change nothing.</summary>
    [ConformanceCase]
    public static void NegativeOffsetsAreRejected(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("intact"));
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => c.Io.Write(oid, Bytes.Of("x"), -1), "write");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => c.Io.Read(oid, new byte[4], -5), "read");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => c.Io.Truncate(oid, -1), "truncate");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => c.Io.GetOmapValues(oid, maxReturn: -1), "omap max-return");
        Check.Bytes(Bytes.Of("intact"), c.Io.ReadAll(oid), "content");
    }

    /// <summary>an empty object name is rejected by the cluster with EINVAL, by every call.</summary>
    [ConformanceCase]
    public static void EmptyObjectNameIsInvalid(RadosCaseContext c)
    {
        var calls = new (string Name, Action Call)[]
        {
            ("write_full", () => c.Io.WriteFull("", Bytes.Of("x"))),
            ("write", () => c.Io.Write("", Bytes.Of("x"), 0)),
            ("append", () => c.Io.Append("", Bytes.Of("x"))),
            ("read", () => c.Io.Read("", new byte[1], 0)),
            ("stat", () => c.Io.Stat("")),
            ("remove", () => c.Io.Remove("")),
            ("trunc", () => c.Io.Truncate("", 1)),
            ("create", () => c.Io.Create("", exclusive: false)),
            ("setxattr", () => c.Io.SetXattr("", "a", Bytes.Of("1"))),
            ("getxattrs", () => c.Io.GetXattrs("")),
            ("omap set", () => c.Io.SetOmap("", "k", Bytes.Of("v"))),
            ("omap get", () => c.Io.GetOmapValues("")),
        };
        foreach (var (name, call) in calls)
        {
            Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, call, name);
        }

        Check.Equal(0, c.Io.ListObjects().Count(), "nothing was created");
    }

    /// <summary>a NUL inside a name is an ArgumentException: C would cut the name short and touch another object.</summary>
    [ConformanceCase]
    public static void NulInNamesIsRejected(RadosCaseContext c)
    {
        c.Io.WriteFull("a", Bytes.Of("untouched"));
        Check.ThrowsExactly<ArgumentException>(() => c.Io.WriteFull("a\0b", Bytes.Of("x")), "object name");
        Check.ThrowsExactly<ArgumentException>(() => c.Io.SetXattr("a", "x\0y", Bytes.Of("1")), "xattr name");
        Check.ThrowsExactly<ArgumentException>(() => c.Io.SetNamespace("n\0s"), "namespace");
        Check.ThrowsExactly<ArgumentException>(() => c.Io.GetOmapValues("a", "s\0a"), "start-after");
        Check.ThrowsExactly<ArgumentException>(() => c.Client.LookupPool("p\0q"), "pool name");
        Check.Bytes(Bytes.Of("untouched"), c.Io.ReadAll("a"), "content of 'a'");
        Check.Equal(0, c.Io.GetXattrs("a").Count, "xattrs of 'a'");
        Check.Equal(c.Namespace, c.Io.Namespace, "namespace unchanged");
    }

    /// <summary>argument errors win over a disposed io context.</summary>
    [ConformanceCase]
    public static void ArgumentsAreCheckedBeforeDisposal(RadosCaseContext c)
    {
        IRadosIoContext io = c.OpenIoContext();
        io.Dispose();
        Check.ThrowsExactly<ArgumentNullException>(() => io.Stat(null!), "null name on a disposed io context");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => io.Read("o", new byte[1], -1), "negative offset on a disposed io context");
    }

    /// <summary>iterators: Current before MoveNext is invalid; disposed ones throw ObjectDisposedException.</summary>
    [ConformanceCase]
    public static void IteratorLifetime(RadosCaseContext c)
    {
        c.Io.WriteFull("o", Bytes.Of("x"));
        IRadosObjectIterator iterator = c.Io.OpenObjectIterator();
        Check.ThrowsExactly<InvalidOperationException>(() => _ = iterator.Current, "Current before MoveNext");
        Check.Equal(true, iterator.MoveNext(), "first MoveNext");
        Check.Equal("o", iterator.Current.Name, "current name");
        Check.Equal(false, iterator.MoveNext(), "second MoveNext");
        Check.ThrowsExactly<InvalidOperationException>(() => _ = iterator.Current, "Current after the end");
        iterator.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => iterator.MoveNext(), "MoveNext after dispose");
        IRadosIoContext io = c.OpenIoContext();
        IRadosObjectIterator orphan = io.OpenObjectIterator();
        io.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => orphan.MoveNext(), "MoveNext after its io context was disposed");
        orphan.Dispose();
    }

    /// <summary>a 2048-byte object name works; 2049 bytes is ENAMETOOLONG.</summary>
    [ConformanceCase]
    public static void ObjectNameLengthLimit(RadosCaseContext c)
    {
        string longest = new('o', RadosLimits.MaxObjectNameLength);
        c.Io.WriteFull(longest, Bytes.Of("x"));
        Check.Bytes(Bytes.Of("x"), c.Io.ReadAll(longest), "content under the longest name");
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => c.Io.WriteFull(longest + "o", Bytes.Of("x")), "write_full with a 2049-byte name");
        Check.Equal(1, c.Io.ListObjects().Count(), "only the valid object exists");
    }

    /// <summary>a disposed io context throws ObjectDisposedException.</summary>
    [ConformanceCase]
    public static void DisposedIoContextIsRejected(RadosCaseContext c)
    {
        IRadosIoContext io = c.OpenIoContext();
        io.WriteFull("o", Bytes.Of("x"));
        io.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => io.WriteFull("o", Bytes.Of("y")), "write after dispose");
        Check.ThrowsExactly<ObjectDisposedException>(() => io.Stat("o"), "stat after dispose");
        Check.Bytes(Bytes.Of("x"), c.Io.ReadAll("o"), "content unchanged");
    }

    /// <summary>a disposed client throws ObjectDisposedException.</summary>
    [ConformanceCase]
    public static void DisposedClientIsRejected(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient();
        client.Dispose();
        client.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => client.ListPools(), "pool list after dispose");
        Check.ThrowsExactly<ObjectDisposedException>(() => client.OpenIoContext(c.Target.SharedPool), "open io context after dispose");
    }

    /// <summary>an io context whose connection was shut down fails with ENOTCONN.</summary>
    [ConformanceCase]
    public static void IoContextOfClosedConnectionIsNotConnected(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient();
        using IRadosIoContext io = client.OpenIoContext(c.Target.SharedPool);
        io.SetNamespace(c.Namespace);
        io.WriteFull("o", Bytes.Of("x"));
        IRadosObjectIterator iterator = io.OpenObjectIterator();
        client.Shutdown();
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => io.Read("o", new byte[1], 0), "read after shutdown");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => io.WriteFull("o", Bytes.Of("y")), "write after shutdown");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => _ = io.LastVersion, "last version after shutdown");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => io.SetNamespace("other"), "set namespace after shutdown");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => iterator.MoveNext(), "listing after shutdown");
        Check.Equal(c.Target.SharedPool, io.PoolName, "pool name still answers");
        Check.Equal(c.Namespace, io.Namespace, "namespace still answers");
        iterator.Dispose();
        Check.Bytes(Bytes.Of("x"), c.Io.ReadAll("o"), "content unchanged");
    }

    /// <summary>pool operations before Connect fail with ENOTCONN.</summary>
    [ConformanceCase]
    public static void UnconnectedClientIsNotConnected(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient(connect: false);
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.OpenIoContext(c.Target.SharedPool), "open io context");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.OpenIoContext(1L), "open io context by id");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.LookupPool(c.Target.SharedPool), "pool lookup");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.GetPoolName(1), "pool reverse lookup");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.ListPools(), "pool list");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.CreatePool("never-created"), "pool create");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.DeletePool("never-created"), "pool delete");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.GetClusterStats(), "cluster stats");
        Check.Equal(Guid.Empty.ToString("D"), client.GetFsid(), "fsid before connect");
        Check.Equal(0UL, client.GetInstanceId(), "instance id before connect");
    }

    /// <summary>connecting twice fails with EISCONN and keeps the connection usable.</summary>
    [ConformanceCase]
    public static void ConnectTwiceIsAlreadyConnected(RadosCaseContext c)
    {
        Check.Throws<StorageException>(Errno.EISCONN, () => c.Client.Connect(), "second connect");
        Check.True(c.Client.ListPools().Count > 0, "connection still works");
    }
}
