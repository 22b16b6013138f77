using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using StorageKit.Nbd;
using static StorageKit.Emulator.Nbd.NbdProtocol;

namespace StorageKit.Emulator.Nbd;

/// <summary>
/// One client of an <see cref="NbdServer"/>: the fixed newstyle handshake, option haggling, then commands served
/// in order, each reply sent before the next request is read (clients may still pipeline). Every connection keeps
/// its own negotiated state. Validation follows nbdkit 1.32 check for check (measured, docs/nbd-probe-results.md).
/// </summary>
internal sealed class NbdServerConnection(NbdServer server, Stream stream)
{
    private const int MaxOptionLength = 64 * 1024;
    private const int MaxDiscardedOptionLength = 16 << 20;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _header = new byte[28];
    private bool _noZeroes;
    private bool _structured;
    private string? _metaContextExport;
    private bool _baseAllocation;
    private INbdExport? _export;
    private NbdExportFlags _flags;

    /// <summary>Serves the client until it disconnects, breaks the protocol or the server stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        byte[] greeting = new byte[18];
        BinaryPrimitives.WriteUInt64BigEndian(greeting, NbdMagic);
        BinaryPrimitives.WriteUInt64BigEndian(greeting.AsSpan(8), OptionMagic);
        BinaryPrimitives.WriteUInt16BigEndian(greeting.AsSpan(16), FlagFixedNewstyle | FlagNoZeroes);
        await stream.WriteAsync(greeting, cancellationToken).ConfigureAwait(false);

        await stream.ReadExactlyAsync(_header.AsMemory(0, 4), cancellationToken).ConfigureAwait(false);
        uint clientFlags = BinaryPrimitives.ReadUInt32BigEndian(_header);
        if ((clientFlags & ~(ClientFlagFixedNewstyle | ClientFlagNoZeroes)) != 0)
        {
            // The spec: a server must drop a client asking for flags it does not know.
            return;
        }

