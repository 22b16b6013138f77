using System.Text;
using NUnit.Framework;
using StorageKit.Emulator.Rados;
using StorageKit.Rados;

namespace StorageKit.Emulator.Tests;

/// <summary>User-registered emulated object classes (<see cref="EmulatedRadosCluster.RegisterClassMethod(string, string, EmulatedClassMethodAccess, EmulatedClassMethod)"/>).</summary>
public sealed class EmulatedClassTests
{
    private static (EmulatedRadosCluster Cluster, IRadosClient Client, IRadosIoContext Io) Start()
    {
        var cluster = new EmulatedRadosCluster();
        IRadosClient client = cluster.Connect();
        client.CreatePool("p");
        return (cluster, client, client.OpenIoContext("p"));
    }

    [Test]
    public void RegisteredMethodReadsAndWritesTheObject()
    {
        var (cluster, client, io) = Start();
        // A counter class: "add" adds the input number to the value kept in omap key "n" and remembers the caller.
        cluster.RegisterClassMethod("counter", "add", EmulatedClassMethodAccess.Read | EmulatedClassMethodAccess.Write, context =>
        {
            long current = context.Exists && context.GetOmapValues().Any(e => e.Key == "n")
                ? long.Parse(Encoding.UTF8.GetString(context.GetOmapValue("n")), System.Globalization.CultureInfo.InvariantCulture)
                : 0;
            long added = current + long.Parse(Encoding.UTF8.GetString(context.Input.Span), System.Globalization.CultureInfo.InvariantCulture);
            context.SetOmapValue("n", Encoding.UTF8.GetBytes(added.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            context.SetXattr("by", Encoding.UTF8.GetBytes(context.ClientName));
            return ReadOnlyMemory<byte>.Empty;
        });
        cluster.RegisterClassMethod("counter", "get", EmulatedClassMethodAccess.Read, context => context.GetOmapValue("n"));

        io.Execute("c", "counter", "add", "5"u8);
        io.Execute("c", "counter", "add", "37"u8);

        Assert.That(Encoding.UTF8.GetString(io.Execute("c", "counter", "get", [])), Is.EqualTo("42"));
        Assert.That(Encoding.UTF8.GetString(io.GetXattr("c", "by")), Is.EqualTo($"client.{client.GetInstanceId()}"));
        io.Dispose();
        client.Dispose();
    }

    [Test]
    public void FailingMethodLeavesNoTrace()
    {
        var (cluster, client, io) = Start();
        cluster.RegisterClassMethod("t", "half", context =>
        {
            context.WriteFull("written"u8);
            context.SetXattr("a", "1"u8);
            throw StorageErrors.Create(Errno.ECANCELED, "rados_read_op_exec", context.ObjectName);
        });
        io.WriteFull("o", "before"u8);

        var ex = Assert.Throws<StorageComparisonException>(() => io.Execute("o", "t", "half", []));
        Assert.That(ex!.Errno, Is.EqualTo(Errno.ECANCELED));
        Assert.That(io.ReadAll("o"), Is.EqualTo("before"u8.ToArray()));
        Assert.That(io.GetXattrs("o"), Is.Empty);
        Assert.That(() => io.Execute("missing", "t", "half", []), Throws.TypeOf<StorageComparisonException>());
        Assert.That(() => io.Stat("missing"), Throws.TypeOf<StorageNotFoundException>(), "a failed method creates nothing");
        io.Dispose();
        client.Dispose();
    }

    [Test]
    public void AccessIsEnforcedAndWriteOutputDropped()
    {
        var (cluster, client, io) = Start();
        cluster.RegisterClassMethod("t", "sneaky_write", EmulatedClassMethodAccess.Read, context =>
        {
            context.SetXattr("x", "y"u8);
            return ReadOnlyMemory<byte>.Empty;
        });
        cluster.RegisterClassMethod("t", "blind_read", EmulatedClassMethodAccess.Write, context => context.Read(0, 10));
        cluster.RegisterClassMethod("t", "chatty_write", EmulatedClassMethodAccess.Write, context =>
        {
            context.Create(exclusive: false);
            return "ignored"u8.ToArray();
        });
        io.WriteFull("o", "data"u8);

        Assert.That(Assert.Throws<StorageException>(() => io.Execute("o", "t", "sneaky_write", []))!.Errno, Is.EqualTo(Errno.EIO));
        Assert.That(Assert.Throws<StorageException>(() => io.Execute("o", "t", "blind_read", []))!.Errno, Is.EqualTo(Errno.EIO));
        Assert.That(io.Execute("new", "t", "chatty_write", []), Is.Empty, "the OSD drops what a write method outputs");
        Assert.That(io.Stat("new").Size, Is.Zero);
        Assert.That(() => io.Execute("absent", "t", "sneaky_write", []), Throws.TypeOf<StorageNotFoundException>(), "a method that does not write needs the object");
        io.Dispose();
        client.Dispose();
    }

    [Test]
    public void MethodsAreRegisteredOnce()
    {
        var cluster = new EmulatedRadosCluster();
        EmulatedClassMethod handler = _ => ReadOnlyMemory<byte>.Empty;
        cluster.RegisterClassMethod("mine", "m", handler);
        Assert.That(() => cluster.RegisterClassMethod("mine", "m", handler), Throws.InvalidOperationException);
        Assert.That(() => cluster.RegisterClassMethod("lock", "lock", handler), Throws.InvalidOperationException, "built-in methods cannot be replaced");
        Assert.That(() => cluster.RegisterClassMethod("", "m", handler), Throws.ArgumentException);
    }

    [Test]
    public void LockApiAndLockClassShareState()
    {
        var (_, client, io) = Start();
        io.LockExclusive("o", "L", "ck", "why");
        Assert.That(io.GetXattrs("o").Keys.Single(), Is.EqualTo("lock.L"));
        byte[] getInfo = [1, 1, 5, 0, 0, 0, 1, 0, 0, 0, (byte)'L'];
        Assert.That(io.Execute("o", "lock", "get_info", getInfo), Is.EqualTo(io.GetXattr("o", "lock.L")));
        Assert.That(io.ListLockers("o", "L").Lockers.Single().Client, Is.EqualTo($"client.{client.GetInstanceId()}"));
        io.Dispose();
        client.Dispose();
    }
}
