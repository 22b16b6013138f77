using System.Runtime.InteropServices;
using System.Text;

namespace StorageKit.Native;

/// <summary>UTF-8 decoding of the strings native libraries hand back.</summary>
internal static class NativeText
{
    /// <summary>The text before the first NUL (or all of it when there is none).</summary>
    public static string FromNulTerminated(ReadOnlySpan<byte> buffer)
    {
        int end = buffer.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? buffer : buffer[..end]);
    }

    /// <summary>A NUL-terminated string at <paramref name="text"/>; "" for a null pointer.</summary>
    public static unsafe string FromNulTerminated(byte* text)
        => text is null ? "" : Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));

    /// <summary>Exactly <paramref name="length"/> bytes at <paramref name="text"/> (may contain NUL); "" for a null pointer.</summary>
    public static unsafe string FromCounted(byte* text, nuint length)
        => text is null ? "" : Encoding.UTF8.GetString(new ReadOnlySpan<byte>(text, checked((int)length)));

    /// <summary>A copy of exactly <paramref name="length"/> bytes at <paramref name="data"/>.</summary>
    public static unsafe byte[] CopyBytes(byte* data, nuint length)
        => data is null || length == 0 ? [] : new ReadOnlySpan<byte>(data, checked((int)length)).ToArray();
}
