using System.Buffers.Binary;

namespace StorageKit.Rados;

/// <summary>
/// What a notify collected: the watches that acknowledged it (with their replies) and the watches that did
/// not before the timeout. librados reports a timed-out notify as -ETIMEDOUT together with this reply; the
/// kit returns the reply, so check <see cref="TimedOut"/> (or <see cref="IsComplete"/>).
/// </summary>
public sealed class RadosNotifyResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="acks">The acknowledgements.</param>
    /// <param name="timedOut">The watches that did not acknowledge in time.</param>
    public RadosNotifyResult(IReadOnlyList<RadosNotifyAck> acks, IReadOnlyList<RadosNotifyTimeout> timedOut)
    {
        ArgumentNullException.ThrowIfNull(acks);
        ArgumentNullException.ThrowIfNull(timedOut);
        Acks = acks;
        TimedOut = timedOut;
    }

    /// <summary>Acknowledgements, in the order the OSD reported them (by watcher id, then watch id). A client with several watches appears once per watch.</summary>
    public IReadOnlyList<RadosNotifyAck> Acks { get; }

    /// <summary>Watches that did not acknowledge before the timeout; empty when every watch did.</summary>
    public IReadOnlyList<RadosNotifyTimeout> TimedOut { get; }

    /// <summary>True when no watch timed out (librados returned 0 rather than -ETIMEDOUT).</summary>
    public bool IsComplete => TimedOut.Count == 0;

    /// <summary>
    /// Decodes the reply buffer of <c>rados_notify2</c> / <c>rados_aio_notify</c>: le32 count, then per ack
    /// le64 gid, le64 cookie, le32 length and the payload; then le32 count, then per timeout le64 gid and
    /// le64 cookie. EBADMSG when the buffer is cut short.
    /// </summary>
    /// <param name="reply">The reply buffer.</param>
    public static RadosNotifyResult Decode(ReadOnlySpan<byte> reply)
    {
        var reader = new Reader(reply);
        uint ackCount = reader.UInt32();
        var acks = new List<RadosNotifyAck>();
        for (uint i = 0; i < ackCount; i++)
        {
            ulong gid = reader.UInt64();
            ulong cookie = reader.UInt64();
            byte[] payload = reader.Bytes(reader.UInt32());
            acks.Add(new RadosNotifyAck(gid, cookie, payload));
        }

        uint timeoutCount = reader.UInt32();
        var timedOut = new List<RadosNotifyTimeout>();
        for (uint i = 0; i < timeoutCount; i++)
        {
            timedOut.Add(new RadosNotifyTimeout(reader.UInt64(), reader.UInt64()));
        }

        return new RadosNotifyResult(acks, timedOut);
    }

    private ref struct Reader(ReadOnlySpan<byte> buffer)
    {
        private ReadOnlySpan<byte> _rest = buffer;

        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        public byte[] Bytes(uint length) => Take(checked((int)Math.Min(length, int.MaxValue))).ToArray();

        private ReadOnlySpan<byte> Take(int length)
        {
            if (_rest.Length < length)
            {
                throw StorageErrors.Create(Errno.EBADMSG, "rados_decode_notify_response", null, "The notify reply buffer is cut short.");
            }

            ReadOnlySpan<byte> taken = _rest[..length];
            _rest = _rest[length..];
            return taken;
        }
    }
}
