using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using StorageKit.Emulator.Nbd;
using StorageKit.Nbd;
using static StorageKit.Emulator.Tests.Nbd.RawNbdClient;

namespace StorageKit.Emulator.Tests.Nbd;

/// <summary>The managed NBD server on loopback, driven byte by byte: handshake, options, commands and errors.</summary>
public sealed class NbdServerTests
{
    private const uint EPerm = 1, ENoMem = 12, EInval = 22, ENoSpc = 28;
    private static readonly string[] BaseAllocationOnly = ["base:allocation"];
    private NbdServer _server = null!;
    private IPEndPoint _endPoint = null!;

    [SetUp]
    public void StartServer()
    {
        _server = new NbdServer(
        [
            new MemoryNbdExport(new MemoryNbdExportOptions { Size = 1 << 20 }),
            new MemoryNbdExport(new MemoryNbdExportOptions { Name = "ro", Size = 1 << 20, ReadOnly = true, Description = "read only" }),
        ], new NbdServerOptions { MaxRequestSize = 65536 });
        _endPoint = _server.ListenTcp(new IPEndPoint(IPAddress.Loopback, 0));
    }

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public void HandshakeIsFixedNewstyleWithNoZeroes()
    {
        using RawNbdClient client = Connect(_endPoint);
        Assert.That(client.HandshakeFlags, Is.EqualTo(3));
        Assert.That(_endPoint.Port, Is.Not.Zero);
    }

    [Test]
    public void ListGivesEveryExportAndItsDescription()
    {
        using RawNbdClient client = Connect(_endPoint);
        List<(uint Type, byte[] Data)> replies = client.Option(OptList, []);
        Assert.That(replies.Select(r => r.Type), Is.EqualTo(new[] { RepServer, RepServer, RepAck }));
        Assert.That(Encoding.UTF8.GetString(replies[1].Data.AsSpan(4)), Is.EqualTo("roread only"));
        Assert.That(client.Option(OptList, [1])[^1].Type, Is.EqualTo(RepErrInvalid), "LIST takes no data");
    }

    [Test]
    public void InfoAnswersForKnownExportsOnly()
    {
        using RawNbdClient client = Connect(_endPoint);
        Assert.That(client.Option(OptInfo, InfoData("nope"))[^1].Type, Is.EqualTo(RepErrUnknown));
        Assert.That(client.Option(OptInfo, [0, 0, 0, 9, 0, 0])[^1].Type, Is.EqualTo(RepErrInvalid), "name longer than the data");

        List<(uint Type, byte[] Data)> replies = client.Option(OptInfo, InfoData("ro", 1, 2));
        Assert.That(replies.Select(r => r.Type), Is.EqualTo(new[] { RepInfo, RepInfo, RepInfo, RepAck }));
        byte[] export = replies[0].Data;
        Assert.That(BinaryPrimitives.ReadInt64BigEndian(export.AsSpan(2)), Is.EqualTo(1 << 20));

        // Read-only drops FUA, trim and zero; DF waits for structured replies.
        var flags = (NbdExportFlags)BinaryPrimitives.ReadUInt16BigEndian(export.AsSpan(10));
        Assert.That(flags, Is.EqualTo(NbdExportFlags.HasFlags | NbdExportFlags.ReadOnly | NbdExportFlags.CanFlush | NbdExportFlags.CanCache | NbdExportFlags.CanMultiConn));
        Assert.That(Encoding.UTF8.GetString(replies[2].Data.AsSpan(2)), Is.EqualTo("read only"));
    }

    [Test]
    public void UnknownOptionsAreUnsupportedAndTlsRefused()
    {
        using RawNbdClient client = Connect(_endPoint);
        Assert.That(client.Option(42, [])[^1].Type, Is.EqualTo(RepErrUnsup));
        Assert.That(client.Option(OptStartTls, [])[^1].Type, Is.EqualTo(RepErrPolicy));
        Assert.That(client.Option(OptStructuredReply, [1])[^1].Type, Is.EqualTo(RepErrInvalid), "takes no data");
        Assert.That(client.Option(OptStructuredReply, [])[^1].Type, Is.EqualTo(RepAck));
        Assert.That(client.Option(OptStructuredReply, [])[^1].Type, Is.EqualTo(RepAck), "twice, as nbdkit");
    }