        _noZeroes = (clientFlags & ClientFlagNoZeroes) != 0;
        if (await NegotiateAsync(cancellationToken).ConfigureAwait(false))
        {
            await TransmitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Option haggling; true once an export is selected, false to hang up.</summary>
    private async Task<bool> NegotiateAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await stream.ReadExactlyAsync(_header.AsMemory(0, 16), cancellationToken).ConfigureAwait(false);
            if (BinaryPrimitives.ReadUInt64BigEndian(_header) != OptionMagic)
            {
                return false;
            }

            uint option = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(8));
            uint length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(12));
            if (length > MaxOptionLength)
            {
                if (option == OptExportName || length > MaxDiscardedOptionLength)
                {
                    return false;
                }

                await DiscardAsync(length, cancellationToken).ConfigureAwait(false);
                await ReplyAsync(option, RepErrTooBig, "option too long", cancellationToken).ConfigureAwait(false);
                continue;
            }

            byte[] data = new byte[length];
            await stream.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
            switch (option)
            {
                case OptExportName:
                    return await ExportNameAsync(data, cancellationToken).ConfigureAwait(false);
                case OptAbort:
                    await AbortAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                case OptList:
                    await ListAsync(data, cancellationToken).ConfigureAwait(false);
                    break;
                case OptStartTls:
                    // No TLS here: refused by policy, as nbdkit without --tls answers (measured).
                    await ReplyAsync(option, length == 0 ? RepErrPolicy : RepErrInvalid, "TLS is not supported", cancellationToken).ConfigureAwait(false);
                    break;
                case OptInfo:
                case OptGo:
                    if (await InfoAsync(option, data, cancellationToken).ConfigureAwait(false) && option == OptGo)
                    {
                        return true;
                    }

                    break;
                case OptStructuredReply:
                    await StructuredReplyAsync(data, cancellationToken).ConfigureAwait(false);
                    break;
                case OptListMetaContext:
                case OptSetMetaContext:
                    await MetaContextAsync(option, data, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await ReplyAsync(option, RepErrUnsup, $"option {option} is not supported", cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task<bool> ExportNameAsync(byte[] data, CancellationToken cancellationToken)
    {
        // The old way to pick an export has no error reply: an unknown name can only hang up.
        if (!TryDecode(data, out string? name) || !Select(name))
        {
            return false;
        }

        byte[] reply = new byte[_noZeroes ? 10 : 134];
        BinaryPrimitives.WriteInt64BigEndian(reply, _export!.Size);
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(8), (ushort)_flags);
        await stream.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task AbortAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReplyAsync(OptAbort, RepAck, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Clients may hang up right after sending ABORT; the ack is a courtesy.
        }
    }

    private async Task ListAsync(byte[] data, CancellationToken cancellationToken)
    {
        if (data.Length != 0)
        {
            await ReplyAsync(OptList, RepErrInvalid, "NBD_OPT_LIST takes no data", cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (INbdExport export in server.Exports)
        {
            byte[] name = Utf8.GetBytes(export.Name);
            byte[] description = Utf8.GetBytes(export.Description);
            byte[] reply = new byte[4 + name.Length + description.Length];
            BinaryPrimitives.WriteInt32BigEndian(reply, name.Length);
            name.CopyTo(reply, 4);
            description.CopyTo(reply, 4 + name.Length);
            await ReplyAsync(OptList, RepServer, reply, cancellationToken).ConfigureAwait(false);
        }

        await ReplyAsync(OptList, RepAck, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>NBD_OPT_INFO and NBD_OPT_GO; true when the export was found and acknowledged.</summary>
    private async Task<bool> InfoAsync(uint option, byte[] data, CancellationToken cancellationToken)
    {
        // u32 name length, name, u16 number of requests, u16 requests.
        if (data.Length < 6)
        {
            await ReplyAsync(option, RepErrInvalid, "option data too short", cancellationToken).ConfigureAwait(false);
            return false;
        }

        uint nameLength = BinaryPrimitives.ReadUInt32BigEndian(data);
        if (nameLength > data.Length - 6
            || data.Length != 6 + (int)nameLength + (2 * BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(4 + (int)nameLength)))
            || !TryDecode(data.AsSpan(4, (int)nameLength), out string? name))
        {
            await ReplyAsync(option, RepErrInvalid, "malformed option data", cancellationToken).ConfigureAwait(false);
            return false;
        }

        INbdExport? export = server.Find(name);
        if (export is null)
        {
            await ReplyAsync(option, RepErrUnknown, $"no export named '{name}'", cancellationToken).ConfigureAwait(false);
            return false;
        }

        var requests = new HashSet<ushort>();
        for (int i = 6 + (int)nameLength; i < data.Length; i += 2)
        {
            requests.Add(BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(i)));
        }

        NbdExportFlags flags = FlagsFor(export);
        byte[] info = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(info, InfoExport);
        BinaryPrimitives.WriteInt64BigEndian(info.AsSpan(2), export.Size);
        BinaryPrimitives.WriteUInt16BigEndian(info.AsSpan(10), (ushort)flags);
        await ReplyAsync(option, RepInfo, info, cancellationToken).ConfigureAwait(false);
        if (requests.Contains(InfoName))
        {
            await ReplyAsync(option, RepInfo, InfoString(InfoName, export.Name), cancellationToken).ConfigureAwait(false);
        }

        if (requests.Contains(InfoDescription) && export.Description.Length > 0)
        {
            await ReplyAsync(option, RepInfo, InfoString(InfoDescription, export.Description), cancellationToken).ConfigureAwait(false);
        }

        if (export.BlockSizes is var (minimum, preferred, maximum))
        {
            // Sent whether asked or not, as nbdkit does: the constraints hold either way.
            byte[] sizes = new byte[14];
            BinaryPrimitives.WriteUInt16BigEndian(sizes, InfoBlockSize);
            BinaryPrimitives.WriteUInt32BigEndian(sizes.AsSpan(2), (uint)minimum);
            BinaryPrimitives.WriteUInt32BigEndian(sizes.AsSpan(6), (uint)preferred);
            BinaryPrimitives.WriteUInt32BigEndian(sizes.AsSpan(10), (uint)maximum);
            await ReplyAsync(option, RepInfo, sizes, cancellationToken).ConfigureAwait(false);
        }

        await ReplyAsync(option, RepAck, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        if (option == OptGo)
        {
            Select(name);
        }

        return true;
    }

    private async Task StructuredReplyAsync(byte[] data, CancellationToken cancellationToken)
    {
        if (data.Length != 0)
        {
            await ReplyAsync(OptStructuredReply, RepErrInvalid, "NBD_OPT_STRUCTURED_REPLY takes no data", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Asking again is acknowledged again, as nbdkit does.
            _structured = true;
            await ReplyAsync(OptStructuredReply, RepAck, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MetaContextAsync(uint option, byte[] data, CancellationToken cancellationToken)
    {
        if (!TryParseMetaContext(data, out string? exportName, out List<string>? queries))
        {
            await ReplyAsync(option, RepErrInvalid, "malformed option data", cancellationToken).ConfigureAwait(false);
            return;
        }

        // Selecting needs structured replies; listing does not (nbdkit lists either way, measured).
        if (option == OptSetMetaContext && !_structured)
        {
            await ReplyAsync(option, RepErrInvalid, "structured replies were not negotiated", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (server.Find(exportName) is null)
        {
            await ReplyAsync(option, RepErrUnknown, $"no export named '{exportName}'", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (option == OptListMetaContext)
        {
            // No query lists everything; "base:" lists the whole namespace.
            int matches = queries.Count == 0 ? 1 : queries.Count(q => q is "base:" or NbdMetaContexts.BaseAllocation);
            for (int i = 0; i < matches; i++)
            {
                await ReplyAsync(option, RepMetaContext, MetaContextReply(0), cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            // Each matching query is answered, repeats included (as nbdkit).
            _metaContextExport = exportName;
            int matches = queries.Count(q => q == NbdMetaContexts.BaseAllocation);
            _baseAllocation = matches > 0;
            for (int i = 0; i < matches; i++)
            {
                await ReplyAsync(option, RepMetaContext, MetaContextReply(BaseAllocationId), cancellationToken).ConfigureAwait(false);
            }
        }

        await ReplyAsync(option, RepAck, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] MetaContextReply(uint id)
    {
        byte[] name = Utf8.GetBytes(NbdMetaContexts.BaseAllocation);
        byte[] reply = new byte[4 + name.Length];
        BinaryPrimitives.WriteUInt32BigEndian(reply, id);
        name.CopyTo(reply, 4);
        return reply;
    }

    private static bool TryParseMetaContext(byte[] data, out string exportName, out List<string> queries)
    {
        exportName = "";
        queries = [];
        ReadOnlySpan<byte> rest = data;
        if (!TryTakeString(ref rest, out string? name) || rest.Length < 4)
        {
            return false;
        }

        exportName = name;
        uint count = BinaryPrimitives.ReadUInt32BigEndian(rest);
        rest = rest[4..];
        for (uint i = 0; i < count; i++)
        {
            if (!TryTakeString(ref rest, out string? query))
            {
                return false;
            }

            queries.Add(query);
        }

        return rest.IsEmpty;
    }

    private static bool TryTakeString(ref ReadOnlySpan<byte> rest, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = null;
        if (rest.Length < 4)
        {
            return false;
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(rest);
        if (length > rest.Length - 4 || !TryDecode(rest.Slice(4, (int)length), out value))
        {
            return false;
        }

        rest = rest[(4 + (int)length)..];
        return true;
    }

    private static bool TryDecode(ReadOnlySpan<byte> bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = null;
        if (bytes.Length > MaxString)
        {
            return false;
        }

        try
        {
            value = Utf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static byte[] InfoString(ushort type, string value)
    {
        byte[] text = Utf8.GetBytes(value);
        byte[] info = new byte[2 + text.Length];
        BinaryPrimitives.WriteUInt16BigEndian(info, type);
        text.CopyTo(info, 2);
        return info;
    }

    /// <summary>What this connection advertises for <paramref name="export"/>: DF needs structured replies, as in nbdkit.</summary>
    private NbdExportFlags FlagsFor(INbdExport export)
    {
        NbdExportFlags flags = export.Flags | NbdExportFlags.HasFlags;
        if ((flags & NbdExportFlags.ReadOnly) != 0)
        {
            flags &= ~(NbdExportFlags.CanFua | NbdExportFlags.CanTrim | NbdExportFlags.CanZero | NbdExportFlags.CanFastZero);
        }

        if ((flags & NbdExportFlags.CanZero) == 0)
        {
            flags &= ~NbdExportFlags.CanFastZero;
        }

        if (!_structured)
        {
            flags &= ~NbdExportFlags.CanDf;
        }

        return flags;
    }

    private bool Select(string name)
    {
        _export = server.Find(name);
        if (_export is null)
        {
            return false;
        }

        _flags = FlagsFor(_export);

        // Contexts chosen for another export do not carry over (the spec leaves them undefined; drop them).
        _baseAllocation &= _structured && _metaContextExport == name;
        return true;
    }

    private Task ReplyAsync(uint option, uint type, string message, CancellationToken cancellationToken)
        => ReplyAsync(option, type, Utf8.GetBytes(message), cancellationToken);

    private async Task ReplyAsync(uint option, uint type, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        byte[] reply = new byte[20 + data.Length];
        BinaryPrimitives.WriteUInt64BigEndian(reply, OptionReplyMagic);
        BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(8), option);
        BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(12), type);
        BinaryPrimitives.WriteInt32BigEndian(reply.AsSpan(16), data.Length);
        data.Span.CopyTo(reply.AsSpan(20));
        await stream.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    private async Task DiscardAsync(long length, CancellationToken cancellationToken)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (length > 0)
            {
                int count = (int)Math.Min(length, scratch.Length);
                await stream.ReadExactlyAsync(scratch.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                length -= count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private async Task TransmitAsync(CancellationToken cancellationToken)
    {
        INbdExport export = _export!;
        int maxRequest = server.Options.MaxRequestSize;
        while (true)
        {
            await stream.ReadExactlyAsync(_header, cancellationToken).ConfigureAwait(false);
            if (BinaryPrimitives.ReadUInt32BigEndian(_header) != RequestMagic)
            {
                return;
            }

            var request = new Request(
                BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(4)),
                BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(6)),
                BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(8)),
                BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(16)),
                BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(24)));
            if (request.Type == CmdDisconnect)
            {
                return;
            }

            byte[]? payload = null;
            if (request.Type == CmdWrite)
            {
                if (request.Length > maxRequest)
                {
                    // Too big to take, small enough to skip so the stream stays in step (nbdkit does the same).
                    if (request.Length > 2L * maxRequest)
                    {
                        return;
                    }

                    await DiscardAsync(request.Length, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    payload = ArrayPool<byte>.Shared.Rent((int)request.Length);
                    await stream.ReadExactlyAsync(payload.AsMemory(0, (int)request.Length), cancellationToken).ConfigureAwait(false);
                }
            }

            try
            {
                uint error = Validate(request, export, maxRequest);
                if (error != 0)
                {
                    await ErrorAsync(request, error, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await ExecuteAsync(request, export, payload, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (payload is not null)
                {
                    ArrayPool<byte>.Shared.Return(payload);
                }
            }
        }
    }

    /// <summary>nbdkit's validate_request, in its order: read-only, range, flags, size, supported commands.</summary>
    private uint Validate(Request request, INbdExport export, int maxRequest)
    {
        ushort type = request.Type;
        ushort flags = request.Flags;
        if ((_flags & NbdExportFlags.ReadOnly) != 0 && type is CmdWrite or CmdTrim or CmdWriteZeroes)
        {
            return ErrPerm;
        }

        switch (type)
        {
            case CmdRead or CmdCache or CmdWrite or CmdTrim or CmdWriteZeroes or CmdBlockStatus:
                // A request needs a length and must lie inside the disk.
                long size = export.Size;
                if (request.Length == 0 || request.Offset > (ulong)size || request.Length > (ulong)size - request.Offset)
                {
                    return type is CmdWrite or CmdWriteZeroes ? ErrNoSpc : ErrInval;
                }

                break;
            case CmdFlush:
                if (request.Offset != 0 || request.Length != 0)
                {
                    return ErrInval;
                }

                break;
            default:
                return ErrInval;
        }

        bool invalidFlags = (flags & ~CmdFlagsKnown) != 0
            || ((flags & (CmdFlagNoHole | CmdFlagFastZero)) != 0 && type != CmdWriteZeroes)
            || ((flags & CmdFlagDf) != 0 && (type != CmdRead || !_structured))
            || ((flags & CmdFlagReqOne) != 0 && type != CmdBlockStatus)
            || ((flags & CmdFlagFua) != 0 && !Has(NbdExportFlags.CanFua))
            || ((flags & CmdFlagFastZero) != 0 && !Has(NbdExportFlags.CanFastZero));
        if (invalidFlags)
        {
            return ErrInval;
        }

        if (type is CmdRead or CmdWrite && request.Length > maxRequest)
        {
            return ErrNoMem;
        }

        bool supported = type switch
        {
            CmdFlush => Has(NbdExportFlags.CanFlush),
            CmdTrim => Has(NbdExportFlags.CanTrim),
            CmdWriteZeroes => Has(NbdExportFlags.CanZero),
            CmdCache => Has(NbdExportFlags.CanCache),
            CmdBlockStatus => _structured && _baseAllocation,
            _ => true,
        };
        return supported ? 0 : ErrInval;
    }

    private bool Has(NbdExportFlags flag) => (_flags & flag) != 0;

    private async Task ExecuteAsync(Request request, INbdExport export, byte[]? payload, CancellationToken cancellationToken)
    {
        // Header room in front of read data, so a one-chunk reply is a single write.
        const int room = 28;
        byte[]? readBuffer = request.Type == CmdRead ? ArrayPool<byte>.Shared.Rent(room + (int)request.Length) : null;
        try
        {
            IReadOnlyList<NbdExtent>? extents = null;
            uint error = Perform(request, export, payload, readBuffer is null ? default : readBuffer.AsSpan(room), ref extents);
            if (error != 0)
            {
                await ErrorAsync(request, error, cancellationToken).ConfigureAwait(false);
            }
            else if (readBuffer is not null)
            {
                await ReadReplyAsync(request, export, readBuffer, room, cancellationToken).ConfigureAwait(false);
            }
            else if (extents is not null)
            {
                await BlockStatusAsync(request, extents, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SimpleReplyAsync(request.Cookie, 0, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (readBuffer is not null)
            {
                ArrayPool<byte>.Shared.Return(readBuffer);
            }
        }
    }

    /// <summary>Calls the export; the NBD error for what it threw, 0 when it succeeded.</summary>
    private static uint Perform(Request request, INbdExport export, byte[]? payload, Span<byte> readBuffer, ref IReadOnlyList<NbdExtent>? extents)
    {
        bool fua = (request.Flags & CmdFlagFua) != 0;
        long offset = (long)request.Offset;
        long length = request.Length;
        try
        {
            switch (request.Type)
            {
                case CmdRead:
                    export.Read(readBuffer[..(int)length], offset);
                    break;
                case CmdBlockStatus:
                    extents = export.GetAllocation(length, offset);
                    break;
                case CmdWrite:
                    export.Write(payload.AsSpan(0, (int)length), offset, fua);
                    break;
                case CmdTrim:
                    export.Trim(length, offset, fua);
                    break;
                case CmdWriteZeroes:
                    export.Zero(length, offset, (request.Flags & CmdFlagNoHole) != 0, (request.Flags & CmdFlagFastZero) != 0, fua);
                    break;
                case CmdFlush:
                    export.Flush();
                    break;
                case CmdCache:
                    export.Cache(length, offset);
                    break;
            }

            return 0;
        }
        catch (StorageException e)
        {
            return ErrorFor(e.Errno, request.Flags);
        }
#pragma warning disable CA1031 // Whatever else an export throws is an I/O error for this request, not the end of the connection.
        catch (Exception)
#pragma warning restore CA1031
        {
            return ErrIo;
        }
    }

    private async Task ReadReplyAsync(Request request, INbdExport export, byte[] buffer, int room, CancellationToken cancellationToken)
    {
        int length = (int)request.Length;
        long offset = (long)request.Offset;
        if (!_structured)
        {
            WriteSimpleHeader(buffer.AsSpan(room - 16), request.Cookie, 0);
            await stream.WriteAsync(buffer.AsMemory(room - 16, 16 + length), cancellationToken).ConfigureAwait(false);
            return;
        }

        List<(long Offset, int Length, bool Hole)> chunks = (request.Flags & CmdFlagDf) == 0 && server.Options.SparseReads
            ? ReadChunks(export, buffer.AsSpan(room, length), offset)
            : [(offset, length, false)];
        if (chunks.Count == 1 && !chunks[0].Hole)
        {
            WriteStructuredHeader(buffer, request.Cookie, ReplyFlagDone, ReplyTypeOffsetData, 8 + length);
            BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(20), offset);
            await stream.WriteAsync(buffer.AsMemory(0, room + length), cancellationToken).ConfigureAwait(false);
            return;
        }

        byte[] header = new byte[32];
        for (int i = 0; i < chunks.Count; i++)
        {
            (long chunkOffset, int chunkLength, bool hole) = chunks[i];
            ushort done = i == chunks.Count - 1 ? ReplyFlagDone : (ushort)0;
            if (hole)
            {
                WriteStructuredHeader(header, request.Cookie, done, ReplyTypeOffsetHole, 12);
                BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(20), chunkOffset);
                BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(28), chunkLength);
                await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                WriteStructuredHeader(header, request.Cookie, done, ReplyTypeOffsetData, 8 + chunkLength);
                BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(20), chunkOffset);
                await stream.WriteAsync(header.AsMemory(0, 28), cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(buffer.AsMemory(room + (int)(chunkOffset - offset), chunkLength), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Splits a read into data and hole chunks by the export's zero extents. Only ranges that did read as zeros
    /// become holes, so a write racing the read cannot turn data into a hole.
    /// </summary>
    private static List<(long Offset, int Length, bool Hole)> ReadChunks(INbdExport export, ReadOnlySpan<byte> data, long offset)
    {
        var chunks = new List<(long Offset, int Length, bool Hole)>();
        IReadOnlyList<NbdExtent> extents;
        try
        {
            extents = export.GetAllocation(data.Length, offset);
        }
        catch (StorageException)
        {
            return [(offset, data.Length, false)];
        }

        long end = offset + data.Length;
        long position = offset;
        foreach (NbdExtent extent in extents)
        {
            long start = Math.Max(extent.Offset, offset);
            long stop = Math.Min(extent.Offset + extent.Length, end);
            if (start != position || stop <= start)
            {
                break;
            }

            bool hole = (extent.Allocation & NbdExtentFlags.Zero) != 0
                && !data.Slice((int)(start - offset), (int)(stop - start)).ContainsAnyExcept((byte)0);
            if (chunks.Count > 0 && chunks[^1].Hole == hole)
            {
                chunks[^1] = (chunks[^1].Offset, chunks[^1].Length + (int)(stop - start), hole);
            }
            else
            {
                chunks.Add((start, (int)(stop - start), hole));
            }

            position = stop;
        }

        if (position < end)
        {
            if (chunks.Count > 0 && !chunks[^1].Hole)
            {
                chunks[^1] = (chunks[^1].Offset, chunks[^1].Length + (int)(end - position), false);
            }
            else
            {
                chunks.Add((position, (int)(end - position), false));
            }
        }

        return chunks;
    }

    /// <summary>
    /// One NBD_REPLY_TYPE_BLOCK_STATUS chunk as nbdkit builds it: with REQ_ONE one extent cut to the request,
    /// otherwise extents until one reaches the request's end (that one whole, as the spec allows).
    /// </summary>
    private async Task BlockStatusAsync(Request request, IReadOnlyList<NbdExtent> extents, CancellationToken cancellationToken)
    {
        long offset = (long)request.Offset;
        long end = offset + request.Length;
        long size = _export!.Size;
        var descriptors = new List<(uint Length, uint Flags)>();
        long position = offset;
        foreach (NbdExtent extent in extents)
        {
            long extentEnd = Math.Min(extent.Offset + extent.Length, size);
            if (extentEnd <= position)
            {
                continue;
            }

            if (extent.Offset > position)
            {
                break;
            }

            uint flags = extent.Flags & 3;
            long length = Math.Min(extentEnd - position, uint.MaxValue);
            if ((request.Flags & CmdFlagReqOne) != 0)
            {
                descriptors.Add(((uint)Math.Min(length, request.Length), flags));
                break;
            }

            if (descriptors.Count > 0 && descriptors[^1].Flags == flags && descriptors[^1].Length + length <= uint.MaxValue)
            {
                descriptors[^1] = ((uint)(descriptors[^1].Length + length), flags);
            }
            else
            {
                descriptors.Add(((uint)length, flags));
            }

            position += length;
            if (position >= end)
            {
                break;
            }
        }

        if (descriptors.Count == 0)
        {
            // An export that knows nothing of the range: call it data, which is always true.
            descriptors.Add((request.Length, 0));
        }

        byte[] reply = new byte[20 + 4 + (8 * descriptors.Count)];
        WriteStructuredHeader(reply, request.Cookie, ReplyFlagDone, ReplyTypeBlockStatus, 4 + (8 * descriptors.Count));
        BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(20), BaseAllocationId);
        for (int i = 0; i < descriptors.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(24 + (8 * i)), descriptors[i].Length);
            BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(28 + (8 * i)), descriptors[i].Flags);
        }

        await stream.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An error reply: structured for reads and block status once negotiated (as nbdkit), simple otherwise.</summary>
    private async Task ErrorAsync(Request request, uint error, CancellationToken cancellationToken)
    {
        if (_structured && request.Type is CmdRead or CmdBlockStatus)
        {
            byte[] reply = new byte[20 + 6];
            WriteStructuredHeader(reply, request.Cookie, ReplyFlagDone, ReplyTypeError, 6);
            BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(20), error);
            await stream.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SimpleReplyAsync(request.Cookie, error, cancellationToken).ConfigureAwait(false);
    }

    private async Task SimpleReplyAsync(ulong cookie, uint error, CancellationToken cancellationToken)
    {
        byte[] reply = new byte[16];
        WriteSimpleHeader(reply, cookie, error);
        await stream.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteSimpleHeader(Span<byte> header, ulong cookie, uint error)
    {
        BinaryPrimitives.WriteUInt32BigEndian(header, SimpleReplyMagic);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], error);
        BinaryPrimitives.WriteUInt64BigEndian(header[8..], cookie);
    }

    private static void WriteStructuredHeader(Span<byte> header, ulong cookie, ushort flags, ushort type, int length)
    {
        BinaryPrimitives.WriteUInt32BigEndian(header, StructuredReplyMagic);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], flags);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], type);
        BinaryPrimitives.WriteUInt64BigEndian(header[8..], cookie);
        BinaryPrimitives.WriteInt32BigEndian(header[16..], length);
    }

    private readonly record struct Request(ushort Flags, ushort Type, ulong Cookie, ulong Offset, uint Length);
}
