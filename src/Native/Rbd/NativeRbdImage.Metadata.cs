using System.Text;
using StorageKit.Native.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

internal sealed partial class NativeRbdImage
{
    /// <inheritdoc />
    public unsafe string GetMetadata(string key)
    {
        RadosArguments.Name(key, nameof(key));
        using var lease = Use();
        nuint length = 256;
        while (true)
        {
            var buffer = new byte[(int)length];
            nuint requested = length;
            int returnCode;
            fixed (byte* pointer = buffer)
            {
                returnCode = Interop.Rbd.rbd_metadata_get(lease.Handle, key, pointer, ref length);
            }

            if (returnCode == -(int)Errno.ERANGE && length > requested)
            {
                continue;
            }

            RadosCall.Check(returnCode, "rbd_metadata_get", key);
            return NativeText.FromNulTerminated(buffer);
        }
    }

    /// <inheritdoc />
    public void SetMetadata(string key, string value)
    {
        RadosArguments.Name(key, nameof(key));
        RadosArguments.Name(value, nameof(value));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_metadata_set(lease.Handle, key, value), "rbd_metadata_set", key);
    }

    /// <inheritdoc />
    public void RemoveMetadata(string key)
    {
        RadosArguments.Name(key, nameof(key));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_metadata_remove(lease.Handle, key), "rbd_metadata_remove", key);
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<KeyValuePair<string, string>> ListMetadata(string start = "", int max = 0)
    {
        RadosArguments.Name(start, nameof(start));
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        using var lease = Use();
        nuint keysLength = 1024;
        nuint valuesLength = 1024;
        while (true)
        {
            var keys = new byte[(int)keysLength];
            var values = new byte[(int)valuesLength];
            nuint requestedKeys = keysLength;
            nuint requestedValues = valuesLength;
            int returnCode;
            fixed (byte* keysPointer = keys)
            fixed (byte* valuesPointer = values)
            {
                returnCode = Interop.Rbd.rbd_metadata_list(lease.Handle, start, (ulong)max, keysPointer, ref keysLength, valuesPointer, ref valuesLength);
            }

            if (returnCode == -(int)Errno.ERANGE && (keysLength > requestedKeys || valuesLength > requestedValues))
            {
                keysLength = Math.Max(keysLength, requestedKeys);
                valuesLength = Math.Max(valuesLength, requestedValues);
                continue;
            }

            RadosCall.Check(returnCode, "rbd_metadata_list");
            var keyList = Split(keys, (int)keysLength);
            var valueList = Split(values, (int)valuesLength);
            var entries = new List<KeyValuePair<string, string>>(keyList.Count);
            for (int i = 0; i < keyList.Count; i++)
            {
                entries.Add(new(keyList[i], i < valueList.Count ? valueList[i] : ""));
            }

            return entries;
        }
    }

    /// <summary>NUL-terminated strings packed one after the other; empty ones kept (values may be empty).</summary>
    private static List<string> Split(byte[] buffer, int length)
    {
        var items = new List<string>();
        int start = 0;
        for (int i = 0; i < length && i < buffer.Length; i++)
        {
            if (buffer[i] == 0)
            {
                items.Add(Encoding.UTF8.GetString(buffer, start, i - start));
                start = i + 1;
            }
        }

        return items;
    }
}
