using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using StorageKit.Nbd;
using static StorageKit.Emulator.Nbd.NbdProtocol;

namespace StorageKit.Emulator.Nbd;

/// <summary>Transmission: libnbd's client-side checks, then requests sent under a lock and replies matched by cookie.</summary>
public sealed partial class EmulatedNbdClient
{
    /// <summary>libnbd's MAX_REQUEST_SIZE for reads and writes.</summary>
    private const long MaxRequestSize = 64 << 20;

    private readonly ConcurrentDictionary<ulong, PendingCommand> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private long _nextCookie;
    private bool _disconnectRequested;
    private Task? _reader;

    /// <inheritdoc />
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                Require("nbd_aio_in_flight", Permitted.Connected | Permitted.ShutDown | Permitted.Dead);
                return _pending.Count;
            }
        }
    }

    /// <inheritdoc />
    public void Read(Span<byte> buffer, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length, 1));
        try
        {
            Wait(Submit("nbd_pread", CmdRead, rented.AsMemory(0, buffer.Length), buffer.Length, offset, flags, NbdCommandFlags.None).Task);
            rented.AsSpan(0, buffer.Length).CopyTo(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<NbdReadChunk> ReadStructured(Span<byte> buffer, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length, 1));
        try
        {
            PendingCommand command = Submit("nbd_pread_structured", CmdRead, rented.AsMemory(0, buffer.Length), buffer.Length, offset, flags, NbdCommandFlags.Df);
            Wait(command.Task);
            rented.AsSpan(0, buffer.Length).CopyTo(buffer);
            return command.Chunks;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
        => Wait(Submit("nbd_pwrite", CmdWrite, data.ToArray(), data.Length, offset, flags, NbdCommandFlags.Fua).Task);

    /// <inheritdoc />
    public void Trim(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
        => Wait(Submit("nbd_trim", CmdTrim, default, length, offset, flags, NbdCommandFlags.Fua).Task);

    /// <inheritdoc />
    public void Zero(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
        => Wait(Submit("nbd_zero", CmdWriteZeroes, default, length, offset, flags, NbdCommandFlags.Fua | NbdCommandFlags.NoHole | NbdCommandFlags.FastZero).Task);

    /// <inheritdoc />
    public void Cache(long length, long offset)
        => Wait(Submit("nbd_cache", CmdCache, default, length, offset, NbdCommandFlags.None, NbdCommandFlags.None).Task);

    /// <inheritdoc />
    public void Flush()
        => Wait(Submit("nbd_flush", CmdFlush, default, 0, 0, NbdCommandFlags.None, NbdCommandFlags.None).Task);

    /// <inheritdoc />
    public NbdBlockStatus BlockStatus(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
    {
        PendingCommand command = Submit("nbd_block_status", CmdBlockStatus, default, length, offset, flags, NbdCommandFlags.ReqOne);
        Wait(command.Task);
        return command.BlockStatus;
    }

    /// <inheritdoc />
    public Task ReadAsync(Memory<byte> buffer, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default)
        => SubmitAsync("nbd_aio_pread", CmdRead, buffer, buffer.Length, offset, flags, NbdCommandFlags.None, cancellationToken);

    /// <inheritdoc />
    public Task WriteAsync(ReadOnlyMemory<byte> data, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default)
        => SubmitAsync("nbd_aio_pwrite", CmdWrite, System.Runtime.InteropServices.MemoryMarshal.AsMemory(data), data.Length, offset, flags, NbdCommandFlags.Fua, cancellationToken);

    /// <inheritdoc />
    public Task TrimAsync(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default)
        => SubmitAsync("nbd_aio_trim", CmdTrim, default, length, offset, flags, NbdCommandFlags.Fua, cancellationToken);

    /// <inheritdoc />
    public Task ZeroAsync(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default)
        => SubmitAsync("nbd_aio_zero", CmdWriteZeroes, default, length, offset, flags, NbdCommandFlags.Fua | NbdCommandFlags.NoHole | NbdCommandFlags.FastZero, cancellationToken);

    /// <inheritdoc />
    public Task CacheAsync(long length, long offset, CancellationToken cancellationToken = default)
        => SubmitAsync("nbd_aio_cache", CmdCache, default, length, offset, NbdCommandFlags.None, NbdCommandFlags.None, cancellationToken);

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default)
        => SubmitAsync("nbd_aio_flush", CmdFlush, default, 0, 0, NbdCommandFlags.None, NbdCommandFlags.None, cancellationToken);

    /// <inheritdoc />
    public Task<NbdBlockStatus> BlockStatusAsync(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length);
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            return Task.FromCanceled<NbdBlockStatus>(cancellationToken);
        }

        PendingCommand command = Submit("nbd_aio_block_status", CmdBlockStatus, default, length, offset, flags, NbdCommandFlags.ReqOne);
        return WithStatus(command, cancellationToken);

        static async Task<NbdBlockStatus> WithStatus(PendingCommand command, CancellationToken cancellationToken)
        {
            await command.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return command.BlockStatus;
        }
    }

    /// <inheritdoc />
    public void Shutdown(bool abandonPending = false)
    {
        const string Function = "nbd_shutdown";
        Stream stream;
        Task? reader;
        lock (_gate)
        {
            Require(Function, Permitted.Connected);
            stream = _stream!;
            reader = _reader;
            _disconnectRequested = true;
        }

        // Every command already sent is answered first (abandoning only drops what is not yet sent, and this
        // client sends each command at once); then NBD_CMD_DISC and the server hangs up.
        Task[] pending = [.. _pending.Values.Select(p => (Task)p.Task)];
        try
        {
            Task.WhenAll(pending).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).GetAwaiter().GetResult();
            _ = abandonPending;
            SendRequestAsync(stream, CmdDisconnect, 0, 0, 0, 0, default).GetAwaiter().GetResult();
            reader?.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The server hung up first: the handle is shut down all the same.
        }

        lock (_gate)
        {
            if (_state == HandleState.Ready)
            {
                _state = HandleState.Closed;
            }
        }

        DropConnection();
    }

    /// <summary>
    /// An <c>nbd_aio_*</c> call: bad arguments and a refusal (closed handle, strict-mode check, wrong state) throw
    /// here, as libnbd's bindings and the native client do; a token cancelled beforehand sends nothing, cancelled
    /// later it only abandons the wait.
    /// </summary>
    private Task SubmitAsync(string function, ushort type, Memory<byte> buffer, long length, long offset, NbdCommandFlags flags, NbdCommandFlags allowed, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length);
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            return Task.FromCanceled(cancellationToken);
        }

        Task task = Submit(function, type, buffer, length, offset, flags, allowed).Task;
        return cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;
    }

    /// <summary>Runs libnbd's checks in its order (flags, state, command support, read-only, bounds, size), then sends the request.</summary>
    private PendingCommand Submit(string function, ushort type, Memory<byte> buffer, long length, long offset, NbdCommandFlags flags, NbdCommandFlags allowed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Stream stream;
        PendingCommand command;
        lock (_gate)
        {
            Require(function, Permitted.Connected);
            if ((flags & ~allowed) != 0)
            {
                throw NbdClientErrors.Create(Errno.EINVAL, function, "flags: invalid value for flag: 0x" + ((int)flags).ToString("x", CultureInfo.InvariantCulture));
            }

            Validate(function, type, length, offset, flags);
            stream = _stream!;
            ulong cookie = (ulong)Interlocked.Increment(ref _nextCookie);
            command = new PendingCommand(function, type, cookie, offset, length, buffer);
            _pending[cookie] = command;
        }

        _ = SendAsync(stream, command, (ushort)flags);
        return command;
    }

    /// <summary>The strict-mode checks of libnbd 1.14 (measured, docs/nbd-probe-results.md section 5); call under the gate.</summary>
    private void Validate(string function, ushort type, long length, long offset, NbdCommandFlags flags)
    {
        if (_disconnectRequested)
        {
            throw NbdClientErrors.Create(Errno.EINVAL, function, "cannot request more commands after NBD_CMD_DISC");
        }

        bool readOnly = (_flags & NbdExportFlags.ReadOnly) != 0;
        Errno boundsError = Errno.EINVAL;
        switch (type)
        {
            case CmdRead when (flags & NbdCommandFlags.Df) != 0 && (_flags & NbdExportFlags.CanDf) == 0:
                throw NbdClientErrors.Create(Errno.EINVAL, function, "server does not support the DF flag");
            case CmdWrite:
                if (readOnly)
                {
                    throw NbdClientErrors.Create(Errno.EPERM, function, "server does not support write operations");
                }

                RequireFua(function, flags);
                boundsError = Errno.ENOSPC;
                break;
            case CmdFlush:
                if ((_flags & NbdExportFlags.CanFlush) == 0)
                {
                    throw NbdClientErrors.Create(Errno.EINVAL, function, "server does not support flush operations");
                }

                return;
            case CmdTrim:
                if ((_flags & NbdExportFlags.CanTrim) == 0)
                {
                    throw NbdClientErrors.Create(Errno.EINVAL, function, "server does not support trim operations");
                }

                if (readOnly)
                {
                    throw NbdClientErrors.Create(Errno.EPERM, function, "server does not support write operations");
                }

                RequireFua(function, flags);
                boundsError = Errno.ENOSPC;
                break;
            case CmdCache:
                if ((_flags & NbdExportFlags.CanCache) == 0)
                {
                    throw NbdClientErrors.Create(Errno.EINVAL, function, "server does not support cache operations");
                }

                break;
            case CmdWriteZeroes:
                if ((_flags & NbdExportFlags.CanZero) == 0)
                {
                    throw NbdClientErrors.Create(Errno.EINVAL, function, "server does not support zero operations");
                }

                if (readOnly)
                {
                    throw NbdClientErrors.Create(Errno.EPERM, function, "server does not support write operations");
                }

                RequireFua(function, flags);
                if ((flags & NbdCommandFlags.FastZero) != 0 && (_flags & NbdExportFlags.CanFastZero) == 0)
                {
                    throw NbdClientErrors.Create(Errno.EINVAL, function, "server does not support the fast zero flag");
                }

                boundsError = Errno.ENOSPC;
                break;
            case CmdBlockStatus:
                if (_contexts.Count == 0)
                {
                    throw NbdClientErrors.Create(Errno.EOPNOTSUPP, function, "did not negotiate any metadata contexts, either you did not call nbd_add_meta_context before connecting or the server does not support it");
                }

                break;
            default:
                break;
        }

        if (length == 0)
        {
            throw NbdClientErrors.Create(Errno.EINVAL, function, "count cannot be 0");
        }

        if (offset > _size || length > _size - offset)
        {
            throw NbdClientErrors.Create(boundsError, function, "request out of bounds");
        }

        long minimum = _blockSizes.Minimum;
        if (minimum > 0 && ((offset | length) & (minimum - 1)) != 0)
        {
            throw NbdClientErrors.Create(Errno.EINVAL, function, "request is unaligned");
        }

        if (type is CmdRead or CmdWrite && length > MaxRequestSize)
        {
            throw NbdClientErrors.Create(Errno.ERANGE, function, "request too large: maximum request size is " + MaxRequestSize.ToString(CultureInfo.InvariantCulture));
        }

        if (length > uint.MaxValue)
        {
            throw NbdClientErrors.Create(Errno.ERANGE, function, "request too large: maximum request size is " + uint.MaxValue.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void RequireFua(string function, NbdCommandFlags flags)
    {
        if ((flags & NbdCommandFlags.Fua) != 0 && (_flags & NbdExportFlags.CanFua) == 0)
        {
            throw NbdClientErrors.Create(Errno.EINVAL, function, "server does not support the FUA flag");
        }
    }

    private async Task SendAsync(Stream stream, PendingCommand command, ushort flags)
    {
        try
        {
            ReadOnlyMemory<byte> payload = command.Type == CmdWrite ? command.Buffer : default;
            await SendRequestAsync(stream, command.Type, flags, command.Cookie, command.Offset, command.Length, payload).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            ConnectionLost(stream);
        }
    }

    private async Task SendRequestAsync(Stream stream, ushort type, ushort flags, ulong cookie, long offset, long length, ReadOnlyMemory<byte> payload)
    {
        byte[] header = new byte[28];
        BinaryPrimitives.WriteUInt32BigEndian(header, RequestMagic);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), flags);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), type);
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(8), cookie);
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(16), (ulong)offset);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(24), (uint)length);
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(header).ConfigureAwait(false);
            if (!payload.IsEmpty)
            {
                await stream.WriteAsync(payload).ConfigureAwait(false);
            }

            await stream.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void StartReader(Stream stream)
    {
        Task reader = Task.Run(() => ReadRepliesAsync(stream));
        lock (_gate)
        {
            _reader = reader;
        }
    }

    /// <summary>Reads replies until the server hangs up, completing each command when its last chunk arrives.</summary>
    private async Task ReadRepliesAsync(Stream stream)
    {
        byte[] header = new byte[20];
        try
        {
            while (true)
            {
                int first = await ReadAtLeastOrEndAsync(stream, header.AsMemory(0, 4)).ConfigureAwait(false);
                if (first == 0)
                {
                    break;
                }

                uint magic = BinaryPrimitives.ReadUInt32BigEndian(header);
                if (magic == SimpleReplyMagic)
                {
                    await stream.ReadExactlyAsync(header.AsMemory(4, 12)).ConfigureAwait(false);
                    uint error = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
                    ulong cookie = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                    PendingCommand command = Find(cookie);
                    if (error == 0 && command.Type == CmdRead)
                    {
                        await stream.ReadExactlyAsync(command.Buffer[..(int)command.Length]).ConfigureAwait(false);
                        command.AddChunk(new NbdReadChunk(command.Offset, command.Length, NbdReadChunkKind.Data));
                    }

                    if (error != 0)
                    {
                        command.SetError(error);
                    }

                    Complete(command);
                }
                else if (magic == StructuredReplyMagic)
                {
                    await stream.ReadExactlyAsync(header.AsMemory(4, 16)).ConfigureAwait(false);
                    await ReadChunkAsync(stream, header).ConfigureAwait(false);
                }
                else
                {
                    throw new IOException("The server's reply has a bad magic.");
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidDataException)
        {
            // The connection broke: every command still waiting fails below.
        }

        ConnectionLost(stream);
    }

    private async Task ReadChunkAsync(Stream stream, byte[] header)
    {
        ushort chunkFlags = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
        ushort chunkType = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(6));
        ulong cookie = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16));
        PendingCommand command = Find(cookie);
        switch (chunkType)
        {
            case ReplyTypeOffsetData when command.Type == CmdRead && length >= 8:
            {
                byte[] offsetBytes = new byte[8];
                await stream.ReadExactlyAsync(offsetBytes).ConfigureAwait(false);
                long offset = (long)BinaryPrimitives.ReadUInt64BigEndian(offsetBytes);
                long count = length - 8;
                if (offset < command.Offset || offset - command.Offset + count > command.Length)
                {
                    throw new InvalidDataException("The server sent data outside the request.");
                }

                await stream.ReadExactlyAsync(command.Buffer.Slice((int)(offset - command.Offset), (int)count)).ConfigureAwait(false);
                command.AddChunk(new NbdReadChunk(offset, count, NbdReadChunkKind.Data));
                break;
            }

            case ReplyTypeOffsetHole when command.Type == CmdRead && length == 12:
            {
                byte[] body = new byte[12];
                await stream.ReadExactlyAsync(body).ConfigureAwait(false);
                long offset = (long)BinaryPrimitives.ReadUInt64BigEndian(body);
                uint count = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(8));
                if (offset < command.Offset || offset - command.Offset + count > command.Length)
                {
                    throw new InvalidDataException("The server sent a hole outside the request.");
                }

                command.Buffer.Slice((int)(offset - command.Offset), (int)count).Span.Clear();
                command.AddChunk(new NbdReadChunk(offset, count, NbdReadChunkKind.Hole));
                break;
            }

            case ReplyTypeBlockStatus when command.Type == CmdBlockStatus && length >= 4 && (length - 4) % 8 == 0:
            {
                byte[] body = new byte[length];
                await stream.ReadExactlyAsync(body).ConfigureAwait(false);
                uint id = BinaryPrimitives.ReadUInt32BigEndian(body);
                string name;
                lock (_gate)
                {
                    name = _contexts.TryGetValue(id, out string? known) ? known : throw new InvalidDataException("The server sent an unknown context id.");
                }

                var extents = new List<NbdExtent>();
                long at = command.Offset;
                for (int i = 4; i < body.Length; i += 8)
                {
                    uint extentLength = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(i));
                    uint extentFlags = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(i + 4));
                    extents.Add(new NbdExtent(at, extentLength, extentFlags));
                    at += extentLength;
                }

                command.AddExtents(name, extents);
                break;
            }

            case ReplyTypeNone when length == 0:
                break;
            default:
                if ((chunkType & 0x8000) != 0 && length >= 6)
                {
                    byte[] body = new byte[length];
                    await stream.ReadExactlyAsync(body).ConfigureAwait(false);
                    uint error = BinaryPrimitives.ReadUInt32BigEndian(body);
                    if (command.Type == CmdRead && chunkType == ReplyTypeError + 1 && length >= 14)
                    {
                        // ERROR_OFFSET: the part of a read that failed.
                        ushort messageLength = BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(4));
                        if (6 + messageLength + 8 <= length)
                        {
                            long offset = (long)BinaryPrimitives.ReadUInt64BigEndian(body.AsSpan(6 + messageLength));
                            command.AddChunk(new NbdReadChunk(offset, 0, NbdReadChunkKind.Error));
                        }
                    }

                    command.SetError(error == 0 ? ErrInval : error);
                    break;
                }

                throw new InvalidDataException("The server sent an unexpected reply chunk.");
        }

        if ((chunkFlags & ReplyFlagDone) != 0)
        {
            Complete(command);
        }
    }

    private static async Task<int> ReadAtLeastOrEndAsync(Stream stream, Memory<byte> buffer)
    {
        int read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false).ConfigureAwait(false);
        if (read != 0 && read != buffer.Length)
        {
            throw new EndOfStreamException();
        }

        return read;
    }

    private PendingCommand Find(ulong cookie)
        => _pending.TryGetValue(cookie, out PendingCommand? command) ? command : throw new InvalidDataException("The server replied to a command never sent.");

    private void Complete(PendingCommand command)
    {
        _pending.TryRemove(command.Cookie, out _);
        command.Finish();
    }

    /// <summary>The server hung up: after NBD_CMD_DISC the handle is shut down, otherwise dead; waiting commands fail.</summary>
    private void ConnectionLost(Stream stream)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(stream, _stream) && _stream is not null)
            {
                return;
            }

            if (_state == HandleState.Ready)
            {
                _state = _disconnectRequested ? HandleState.Closed : HandleState.Dead;
            }
        }

        FailPending(Errno.ENOTCONN, "recv: server disconnected unexpectedly");
    }

    private void FailPending(Errno errno, string context)
    {
        bool closed;
        lock (_gate)
        {
            closed = _closed;
        }

        foreach (PendingCommand command in _pending.Values)
        {
            if (_pending.TryRemove(command.Cookie, out _))
            {
                // Close drops the connection itself: the reader may see the hang-up before Close fails the waiting
                // commands, and they must still fail as calls on a closed handle, as libnbd's do.
                command.Fail(closed ? new NbdClosedHandleException(command.Function) : NbdClientErrors.Create(errno, command.Function, context));
            }
        }
    }

    private static void Wait(Task task) => task.GetAwaiter().GetResult();

    /// <summary>One command waiting for its reply.</summary>
    private sealed class PendingCommand(string function, ushort type, ulong cookie, long offset, long length, Memory<byte> buffer)
    {
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<NbdReadChunk> _chunks = [];
        private readonly Dictionary<string, IReadOnlyList<NbdExtent>> _extents = new(StringComparer.Ordinal);
        private uint _error;

        public string Function { get; } = function;

        public ushort Type { get; } = type;

        public ulong Cookie { get; } = cookie;

        public long Offset { get; } = offset;

        public long Length { get; } = length;

        public Memory<byte> Buffer { get; } = buffer;

        public Task Task => _completion.Task;

        public IReadOnlyList<NbdReadChunk> Chunks => _chunks;

        public NbdBlockStatus BlockStatus => new(_extents);

        public void AddChunk(NbdReadChunk chunk) => _chunks.Add(chunk);

        public void AddExtents(string context, List<NbdExtent> extents)
        {
            if (_extents.TryGetValue(context, out IReadOnlyList<NbdExtent>? earlier))
            {
                extents.InsertRange(0, earlier);
            }

            _extents[context] = extents;
        }

        public void SetError(uint error)
        {
            // The first error of a command is the one libnbd reports.
            if (_error == 0)
            {
                _error = error;
            }
        }

        public void Finish()
        {
            if (_error == 0)
            {
                _completion.TrySetResult();
                return;
            }

            _completion.TrySetException(NbdClientErrors.Create(NbdClientErrors.FromWire(_error), Function, $"{NbdClientErrors.CommandName(Type)}: command failed"));
        }

        public void Fail(Exception error) => _completion.TrySetException(error);
    }
}
