using System.Text;
using StorageKit.Native.Rados;

namespace StorageKit.Native.Rbd;

/// <summary>
/// librbd's NUL-separated name lists (<c>rbd_list</c>, <c>rbd_group_list</c>, <c>rbd_namespace_list</c>): the call
/// says ERANGE with the size it needs when the buffer is short, so the buffer grows until the list fits.
/// </summary>
internal static class NativeNameList
{
    /// <summary>One call of the list function into <paramref name="buffer"/>; <paramref name="size"/> in: capacity, out: bytes needed.</summary>
    public unsafe delegate int Call(byte* buffer, ref nuint size);

    public static unsafe IReadOnlyList<string> Read(string operation, Call call)
    {
        nuint size = 1024;
        while (true)
        {
            var buffer = new byte[(int)size];
            nuint requested = size;
            int returnCode;
            fixed (byte* pointer = buffer)
            {
                returnCode = call(pointer, ref size);
            }

            if (returnCode == -(int)Errno.ERANGE && size > requested)
            {
                continue;
            }

            RadosCall.Check(returnCode, operation);
            // Some calls return the bytes used, others 0 and the bytes in size.
            int used = returnCode > 0 ? returnCode : (int)Math.Min(size, requested);
            return Split(buffer.AsSpan(0, Math.Min(used, buffer.Length)));
        }
    }

    private static List<string> Split(ReadOnlySpan<byte> list)
    {
        var names = new List<string>();
        while (!list.IsEmpty)
        {
            int end = list.IndexOf((byte)0);
            ReadOnlySpan<byte> name = end < 0 ? list : list[..end];
            if (!name.IsEmpty)
            {
                names.Add(Encoding.UTF8.GetString(name));
            }

            list = end < 0 ? [] : list[(end + 1)..];
        }

        return names;
    }
}