    [Test]
    public void MetaContextsNeedStructuredRepliesAndMatchBaseQueries()
    {
        using RawNbdClient client = Connect(_endPoint);
        Assert.That(client.Option(OptSetMetaContext, MetaContextData("", "base:allocation"))[^1].Type, Is.EqualTo(RepErrInvalid));
        Assert.That(Names(client.Option(OptListMetaContext, MetaContextData(""))), Is.EqualTo(BaseAllocationOnly), "listing needs no structured replies");
        client.Option(OptStructuredReply, []);
        Assert.That(Names(client.Option(OptListMetaContext, MetaContextData(""))), Is.EqualTo(BaseAllocationOnly));
        Assert.That(Names(client.Option(OptListMetaContext, MetaContextData("", "base:"))), Is.EqualTo(BaseAllocationOnly));
        Assert.That(Names(client.Option(OptListMetaContext, MetaContextData("", "qemu:dirty-bitmap:a"))), Is.Empty);
        Assert.That(client.Option(OptListMetaContext, MetaContextData("nope"))[^1].Type, Is.EqualTo(RepErrUnknown));
        Assert.That(Names(client.Option(OptSetMetaContext, MetaContextData("", "base:allocation", "x:y"))), Is.EqualTo(BaseAllocationOnly));
        Assert.That(Names(client.Option(OptSetMetaContext, MetaContextData("", "base:"))), Is.Empty, "a namespace only lists");
    }

    [Test]
    public void ExportNameOptionAnswersWithoutZeroesAndHangsUpOnUnknownNames()
    {
        using (RawNbdClient client = Connect(_endPoint))
        {
            client.SendOption(OptExportName, Encoding.UTF8.GetBytes("ro"));
            client.Send(CmdRead, 0, 0, 4);
            (uint error, _, byte[] data) = ReadAfterExportName(client);
            Assert.That((error, data), Is.EqualTo((0u, new byte[4])));
        }

        using RawNbdClient unknown = Connect(_endPoint);
        unknown.SendOption(OptExportName, Encoding.UTF8.GetBytes("nope"));
        Assert.That(unknown.IsClosedByServer(), Is.True);
    }

    [Test]
    public void AbortIsAcknowledgedThenTheServerHangsUp()
    {
        using RawNbdClient client = Connect(_endPoint);
        Assert.That(client.Option(OptAbort, [])[^1].Type, Is.EqualTo(RepAck));
        Assert.That(client.IsClosedByServer(), Is.True);
    }

    [Test]
    public void WritesReadBackWithSimpleReplies()
    {
        using RawNbdClient client = Connect(_endPoint);
        (long size, ushort flags) = client.Go("", structured: false);
        Assert.That(size, Is.EqualTo(1 << 20));
        Assert.That((NbdExportFlags)flags & NbdExportFlags.CanDf, Is.EqualTo(NbdExportFlags.None), "no DF without structured replies");
        client.Send(CmdWrite, 1, 1000, 5, "hello"u8.ToArray());
        Assert.That(client.ReadSimple().Error, Is.Zero);
        client.Send(CmdRead, 0, 999, 7);
        Assert.That(client.ReadSimple(7).Data, Is.EqualTo("\0hello\0"u8.ToArray()));
        Assert.That(client.ErrorOf(CmdBlockStatus, 0, 0, 10), Is.EqualTo(EInval), "block status needs structured replies");
        Assert.That(client.ErrorOf(CmdRead, 4, 0, 10), Is.EqualTo(EInval), "DF needs structured replies");
    }

