namespace StorageKit.Rados;

/// <summary>
/// A read step (<c>rados_read_op_read</c>): fills its buffer and reports the bytes read. A step that did not run
/// (an earlier step failed) read nothing. An empty buffer before the end of the object gets <c>-ERANGE</c>, as with
/// <see cref="IRadosIoContext.Read"/>.
/// </summary>
public sealed class RadosReadStep : RadosOperationStep
{
    private int _bytesRead;

    internal RadosReadStep(RadosOperation operation, Memory<byte> buffer)
        : base(operation, RadosStepKind.Read) => Buffer = buffer;

    /// <summary>The buffer the step reads into.</summary>
    public Memory<byte> Buffer { get; }

    /// <summary>Bytes read (short at the end of the object, 0 past it).</summary>
    public int BytesRead
    {
        get
        {
            ThrowIfNotComplete();
            return _bytesRead;
        }
    }

    /// <summary>The bytes read: the start of <see cref="Buffer"/>.</summary>
    public ReadOnlyMemory<byte> Data => Buffer[..BytesRead];

    /// <summary>The bytes read so far, without the completion check (for implementations' accounting).</summary>
    internal int RecordedBytesRead => _bytesRead;

    internal void SetBytesRead(int bytesRead) => _bytesRead = bytesRead;
}
