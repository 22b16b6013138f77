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

    /// <summary>an empty object name is rejected by the cluster with EINVAL.</summary>
    [ConformanceCase]
    public static void EmptyObjectNameIsInvalid(RadosCaseContext c)
    {
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.WriteFull("", Bytes.Of("x")), "write_full");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.Stat(""), "stat");
        Check.Equal(0, c.Io.ListObjects().Count(), "nothing was created");
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
        client.Shutdown();
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => io.Read("o", new byte[1], 0), "read after shutdown");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => io.WriteFull("o", Bytes.Of("y")), "write after shutdown");
        Check.Bytes(Bytes.Of("x"), c.Io.ReadAll("o"), "content unchanged");
    }

    /// <summary>pool operations before Connect fail with ENOTCONN.</summary>
    [ConformanceCase]
    public static void UnconnectedClientIsNotConnected(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient(connect: false);
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.OpenIoContext(c.Target.SharedPool), "open io context");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.LookupPool(c.Target.SharedPool), "pool lookup");
    }

    /// <summary>connecting twice fails with EISCONN and keeps the connection usable.</summary>
    [ConformanceCase]
    public static void ConnectTwiceIsAlreadyConnected(RadosCaseContext c)
    {
        Check.Throws<StorageException>(Errno.EISCONN, () => c.Client.Connect(), "second connect");
        Check.True(c.Client.ListPools().Count > 0, "connection still works");
    }
}