    [Test]
    public void StructuredReadsSendHolesUnlessDf()
    {
        using RawNbdClient client = Connect(_endPoint);
        client.Go("");
        client.Send(CmdWrite, 0, 40000, 3, "abc"u8.ToArray());
        client.ReadStructured();

        client.Send(CmdRead, 0, 16384, 65536);
        List<(ushort Type, byte[] Payload)> chunks = client.ReadStructured();
        Assert.That(chunks.Select(c => c.Type), Is.EqualTo(new[] { ChunkOffsetHole, ChunkOffsetData, ChunkOffsetHole }));
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(chunks[0].Payload.AsSpan(8)), Is.EqualTo(16384));
        Assert.That(BinaryPrimitives.ReadInt64BigEndian(chunks[1].Payload), Is.EqualTo(32768));
        Assert.That(chunks[1].Payload.Length, Is.EqualTo(8 + 32768));
        Assert.That(chunks[1].Payload.AsSpan(8 + 40000 - 32768, 3).ToArray(), Is.EqualTo("abc"u8.ToArray()));
        Assert.That(BinaryPrimitives.ReadInt64BigEndian(chunks[2].Payload), Is.EqualTo(65536));

        client.Send(CmdRead, 4, 16384, 65536);
        chunks = client.ReadStructured();
        Assert.That(chunks.Select(c => (c.Type, c.Payload.Length)), Is.EqualTo(new[] { (ChunkOffsetData, 8 + 65536) }));
    }

    [Test]
    public void BlockStatusGivesPagesAndReqOneCutsToTheRequest()
    {
        using RawNbdClient client = Connect(_endPoint);
        client.Go("");
        client.Send(CmdWrite, 0, 100, 1, [1]);
        client.ReadStructured();

        Assert.That(BlockStatus(client, 0, 0, 1 << 20), Is.EqualTo(new[] { (32768u, 0u), (1015808u, 3u) }));
        Assert.That(BlockStatus(client, 0, 50, 100), Is.EqualTo(new[] { (32718u, 0u) }), "the last extent whole, as nbdkit");
        Assert.That(BlockStatus(client, 8, 50, 100), Is.EqualTo(new[] { (100u, 0u) }), "REQ_ONE");
    }

    [Test]
    public void BadRequestsGetTheErrorsNbdkitGives()
    {
        using RawNbdClient client = Connect(_endPoint);
        client.Go("");
        const ulong end = 1 << 20;
        Assert.That(client.ErrorOf(CmdRead, 0, end - 5, 10), Is.EqualTo(EInval));
        Assert.That(client.ErrorOf(CmdWrite, 0, end - 5, 10, new byte[10]), Is.EqualTo(ENoSpc));
        Assert.That(client.ErrorOf(CmdWriteZeroes, 0, 0, 0), Is.EqualTo(ENoSpc));
        Assert.That(client.ErrorOf(CmdTrim, 0, end, 1), Is.EqualTo(EInval));
        Assert.That(client.ErrorOf(CmdBlockStatus, 0, end, 10), Is.EqualTo(EInval));
        Assert.That(client.ErrorOf(CmdFlush, 0, 1, 0), Is.EqualTo(EInval));
        Assert.That(client.ErrorOf(9, 0, 0, 1), Is.EqualTo(EInval), "unknown command");
        Assert.That(client.ErrorOf(CmdWrite, 0x20, 0, 1, [0]), Is.EqualTo(EInval), "unknown flag");
        Assert.That(client.ErrorOf(CmdWrite, 2, 0, 1, [0]), Is.EqualTo(EInval), "NO_HOLE on a write");
        Assert.That(client.ErrorOf(CmdRead, 8, 0, 1), Is.EqualTo(EInval), "REQ_ONE on a read");
        Assert.That(client.ErrorOf(CmdRead, 1, 0, 1), Is.Zero, "FUA is accepted on any command when advertised");
        Assert.That(client.ErrorOf(CmdRead, 0, 0, 65537), Is.EqualTo(ENoMem), "over the maximum request size");
        Assert.That(client.ErrorOf(CmdWrite, 0, 0, 65537, new byte[65537]), Is.EqualTo(ENoMem), "payload skipped, still in step");
        Assert.That(client.ErrorOf(CmdCache, 0, 0, 10), Is.Zero);
        Assert.That(client.ErrorOf(CmdWriteZeroes, 0x13, 0, 10), Is.Zero, "FUA|NO_HOLE|FAST_ZERO");

        using RawNbdClient readOnly = Connect(_endPoint);
        readOnly.Go("ro");
        Assert.That(readOnly.ErrorOf(CmdWrite, 0, end - 5, 10, new byte[10]), Is.EqualTo(EPerm), "read-only is checked before the range");
        Assert.That(readOnly.ErrorOf(CmdTrim, 0, 0, 10), Is.EqualTo(EPerm));
        Assert.That(readOnly.ErrorOf(CmdFlush, 0, 0, 0), Is.Zero);
        Assert.That(readOnly.ErrorOf(CmdRead, 1, 0, 10), Is.EqualTo(EInval), "no FUA on a read-only export");
    }

    [Test]
    public void ConnectionsShareDataButNotNegotiation()
    {
        using RawNbdClient structured = Connect(_endPoint);
        using RawNbdClient simple = Connect(_endPoint);
        structured.Go("");
        simple.Go("", structured: false);
        structured.Send(CmdWrite, 0, 0, 2, [7, 8]);
        structured.ReadStructured();
        simple.Send(CmdRead, 0, 0, 2);
        Assert.That(simple.ReadSimple(2).Data, Is.EqualTo(new byte[] { 7, 8 }));
        Assert.That(simple.ErrorOf(CmdBlockStatus, 0, 0, 10), Is.EqualTo(EInval));
        Assert.That(structured.ErrorOf(CmdBlockStatus, 0, 0, 10), Is.Zero);
        Assert.That(_server.ConnectionCount, Is.EqualTo(2));
    }

    [Test]
    public async Task StopClosesConnectionsAndTheUnixSocket()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sk-nbd-{Guid.NewGuid():N}.sock");
        _server.ListenUnix(path);
        Assert.That(_server.UnixSocketPath, Is.EqualTo(path));
        using RawNbdClient overUnix = Connect(new UnixDomainSocketEndPoint(path));
        overUnix.Go("");
        overUnix.Send(CmdWrite, 0, 0, 1, [1]);
        Assert.That(overUnix.ReadStructured()[^1].Type, Is.EqualTo(ChunkNone));
        using RawNbdClient overTcp = Connect(_endPoint);

        await _server.StopAsync();
        Assert.That(overUnix.IsClosedByServer(), Is.True);
        Assert.That(overTcp.IsClosedByServer(), Is.True);
        Assert.That(File.Exists(path), Is.False);
        Assert.That(_server.ConnectionCount, Is.Zero);
        Assert.Throws<SocketException>(() => Connect(_endPoint).Dispose());
    }

    private static (uint Error, ulong Cookie, byte[] Data) ReadAfterExportName(RawNbdClient client)
    {
        // NBD_OPT_EXPORT_NAME answers with size and flags only (NO_ZEROES), then comes the read's reply.
        _ = client.ReadSimpleRaw(10);
        return client.ReadSimple(4);
    }

    private static List<string> Names(List<(uint Type, byte[] Data)> replies)
    {
        Assert.That(replies[^1].Type, Is.EqualTo(RepAck));
        return [.. replies.Where(r => r.Type == RepMetaContext).Select(r => Encoding.UTF8.GetString(r.Data.AsSpan(4)))];
    }

    private static (uint Length, uint Flags)[] BlockStatus(RawNbdClient client, ushort flags, ulong offset, uint length)
    {
        client.Send(CmdBlockStatus, flags, offset, length);
        (ushort type, byte[] payload) = client.ReadStructured().Single();
        Assert.That(type, Is.EqualTo(ChunkBlockStatus));
        return [.. Enumerable.Range(0, (payload.Length - 4) / 8).Select(i => (
            BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(4 + (8 * i))),
            BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(8 + (8 * i)))))];
    }
}
