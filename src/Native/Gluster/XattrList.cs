using System.Runtime.InteropServices;

namespace StorageKit.Native.Gluster;

/// <summary>A <c>listxattr</c>-style call: fills <paramref name="value"/> (or with size 0 returns the length needed).</summary>
internal unsafe delegate nint ListCall(byte* value, nuint size);

/// <summary>Reads a NUL-separated attribute name list: asks for its length, then reads it, again on ERANGE (it grew).</summary>
internal static class XattrList
{
    private const int MaxAttempts = 8;

    public static unsafe IReadOnlyList<string> Read(ListCall call, string operation, string? target)
    {
        for (int attempt = 0; ; attempt++)
        {
            long needed = GlusterCall.Check((long)call(null, 0), operation, target);
            if (needed == 0)
            {
                return [];
            }

            byte[] buffer = new byte[needed];
            long length;
            fixed (byte* bytes = buffer)
            {
                length = call(bytes, (nuint)buffer.Length);
            }

            if (length < 0 && Marshal.GetLastPInvokeError() == (int)Errno.ERANGE && attempt < MaxAttempts)
            {
                continue;
            }

            GlusterCall.Check(length, operation, target);
            return GlusterCall.ParseNames(buffer.AsSpan(0, (int)length));
        }
    }
}
