using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StorageKit.Emulator.Tests.Nbd;

/// <summary>
/// A bare NBD client speaking the wire protocol byte by byte, so tests can send what libnbd never would
/// (bad flags, options out of order) and see exactly what the server answers.
/// </summary>
internal sealed class RawNbdClient : IDisposable
{
    public const uint OptExportName = 1, OptAbort = 2, OptList = 3, OptStartTls = 5, OptInfo = 6, OptGo = 7,
        OptStructuredReply = 8, OptListMetaContext = 9, OptSetMetaContext = 10;

    public const uint RepAck = 1, RepServer = 2, RepInfo = 3, RepMetaContext = 4,
        RepErrUnsup = 0x80000001, RepErrPolicy = 0x80000002, RepErrInvalid = 0x80000003, RepErrUnknown = 0x80000006;

    public const ushort CmdRead = 0, CmdWrite = 1, CmdDisconnect = 2, CmdFlush = 3, CmdTrim = 4, CmdCache = 5,
        CmdWriteZeroes = 6, CmdBlockStatus = 7;

    public const ushort ChunkNone = 0, ChunkOffsetData = 1, ChunkOffsetHole = 2, ChunkBlockStatus = 5, ChunkError = 0x8001;

    private readonly NetworkStream _stream;
    private ulong _cookie;

    private RawNbdClient(Socket socket)
    {
        _stream = new NetworkStream(socket, ownsSocket: true);
        _stream.ReadTimeout = 10_000;
    }

    /// <summary>The handshake flags the server sent.</summary>
    public ushort HandshakeFlags { get; private set; }

