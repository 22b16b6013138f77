using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StorageKit.Nbd;
using static StorageKit.Emulator.Nbd.NbdProtocol;

namespace StorageKit.Emulator.Nbd;

/// <summary>
/// A managed NBD client that behaves like a libnbd 1.14 handle: the fixed newstyle handshake, option mode,
/// structured replies, metadata contexts, every command with libnbd's default strict checks, and its errors
/// (errno and message, e.g. <c>nbd_pread: request out of bounds: Invalid argument</c>). It speaks the protocol
/// over a real TCP or Unix socket, or, for endpoints registered in an <see cref="EmulatedNbdNetwork"/>, over an
/// in-memory connection to an in-process <see cref="NbdServer"/>. Commands may be in flight concurrently; one
/// reader task matches replies to them by cookie.
/// </summary>
public sealed partial class EmulatedNbdClient : INbdClient
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly EmulatedNbdNetwork _network;
    private readonly Lock _gate = new();
    private readonly List<string> _requestedContexts = [];
    private string _exportName = "";
    private bool _requestStructuredReplies = true;
    private bool _fullInfo;
    private bool _optionMode;
    private HandleState _state = HandleState.Created;
    private bool _closed;
    private Stream? _stream;
    private string? _protocol;
    private bool _structured;
    private bool _noZeroes;

    // What the last successful NBD_OPT_INFO/GO (or the old-style handshake) told about the export.
    private bool _haveExport;
    private long _size;
    private NbdExportFlags _flags;
    private string? _canonicalName;
    private string? _description;
    private (long Minimum, long Preferred, long Maximum) _blockSizes;
    private Dictionary<uint, string> _contexts = [];

    /// <summary>A client that finds in-process servers in <see cref="EmulatedNbdNetwork.Default"/>.</summary>
    public EmulatedNbdClient()
        : this(EmulatedNbdNetwork.Default)
    {
    }

    /// <summary>A client that finds in-process servers in <paramref name="network"/>.</summary>
    public EmulatedNbdClient(EmulatedNbdNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
    }

    /// <summary>libnbd's handle states, as named in its "invalid state" messages.</summary>
    private enum HandleState
    {
        Created,
        Negotiating,
        Ready,
        Closed,
        Dead,
    }

    /// <summary>The states a call is permitted in, worded as libnbd words them.</summary>
    [Flags]
    private enum Permitted
    {
        Created = 1,
        Negotiating = 2,
        Connected = 4,
        ShutDown = 8,
        Dead = 16,
    }

    /// <inheritdoc />
    public string ExportName
    {
        get
        {
            lock (_gate)
            {
                ThrowIfClosed("nbd_get_export_name");
                return _exportName;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                Require("nbd_set_export_name", Permitted.Created | Permitted.Negotiating);
                if (Utf8.GetByteCount(value) > MaxString)
                {
                    throw NbdClientErrors.Create(Errno.ENAMETOOLONG, "nbd_set_export_name", "export name too long for NBD protocol");
                }

                _exportName = value;
            }
        }
    }

    /// <inheritdoc />
    public bool RequestStructuredReplies
    {
        get
        {
            lock (_gate)
            {
                ThrowIfClosed("nbd_get_request_structured_replies");
                return _requestStructuredReplies;
            }
        }

        set
        {
            lock (_gate)
            {
                Require("nbd_set_request_structured_replies", Permitted.Created);
                _requestStructuredReplies = value;
            }
        }
    }

    /// <inheritdoc />
    public bool FullInfo
    {
        get
        {
            lock (_gate)
            {
                ThrowIfClosed("nbd_get_full_info");
                return _fullInfo;
            }
        }

        set
        {
            lock (_gate)
            {
                Require("nbd_set_full_info", Permitted.Created | Permitted.Negotiating);
                _fullInfo = value;
            }
        }
    }

    /// <inheritdoc />
    public bool OptionMode
    {
        get
        {
            lock (_gate)
            {
                ThrowIfClosed("nbd_get_opt_mode");
                return _optionMode;
            }
        }

        set
        {
            lock (_gate)
            {
                Require("nbd_set_opt_mode", Permitted.Created);
                _optionMode = value;
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> RequestedMetaContexts
    {
        get
        {
            lock (_gate)
            {
                ThrowIfClosed("nbd_get_nr_meta_contexts");
                return [.. _requestedContexts];
            }
        }
    }

    /// <inheritdoc />
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                ThrowIfClosed("nbd_aio_is_ready");
                return _state == HandleState.Ready;
            }
        }
    }

    /// <inheritdoc />
    public string Protocol
    {
        get
        {
            lock (_gate)
            {
                Require("nbd_get_protocol", Permitted.Negotiating | Permitted.Connected | Permitted.ShutDown);
                return _protocol ?? throw NbdClientErrors.Create(Errno.EINVAL, "nbd_get_protocol", "server has not returned export flags, you need to connect to the server first");
            }
        }
    }

    /// <inheritdoc />
    public bool StructuredRepliesNegotiated
    {
        get
        {
            lock (_gate)
            {
                Require("nbd_get_structured_replies_negotiated", Permitted.Negotiating | Permitted.Connected | Permitted.ShutDown);
                return _structured;
            }
        }
    }

    /// <inheritdoc />
    public void AddMetaContext(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            Require("nbd_add_meta_context", Permitted.Created | Permitted.Negotiating);
            if (Utf8.GetByteCount(name) > MaxString)
            {
                throw NbdClientErrors.Create(Errno.ENAMETOOLONG, "nbd_add_meta_context", "meta context name too long for NBD protocol");
            }

            _requestedContexts.Add(name);
        }
    }

    /// <inheritdoc />
    public void ConnectTcp(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        lock (_gate)
        {
            Require("nbd_connect_tcp", Permitted.Created);
        }

        Connect("nbd_connect_tcp", () => OpenTcp("nbd_connect_tcp", host, port));
    }

    /// <inheritdoc />
    public void ConnectUnix(string socketPath)
    {
        ArgumentNullException.ThrowIfNull(socketPath);
        lock (_gate)
        {
            Require("nbd_connect_unix", Permitted.Created);
        }

        Connect("nbd_connect_unix", () => OpenUnix("nbd_connect_unix", socketPath));
    }

    /// <inheritdoc />
    public void ConnectUri(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        const string Function = "nbd_connect_uri";
        lock (_gate)
        {
            Require(Function, Permitted.Created);
        }

        NbdUri parsed = NbdUri.Parse(uri);
        lock (_gate)
        {
            // libnbd takes the export name from the URI (its path without the leading slash).
            _exportName = parsed.ExportName;
        }

        if (parsed.Tls)
        {
            // No TLS here, and the servers of this kit offer none: what libnbd says when TLS is required but refused.
            Connect(Function, () => OpenParsed(Function, parsed), requireTls: true);
            return;
        }

        Connect(Function, () => OpenParsed(Function, parsed));
    }

    /// <inheritdoc />
    public IReadOnlyList<NbdExportListing> ListExports()
    {
        const string Function = "nbd_opt_list";
        Stream stream = BeginOption(Function);
        var exports = new List<NbdExportListing>();
        Run(Function, async () =>
        {
            await SendOptionAsync(stream, OptList, []).ConfigureAwait(false);
            Errno? failure = null;
            while (true)
            {
                (uint reply, byte[] data) = await ReadOptionReplyAsync(stream, OptList).ConfigureAwait(false);
                if (reply == RepAck)
                {
                    break;
                }

                if (reply == RepServer && data.Length >= 4)
                {
                    int nameLength = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                    if (nameLength <= data.Length - 4)
                    {
                        exports.Add(new NbdExportListing(Utf8.GetString(data, 4, nameLength), Utf8.GetString(data, 4 + nameLength, data.Length - 4 - nameLength)));
                    }

                    continue;
                }

                if ((reply & 0x80000000) != 0)
                {
                    failure = NbdClientErrors.FromOptionReply(reply);
                    break;
                }
            }

            if (failure is { } errno)
            {
                throw NbdClientErrors.Create(errno, Function, "server replied with error to list request");
            }
        });
        return exports;
    }

    /// <inheritdoc />
    public void Info()
    {
        const string Function = "nbd_opt_info";
        Stream stream = BeginOption(Function);
        Run(Function, () => InfoOrGoAsync(stream, Function, OptInfo, optionMode: true));
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListMetaContexts()
    {
        const string Function = "nbd_opt_list_meta_context";
        Stream stream = BeginOption(Function);
        string exportName;
        string[] queries;
        lock (_gate)
        {
            if (!_structured)
            {
                throw NbdClientErrors.Create(Errno.EOPNOTSUPP, Function, "server lacks structured replies");
            }

            exportName = _exportName;
            queries = [.. _requestedContexts];
        }

        var names = new List<string>();
        Run(Function, async () =>
        {
            await SendOptionAsync(stream, OptListMetaContext, MetaContextPayload(exportName, queries)).ConfigureAwait(false);
            Errno? failure = null;
            while (true)
            {
                (uint reply, byte[] data) = await ReadOptionReplyAsync(stream, OptListMetaContext).ConfigureAwait(false);
                if (reply == RepAck)
                {
                    break;
                }

                if (reply == RepMetaContext && data.Length >= 4)
                {
                    names.Add(Utf8.GetString(data, 4, data.Length - 4));
                    continue;
                }

                if ((reply & 0x80000000) != 0)
                {
                    failure = NbdClientErrors.FromOptionReply(reply);
                    break;
                }
            }

            if (failure is { } errno)
            {
                throw NbdClientErrors.Create(errno, Function, "server replied with error to list meta context request");
            }
        });
        return names;
    }

    /// <inheritdoc />
    public void Go()
    {
        const string Function = "nbd_opt_go";
        Stream stream = BeginOption(Function);
        Run(Function, () => InfoOrGoAsync(stream, Function, OptGo, optionMode: true));
    }

    /// <inheritdoc />
    public void Abort()
    {
        const string Function = "nbd_opt_abort";
        Stream stream = BeginOption(Function);
        Run(Function, async () =>
        {
            await SendOptionAsync(stream, OptAbort, []).ConfigureAwait(false);
            try
            {
                // The server acknowledges and hangs up; libnbd does not insist on the ack.
                await ReadOptionReplyAsync(stream, OptAbort).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Already gone: the same end.
            }
        });
        lock (_gate)
        {
            _state = HandleState.Closed;
        }

        DropConnection();
    }

    /// <inheritdoc />
    public long GetSize()
    {
        lock (_gate)
        {
            Require("nbd_get_size", Permitted.Negotiating | Permitted.Connected | Permitted.ShutDown);
            if (!_haveExport)
            {
                throw NbdClientErrors.Create(Errno.EINVAL, "nbd_get_size", "server has not returned export size, you need to connect to the server first");
            }

            return _size;
        }
    }

    /// <inheritdoc />
    public NbdExportFlags GetExportFlags()
    {
        lock (_gate)
        {
            RequireExport("nbd_is_read_only");
            return _flags;
        }
    }

    /// <inheritdoc />
    public bool CanMetaContext(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            RequireExport("nbd_can_meta_context");
            return _contexts.ContainsValue(name);
        }
    }

    /// <inheritdoc />
    public long GetBlockSize(NbdBlockSizeKind kind)
    {
        lock (_gate)
        {
            RequireExport("nbd_get_block_size");
            return kind switch
            {
                NbdBlockSizeKind.Minimum => _blockSizes.Minimum,
                NbdBlockSizeKind.Preferred => _blockSizes.Preferred,
                NbdBlockSizeKind.Maximum => _blockSizes.Maximum,
                _ => throw NbdClientErrors.Create(Errno.EINVAL, "nbd_get_block_size", "unknown size_type: " + ((int)kind).ToString(CultureInfo.InvariantCulture)),
            };
        }
    }

    /// <inheritdoc />
    public string GetCanonicalExportName()
    {
        lock (_gate)
        {
            RequireExport("nbd_get_canonical_export_name");
            return _canonicalName ?? throw NbdClientErrors.Create(Errno.EOPNOTSUPP, "nbd_get_canonical_export_name", "server did not advertise a canonical name");
        }
    }

    /// <inheritdoc />
    public string GetExportDescription()
    {
        lock (_gate)
        {
            RequireExport("nbd_get_export_description");
            return _description ?? throw NbdClientErrors.Create(Errno.EOPNOTSUPP, "nbd_get_export_description", "server did not advertise a description");
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        // nbd_close hangs up without NBD_CMD_DISC; commands still in flight fail as calls on a closed handle.
        DropConnection();
        foreach (PendingCommand command in _pending.Values)
        {
            if (_pending.TryRemove(command.Cookie, out _))
            {
                command.Fail(new NbdClosedHandleException(command.Function));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => Close();

    /// <summary>Waits for <paramref name="action"/> (I/O on the connection); an I/O failure kills the handle as in libnbd.</summary>
    private void Run(string function, Func<Task> action)
    {
        try
        {
            action().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException and not StorageException or ObjectDisposedException)
        {
            lock (_gate)
            {
                _state = HandleState.Dead;
            }

            DropConnection();
            throw NbdClientErrors.Create(Errno.ECONNRESET, function, "recv: server disconnected unexpectedly");
        }
    }

    private Stream BeginOption(string function)
    {
        lock (_gate)
        {
            Require(function, Permitted.Negotiating);
            return _stream!;
        }
    }

    private void Connect(string function, Func<Stream> open, bool requireTls = false)
    {
        Stream stream = open();
        lock (_gate)
        {
            if (_closed)
            {
                stream.Dispose();
                throw new NbdClosedHandleException(function);
            }

            _stream = stream;
            _state = HandleState.Negotiating;
        }

        bool ok = false;
        try
        {
            Run(function, () => HandshakeAsync(stream, function, requireTls));
            ok = true;
        }
        finally
        {
            if (!ok)
            {
                lock (_gate)
                {
                    _state = HandleState.Dead;
                }

                DropConnection();
            }
        }
    }

    private async Task HandshakeAsync(Stream stream, string function, bool requireTls)
    {
        byte[] greeting = new byte[18];
        await stream.ReadExactlyAsync(greeting.AsMemory(0, 16)).ConfigureAwait(false);
        if (BinaryPrimitives.ReadUInt64BigEndian(greeting) != NbdMagic)
        {
            throw NbdClientErrors.Create(Errno.EPROTO, function, "handshake: server did not send expected NBD magic");
        }

        if (BinaryPrimitives.ReadUInt64BigEndian(greeting.AsSpan(8)) != OptionMagic)
        {
            // Old-style: size, flags, 124 bytes of padding, then commands.
            byte[] rest = new byte[8 + 4 + 124];
            await stream.ReadExactlyAsync(rest.AsMemory(0, 12 + 124)).ConfigureAwait(false);
            long oldSize = (long)BinaryPrimitives.ReadUInt64BigEndian(greeting.AsSpan(8));
            uint oldFlags = BinaryPrimitives.ReadUInt32BigEndian(rest);
            lock (_gate)
            {
                _protocol = "oldstyle";
                SetExport(oldSize, (ushort)oldFlags);
                _state = HandleState.Ready;
            }

            StartReader(stream);
            return;
        }

        await stream.ReadExactlyAsync(greeting.AsMemory(16, 2)).ConfigureAwait(false);
        ushort serverFlags = BinaryPrimitives.ReadUInt16BigEndian(greeting.AsSpan(16));
        uint clientFlags = serverFlags & (uint)(ClientFlagFixedNewstyle | ClientFlagNoZeroes);
        byte[] flagBytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(flagBytes, clientFlags);
        await stream.WriteAsync(flagBytes).ConfigureAwait(false);
        bool fixedNewstyle = (serverFlags & FlagFixedNewstyle) != 0;
        bool requestStructured;
        bool optionMode;
        lock (_gate)
        {
            _protocol = fixedNewstyle ? "newstyle-fixed" : "newstyle";
            _noZeroes = (clientFlags & ClientFlagNoZeroes) != 0;
            requestStructured = _requestStructuredReplies;
            optionMode = _optionMode;
        }

        if (!fixedNewstyle)
        {
            // Plain newstyle: only NBD_OPT_EXPORT_NAME exists.
            await ExportNameAsync(stream).ConfigureAwait(false);
            return;
        }

        if (requireTls)
        {
            await SendOptionAsync(stream, OptStartTls, []).ConfigureAwait(false);
            (uint tlsReply, _) = await ReadOptionReplyAsync(stream, OptStartTls).ConfigureAwait(false);
            if (tlsReply != RepAck)
            {
                throw NbdClientErrors.Create(Errno.EOPNOTSUPP, function, "handshake: server refused TLS, but handle TLS setting is 'require' (2)");
            }

            throw NbdClientErrors.Create(Errno.EOPNOTSUPP, function, "handshake: TLS is not supported by this client");
        }

        if (requestStructured)
        {
            await SendOptionAsync(stream, OptStructuredReply, []).ConfigureAwait(false);
            (uint reply, _) = await ReadOptionReplyAsync(stream, OptStructuredReply).ConfigureAwait(false);
            lock (_gate)
            {
                _structured = reply == RepAck;
            }
        }

        if (optionMode)
        {
            return;
        }

        await InfoOrGoAsync(stream, function, OptGo, optionMode: false).ConfigureAwait(false);
    }

    private async Task ExportNameAsync(Stream stream)
    {
        string name;
        lock (_gate)
        {
            name = _exportName;
        }

        await SendOptionAsync(stream, OptExportName, Utf8.GetBytes(name)).ConfigureAwait(false);
        byte[] reply = new byte[10 + 124];
        bool noZeroes;
        lock (_gate)
        {
            noZeroes = _noZeroes;
        }

        await stream.ReadExactlyAsync(reply.AsMemory(0, noZeroes ? 10 : 134)).ConfigureAwait(false);
        lock (_gate)
        {
            SetExport((long)BinaryPrimitives.ReadUInt64BigEndian(reply), BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(8)));
            _state = HandleState.Ready;
        }

        StartReader(stream);
    }

    /// <summary>NBD_OPT_SET_META_CONTEXT (when asked for and possible), then NBD_OPT_INFO or NBD_OPT_GO.</summary>
    private async Task InfoOrGoAsync(Stream stream, string function, uint option, bool optionMode)
    {
        string exportName;
        string[] queries;
        bool structured;
        bool fullInfo;
        lock (_gate)
        {
            exportName = _exportName;
            queries = [.. _requestedContexts];
            structured = _structured;
            fullInfo = _fullInfo;
            _haveExport = false;
            _contexts = [];
        }

        var contexts = new Dictionary<uint, string>();
        if (structured && queries.Length > 0)
        {
            await SendOptionAsync(stream, OptSetMetaContext, MetaContextPayload(exportName, queries)).ConfigureAwait(false);
            while (true)
            {
                (uint reply, byte[] data) = await ReadOptionReplyAsync(stream, OptSetMetaContext).ConfigureAwait(false);
                if (reply == RepMetaContext && data.Length >= 4)
                {
                    contexts[BinaryPrimitives.ReadUInt32BigEndian(data)] = Utf8.GetString(data, 4, data.Length - 4);
                    continue;
                }

                // ACK ends the list; an error means no contexts (libnbd goes on to the info/go request).
                if (reply == RepAck || (reply & 0x80000000) != 0)
                {
                    break;
                }
            }
        }

        byte[] name = Utf8.GetBytes(exportName);
        var infos = new List<ushort> { InfoBlockSize };
        if (fullInfo)
        {
            infos.Add(InfoName);
            infos.Add(InfoDescription);
        }

        byte[] payload = new byte[4 + name.Length + 2 + (2 * infos.Count)];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)name.Length);
        name.CopyTo(payload, 4);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(4 + name.Length), (ushort)infos.Count);
        for (int i = 0; i < infos.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(4 + name.Length + 2 + (2 * i)), infos[i]);
        }

        await SendOptionAsync(stream, option, payload).ConfigureAwait(false);
        long size = 0;
        ushort flags = 0;
        bool haveExport = false;
        string? canonical = null;
        string? description = null;
        (long, long, long) blockSizes = (0, 0, 0);
        while (true)
        {
            (uint reply, byte[] data) = await ReadOptionReplyAsync(stream, option).ConfigureAwait(false);
            if (reply == RepInfo && data.Length >= 2)
            {
                switch (BinaryPrimitives.ReadUInt16BigEndian(data))
                {
                    case InfoExport when data.Length == 12:
                        size = (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(2));
                        flags = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(10));
                        haveExport = true;
                        break;
                    case InfoName:
                        canonical = Utf8.GetString(data, 2, data.Length - 2);
                        break;
                    case InfoDescription:
                        description = Utf8.GetString(data, 2, data.Length - 2);
                        break;
                    case InfoBlockSize when data.Length == 14:
                        blockSizes = (BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(2)), BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(6)), BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(10)));
                        break;
                    default:
                        // Unknown information is ignored, as the spec asks.
                        break;
                }

                continue;
            }

            if (reply == RepAck)
            {
                if (!haveExport)
                {
                    throw NbdClientErrors.Create(Errno.EPROTO, function, "handshake: server omitted info reply");
                }

                lock (_gate)
                {
                    SetExport(size, flags);
                    _canonicalName = canonical;
                    _description = description;
                    _blockSizes = blockSizes;
                    _contexts = contexts;
                    if (option == OptGo)
                    {
                        _state = HandleState.Ready;
                    }
                }

                if (option == OptGo)
                {
                    StartReader(stream);
                }

                return;
            }

            if ((reply & 0x80000000) != 0)
            {
                Errno errno = NbdClientErrors.FromOptionReply(reply);
                if (optionMode)
                {
                    string what = option == OptGo ? "opt_go" : "opt_info";
                    throw NbdClientErrors.Create(errno, function, $"server replied with error to {what} request");
                }

                if (reply == RepErrUnsup && option == OptGo)
                {
                    // A server without NBD_OPT_GO: the old way.
                    await ExportNameAsync(stream).ConfigureAwait(false);
                    return;
                }

                throw reply == RepErrUnknown
                    ? NbdClientErrors.Create(errno, function, $"handshake: server has no export named '{exportName}'")
                    : NbdClientErrors.Create(errno, function, "handshake: server replied with error to opt_go request");
            }
        }
    }

    private void SetExport(long size, ushort flags)
    {
        var exportFlags = (NbdExportFlags)flags;
        if (!_structured)
        {
            // libnbd hides DF unless structured replies were negotiated (measured: can_df false without them).
            exportFlags &= ~NbdExportFlags.CanDf;
        }

        _size = size;
        _flags = exportFlags;
        _haveExport = true;
    }

    private static byte[] MetaContextPayload(string exportName, string[] queries)
    {
        byte[] name = Utf8.GetBytes(exportName);
        byte[][] encoded = [.. queries.Select(q => Utf8.GetBytes(q))];
        byte[] payload = new byte[4 + name.Length + 4 + encoded.Sum(q => 4 + q.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)name.Length);
        name.CopyTo(payload, 4);
        int at = 4 + name.Length;
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(at), (uint)encoded.Length);
        at += 4;
        foreach (byte[] query in encoded)
        {
            BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(at), (uint)query.Length);
            query.CopyTo(payload, at + 4);
            at += 4 + query.Length;
        }

        return payload;
    }

    private static async Task SendOptionAsync(Stream stream, uint option, byte[] data)
    {
        byte[] message = new byte[16 + data.Length];
        BinaryPrimitives.WriteUInt64BigEndian(message, OptionMagic);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8), option);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(12), (uint)data.Length);
        data.CopyTo(message, 16);
        await stream.WriteAsync(message).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
    }

    private static async Task<(uint Reply, byte[] Data)> ReadOptionReplyAsync(Stream stream, uint option)
    {
        byte[] header = new byte[20];
        await stream.ReadExactlyAsync(header).ConfigureAwait(false);
        if (BinaryPrimitives.ReadUInt64BigEndian(header) != OptionReplyMagic || BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8)) != option)
        {
            throw new IOException("The server's option reply is out of step.");
        }

        uint reply = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12));
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16));
        if (length > 16 << 20)
        {
            throw new IOException("The server's option reply is too long.");
        }

        byte[] data = new byte[length];
        await stream.ReadExactlyAsync(data).ConfigureAwait(false);
        return (reply, data);
    }

    private Stream OpenParsed(string function, NbdUri uri)
        => uri.SocketPath is { } path ? OpenUnix(function, path) : OpenTcp(function, uri.Host, uri.Port);

    private Stream OpenUnix(string function, string path)
    {
        if (_network.FindUnix(path) is { } server)
        {
            return OpenInProcess(server);
        }

        if (Encoding.UTF8.GetByteCount(path) >= 108)
        {
            throw NbdClientErrors.Create(Errno.ENAMETOOLONG, function, $"socket name too long: {path}");
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            MarkDead();
            throw NbdClientErrors.Create(ErrnoOf(e, path), function, "connect");
        }

        return new NetworkStream(socket, ownsSocket: true);
    }

    private Stream OpenTcp(string function, string host, int port)
    {
        if (_network.FindTcp(host, port) is { } server)
        {
            return OpenInProcess(server);
        }

        string service = port.ToString(CultureInfo.InvariantCulture);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out IPAddress? literal) ? [literal] : Dns.GetHostAddresses(host);
        }
        catch (SocketException)
        {
            // getaddrinfo's failure has no errno (libnbd reports 0) and leaves the handle as it was.
            throw StorageErrors.Create(Errno.None, function, host, $"{function}: getaddrinfo: hostname \"{host}\" port \"{service}\": Name or service not known");
        }

        SocketException? last = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(new IPEndPoint(address, port));
                socket.NoDelay = true;
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        MarkDead();
        Errno errno = last is null ? Errno.ECONNREFUSED : ErrnoOf(last, null);
        throw NbdClientErrors.Create(errno, function, $"connect: {host}:{service}: could not connect to remote host");
    }

    private static DuplexPipeStream OpenInProcess(NbdServer server)
    {
        (DuplexPipeStream client, DuplexPipeStream serverEnd) = DuplexPipeStream.CreatePair();
        // The server side ends by itself when this client hangs up.
        _ = server.ServeAsync(serverEnd);
        return client;
    }

    private void MarkDead()
    {
        lock (_gate)
        {
            _state = HandleState.Dead;
        }
    }

    private static Errno ErrnoOf(SocketException e, string? unixPath) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => Errno.ECONNREFUSED,
        SocketError.AccessDenied => Errno.EACCES,
        SocketError.TimedOut => Errno.ETIMEDOUT,
        SocketError.NetworkUnreachable => (Errno)101,
        SocketError.HostUnreachable => (Errno)113,
        SocketError.AddressNotAvailable when unixPath is not null && !File.Exists(unixPath) => Errno.ENOENT,
        SocketError.AddressNotAvailable => (Errno)99,
        _ when unixPath is not null && !File.Exists(unixPath) => Errno.ENOENT,
        _ => Errno.ECONNREFUSED,
    };

    private void DropConnection()
    {
        Stream? stream;
        lock (_gate)
        {
            stream = _stream;
            _stream = null;
        }

        stream?.Dispose();
    }

    private void ThrowIfClosed(string function)
    {
        if (_closed)
        {
            throw new NbdClosedHandleException(function);
        }
    }

    /// <summary>Throws libnbd's "invalid state" error unless the handle is in one of <paramref name="permitted"/>; call under the gate.</summary>
    private void Require(string function, Permitted permitted)
    {
        ThrowIfClosed(function);
        Permitted now = _state switch
        {
            HandleState.Created => Permitted.Created,
            HandleState.Negotiating => Permitted.Negotiating,
            HandleState.Ready => Permitted.Connected,
            HandleState.Closed => Permitted.ShutDown,
            _ => Permitted.Dead,
        };
        if ((permitted & now) != 0)
        {
            return;
        }

        var words = new List<string>();
        if ((permitted & Permitted.Created) != 0)
        {
            words.Add("newly created");
        }

        if ((permitted & Permitted.Negotiating) != 0)
        {
            words.Add("negotiating");
        }

        if ((permitted & Permitted.Connected) != 0)
        {
            words.Add("connected with the server");
        }

        if ((permitted & Permitted.ShutDown) != 0)
        {
            words.Add("shut down");
        }

        if ((permitted & Permitted.Dead) != 0)
        {
            words.Add("dead");
        }

        string stateName = _state switch
        {
            HandleState.Created => "START",
            HandleState.Negotiating => "NEGOTIATING",
            HandleState.Ready => "READY",
            HandleState.Closed => "CLOSED",
            _ => "DEAD",
        };

        // libnbd: a handle never connected is "not connected"; any other wrong state is EINVAL.
        Errno errno = _state == HandleState.Created ? Errno.ENOTCONN : Errno.EINVAL;
        throw NbdClientErrors.Create(errno, function, $"invalid state: {stateName}: the handle must be {string.Join(", or ", words)}");
    }

    /// <summary>The export information must have arrived (after info or go); call under the gate.</summary>
    private void RequireExport(string function)
    {
        Require(function, Permitted.Negotiating | Permitted.Connected | Permitted.ShutDown);
        if (!_haveExport)
        {
            throw NbdClientErrors.Create(Errno.EINVAL, function, "server has not returned export flags, you need to connect to the server first");
        }
    }
}
