namespace StorageKit.Native.Rados;

/// <summary>A librados call that fills a caller-sized buffer; returns the C return code.</summary>
internal delegate int SizedBufferCall(Span<byte> buffer);

/// <summary>
/// The one place librados return codes become exceptions: a negative code is <c>-errno</c> and throws the
/// kit's typed <see cref="StorageException"/> for it; calls that fill a sized buffer grow it and retry here.
/// </summary>
internal static class RadosCall
{
    /// <summary>Buffers never grow past this, so a library that keeps saying "too small" cannot exhaust memory.</summary>
    private const int MaxBufferSize = 256 << 20;

    /// <summary>Throws for a negative <paramref name="returnCode"/>; returns it otherwise.</summary>
    public static int Check(int returnCode, string operation, string? target = null)
        => returnCode < 0 ? throw StorageErrors.FromReturnCode(returnCode, operation, target) : returnCode;

    /// <summary>Throws for a negative 64-bit return code (<c>rados_pool_lookup</c>); returns it otherwise.</summary>
    public static long Check(long returnCode, string operation, string? target = null)
        => returnCode < 0 ? throw StorageErrors.FromReturnCode(checked((int)returnCode), operation, target) : returnCode;

    /// <summary>
    /// For calls that answer <c>-<paramref name="bufferTooSmall"/></c> when the buffer is short
    /// (<c>-ERANGE</c> for most, <c>-ENAMETOOLONG</c> for <c>rados_conf_get</c>): doubles the buffer and retries.
    /// Returns the filled buffer and the (non-negative) return code.
    /// </summary>
    public static (byte[] Buffer, int ReturnCode) WithGrowingBuffer(
        SizedBufferCall call, string operation, string? target, int initialSize, Errno bufferTooSmall = Errno.ERANGE)
    {
        int size = initialSize;
        while (true)
        {
            var buffer = new byte[size];
            int returnCode = call(buffer);
            if (returnCode == -(int)bufferTooSmall && size < MaxBufferSize)
            {
                size = Math.Min(size * 2, MaxBufferSize);
                continue;
            }

            return (buffer, Check(returnCode, operation, target));
        }
    }

    /// <summary>
    /// For calls that return the length they need and fill what fits (<c>rados_pool_list</c>): retries
    /// with that length until it fits. Returns the buffer and the length of its meaningful part.
    /// </summary>
    public static (byte[] Buffer, int Length) WithNeededLength(SizedBufferCall call, string operation, string? target, int initialSize)
    {
        int size = initialSize;
        while (true)
        {
            var buffer = new byte[size];
            int needed = Check(call(buffer), operation, target);
            if (needed <= size)
            {
                return (buffer, needed);
            }

            size = needed;
        }
    }
}