    /// <summary>Connects and does the fixed newstyle greeting with NO_ZEROES.</summary>
    public static RawNbdClient Connect(EndPoint endPoint, uint clientFlags = 3)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, endPoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp);
        socket.Connect(endPoint);
        var client = new RawNbdClient(socket);
        byte[] greeting = client.Read(18);
        if (BinaryPrimitives.ReadUInt64BigEndian(greeting) != 0x4e42444d41474943 || BinaryPrimitives.ReadUInt64BigEndian(greeting.AsSpan(8)) != 0x49484156454F5054)
        {
            throw new InvalidDataException("not an NBD newstyle server");
        }

        client.HandshakeFlags = BinaryPrimitives.ReadUInt16BigEndian(greeting.AsSpan(16));
        client.Write(U32(clientFlags));
        return client;
    }

    public void SendOption(uint option, byte[] data)
    {
        byte[] header = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(header, 0x49484156454F5054);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), option);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), data.Length);
        Write([.. header, .. data]);
    }

    public (uint Option, uint Type, byte[] Data) ReadOptionReply()
    {
        byte[] header = Read(20);
        if (BinaryPrimitives.ReadUInt64BigEndian(header) != 0x3e889045565a9)
        {
            throw new InvalidDataException("bad option reply magic");
        }

        return (BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8)), BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12)),
            Read(BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16))));
    }

    /// <summary>Sends an option and collects replies up to the final one (ACK or an error).</summary>
    public List<(uint Type, byte[] Data)> Option(uint option, byte[] data)
    {
        SendOption(option, data);
        var replies = new List<(uint Type, byte[] Data)>();
        while (true)
        {
            (uint replyOption, uint type, byte[] replyData) = ReadOptionReply();
            if (replyOption != option)
            {
                throw new InvalidDataException($"reply for option {replyOption}, expected {option}");
            }

            replies.Add((type, replyData));
            if (type == RepAck || (type & 0x80000000) != 0)
            {
                return replies;
            }
        }
    }

    public static byte[] InfoData(string name, params ushort[] requests)
    {
        byte[] text = Encoding.UTF8.GetBytes(name);
        var data = new List<byte>();
        data.AddRange(U32((uint)text.Length));
        data.AddRange(text);
        data.AddRange(U16((ushort)requests.Length));
        foreach (ushort request in requests)
        {
            data.AddRange(U16(request));
        }

        return [.. data];
    }

    public static byte[] MetaContextData(string exportName, params string[] queries)
    {
        var data = new List<byte>();
        byte[] text = Encoding.UTF8.GetBytes(exportName);
        data.AddRange(U32((uint)text.Length));
        data.AddRange(text);
        data.AddRange(U32((uint)queries.Length));
        foreach (string query in queries)
        {
            byte[] q = Encoding.UTF8.GetBytes(query);
            data.AddRange(U32((uint)q.Length));
            data.AddRange(q);
        }

        return [.. data];
    }

    /// <summary>Structured replies, base:allocation, then GO: ready for commands; returns (size, flags).</summary>
    public (long Size, ushort Flags) Go(string name, bool structured = true, bool baseAllocation = true)
    {
        if (structured)
        {
            Expect(Option(OptStructuredReply, []), RepAck);
            if (baseAllocation)
            {
                Expect(Option(OptSetMetaContext, MetaContextData(name, "base:allocation")), RepAck);
            }
        }

        List<(uint Type, byte[] Data)> replies = Option(OptGo, InfoData(name));
        Expect(replies, RepAck);
        byte[] export = replies.First(r => r.Type == RepInfo && BinaryPrimitives.ReadUInt16BigEndian(r.Data) == 0).Data;
        return (BinaryPrimitives.ReadInt64BigEndian(export.AsSpan(2)), BinaryPrimitives.ReadUInt16BigEndian(export.AsSpan(10)));
    }

    public static void Expect(List<(uint Type, byte[] Data)> replies, uint last)
    {
        if (replies[^1].Type != last)
        {
            throw new InvalidDataException($"option ended with 0x{replies[^1].Type:x}, expected 0x{last:x}");
        }
    }

    /// <summary>Sends a command; returns its cookie.</summary>
    public ulong Send(ushort type, ushort flags, ulong offset, uint length, byte[]? payload = null)
    {
        byte[] request = new byte[28];
        BinaryPrimitives.WriteUInt32BigEndian(request, 0x25609513);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(4), flags);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(6), type);
        ulong cookie = ++_cookie;
        BinaryPrimitives.WriteUInt64BigEndian(request.AsSpan(8), cookie);
        BinaryPrimitives.WriteUInt64BigEndian(request.AsSpan(16), offset);
        BinaryPrimitives.WriteUInt32BigEndian(request.AsSpan(24), length);
        Write(payload is null ? request : [.. request, .. payload]);
        return cookie;
    }

    /// <summary>A simple reply: (error, cookie); <paramref name="dataLength"/> bytes of read data follow on success.</summary>
    public (uint Error, ulong Cookie, byte[] Data) ReadSimple(int dataLength = 0)
    {
        byte[] header = Read(16);
        if (BinaryPrimitives.ReadUInt32BigEndian(header) != 0x67446698)
        {
            throw new InvalidDataException("expected a simple reply");
        }

        uint error = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        return (error, BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)), error == 0 ? Read(dataLength) : []);
    }

    /// <summary>Reads replies to one command until DONE: simple replies come back as one pseudo chunk of type <see cref="ChunkError"/> or <see cref="ChunkNone"/>.</summary>
    public List<(ushort Type, byte[] Payload)> ReadStructured()
    {
        var chunks = new List<(ushort Type, byte[] Payload)>();
        while (true)
        {
            byte[] magic = Read(4);
            if (BinaryPrimitives.ReadUInt32BigEndian(magic) == 0x67446698)
            {
                byte[] rest = Read(12);
                uint error = BinaryPrimitives.ReadUInt32BigEndian(rest);
                chunks.Add((error == 0 ? ChunkNone : ChunkError, U32(error)));
                return chunks;
            }

            byte[] header = Read(16);
            ushort flags = BinaryPrimitives.ReadUInt16BigEndian(header);
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
            chunks.Add((type, Read(BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(12)))));
            if ((flags & 1) != 0)
            {
                return chunks;
            }
        }
    }

    /// <summary>The error a command got: from a simple reply or a structured error chunk.</summary>
    public uint ErrorOf(ushort type, ushort flags, ulong offset, uint length, byte[]? payload = null)
    {
        Send(type, flags, offset, length, payload);
        (ushort chunkType, byte[] data) = ReadStructured()[^1];
        return chunkType == ChunkError ? BinaryPrimitives.ReadUInt32BigEndian(data) : 0;
    }

    /// <summary>True when the server closed the connection (reads end).</summary>
    public bool IsClosedByServer()
    {
        try
        {
            return _stream.Read(new byte[1]) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _stream.Dispose();

    public static byte[] U32(uint value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] U16(ushort value)
    {
        byte[] bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>Reads <paramref name="count"/> raw bytes (the answer to NBD_OPT_EXPORT_NAME).</summary>
    public byte[] ReadSimpleRaw(int count) => Read(count);

    private void Write(byte[] data) => _stream.Write(data);

    private byte[] Read(int count)
    {
        byte[] data = new byte[count];
        _stream.ReadExactly(data);
        return data;
    }
}
