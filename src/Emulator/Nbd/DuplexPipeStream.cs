using System.IO.Pipelines;

namespace StorageKit.Emulator.Nbd;

/// <summary>One end of an in-memory connection: reads what the other end wrote, writes what it reads.</summary>
internal sealed class DuplexPipeStream(PipeReader reader, PipeWriter writer) : Stream
{
    private readonly Lock _gate = new();
    private bool _disposed;
    private bool _reading;

    /// <summary>Two connected ends, like a socket pair.</summary>
    public static (DuplexPipeStream Client, DuplexPipeStream Server) CreatePair()
    {
        var toServer = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
        var toClient = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
        return (new DuplexPipeStream(toClient.Reader, toServer.Writer), new DuplexPipeStream(toServer.Reader, toClient.Writer));
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _reading = true;
        }

        try
        {
            return buffer.IsEmpty ? 0 : await ReadCoreAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _reading = false;
                if (_disposed)
                {
                    // Disposed while this read waited: the reader is ours to complete now.
                    reader.Complete();
                }
            }
        }
    }

    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _disposed))
            {
                // Closed under the read: end of stream, and the reader is completed by the caller.
                return 0;
            }

            System.Buffers.ReadOnlySequence<byte> data = result.Buffer;
            if (!data.IsEmpty)
            {
                int n = (int)Math.Min(data.Length, buffer.Length);
                System.Buffers.BuffersExtensions.CopyTo(data.Slice(0, n), buffer.Span);
                reader.AdvanceTo(data.GetPosition(n));
                return n;
            }

            reader.AdvanceTo(data.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return 0;
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        FlushResult result;
        try
        {
            result = await writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException) when (Volatile.Read(ref _disposed))
        {
            // Closed by another thread during the write: as a write on a closed socket.
            throw new ObjectDisposedException(nameof(DuplexPipeStream));
        }

        if (result.IsCompleted)
        {
            // The other end stopped reading: as a socket whose peer closed.
            throw new IOException("The other end of the connection is closed.");
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    _disposed = true;

                    // Completing our writer is the hang-up the peer reads as end of stream; a read waiting here
                    // wakes up and completes the reader itself (completing it under a pending read would break it).
                    writer.Complete();
                    if (_reading)
                    {
                        reader.CancelPendingRead();
                    }
                    else
                    {
                        reader.Complete();
                    }
                }
            }
        }

        base.Dispose(disposing);
    }
}
