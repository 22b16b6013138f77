using System.Text;

namespace StorageKit.Emulator.Rados.Classes;

/// <summary>
/// The emulated OSD class <c>hello</c> (Ceph's example class <c>src/cls/hello/cls_hello.cc</c>, loaded by
/// default): methods that read, write, read-modify-write, and two that break their flags on purpose.
/// </summary>
internal static class HelloClass
{
    private const string ClassName = "hello";
    private const int MaxInput = 100;
    private const int ReadLength = 1100;

    /// <summary>The class's methods with the flags cls_hello registers them with.</summary>
    public static IEnumerable<(string Class, string Method, EmulatedClassMethodAccess Flags, EmulatedClassMethod Handler)> Methods { get; } =
    [
        (ClassName, "say_hello", EmulatedClassMethodAccess.Read, SayHello),
        (ClassName, "record_hello", EmulatedClassMethodAccess.Write, RecordHello),
        (ClassName, "writes_dont_return_data", EmulatedClassMethodAccess.Write, WritesDontReturnData),
        (ClassName, "replay", EmulatedClassMethodAccess.Read, Replay),
        (ClassName, "turn_it_to_11", EmulatedClassMethodAccess.Read | EmulatedClassMethodAccess.Write, TurnItTo11),
        (ClassName, "bad_reader", EmulatedClassMethodAccess.Write, context => context.Read(0, 100)),
        (ClassName, "bad_writer", EmulatedClassMethodAccess.Read, BadWriter),
    ];

    private static ReadOnlyMemory<byte> SayHello(EmulatedClassContext context)
    {
        if (context.Input.Length > MaxInput)
        {
            throw Fail(Errno.EINVAL);
        }

        return Greeting(context.Input.Span);
    }

    private static ReadOnlyMemory<byte> RecordHello(EmulatedClassContext context)
    {
        if (context.Input.Length > MaxInput)
        {
            throw Fail(Errno.EINVAL);
        }

        // Only says hello to objects that do not exist yet (cls_cxx_stat succeeds on existing ones). A write
        // method may not read, so existence is all it asks.
        if (context.Exists)
        {
            throw Fail(Errno.EEXIST);
        }

        context.WriteFull(Greeting(context.Input.Span));
        context.SetXattr("said_by", Encoding.UTF8.GetBytes($"{context.ClientName} {context.ClientAddress}"));
        return ReadOnlyMemory<byte>.Empty;
    }

    private static ReadOnlyMemory<byte> WritesDontReturnData(EmulatedClassContext context)
    {
        context.SetXattr("foo", "bar"u8);
        if (context.Input.Length > 0)
        {
            throw Fail(Errno.EINVAL);
        }

        // The OSD drops the output (and a positive return value) of a successful write.
        return Encoding.UTF8.GetBytes("you will never see this");
    }

    private static ReadOnlyMemory<byte> Replay(EmulatedClassContext context) => context.Read(0, ReadLength);

    private static ReadOnlyMemory<byte> TurnItTo11(EmulatedClassContext context)
    {
        if (context.Input.Length != 0)
        {
            throw Fail(Errno.EINVAL);
        }

        string previous = Encoding.UTF8.GetString(context.Read(0, ReadLength));
        context.WriteFull(Encoding.UTF8.GetBytes(previous.ToUpperInvariant()));
        context.SetXattr("amplified_by", Encoding.UTF8.GetBytes($"{context.ClientName} {context.ClientAddress}"));
        return ReadOnlyMemory<byte>.Empty;
    }

    private static ReadOnlyMemory<byte> BadWriter(EmulatedClassContext context)
    {
        context.WriteFull(context.Input.Span);
        return ReadOnlyMemory<byte>.Empty;
    }

    private static byte[] Greeting(ReadOnlySpan<byte> name)
    {
        var greeting = new List<byte>(Encoding.UTF8.GetBytes("Hello, "));
        greeting.AddRange(name.Length == 0 ? Encoding.UTF8.GetBytes("world") : name.ToArray());
        greeting.Add((byte)'!');
        return [.. greeting];
    }

    private static StorageException Fail(Errno errno) => StorageErrors.Create(errno, "rados_read_op_exec", ClassName);
}
