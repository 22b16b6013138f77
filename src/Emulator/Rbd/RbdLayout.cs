using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Object names and omap encodings of a librbd 16 format 2 image, as measured on a real pool after
/// <c>rbd_create2</c> (docs/native-probe-results.md, "RBD"): <c>rbd_directory</c> (omap <c>name_&lt;name&gt;</c>
/// → id, <c>id_&lt;id&gt;</c> → name), <c>rbd_id.&lt;name&gt;</c> (data: the id), <c>rbd_header.&lt;id&gt;</c>
/// (omap features, object_prefix, order, size, snap_seq) and data objects <c>rbd_data.&lt;id&gt;.%016x</c>.
/// </summary>
internal static class RbdLayout
{
    public const string Directory = "rbd_directory";

    /// <summary>Written once per pool by librbd's pool validation on the first create: the text <c>overwrite validated</c>.</summary>
    public const string Info = "rbd_info";

    public const int DefaultOrder = 22;
    public const int MinOrder = 12;
    public const int MaxOrder = 25;

    public static string IdObject(string name) => "rbd_id." + name;

    public static string Header(string id) => "rbd_header." + id;

    public static string DataPrefix(string id) => "rbd_data." + id;

    public static string DataObject(string id, long objectNumber)
        => string.Create(CultureInfo.InvariantCulture, $"rbd_data.{id}.{objectNumber:x16}");

    public static string NameKey(string name) => "name_" + name;

    public static string IdKey(string id) => "id_" + id;

    /// <summary>A Ceph-encoded string: 32-bit little-endian length, then the UTF-8 bytes.</summary>
    public static byte[] EncodeString(string value)
    {
        byte[] text = Encoding.UTF8.GetBytes(value);
        var encoded = new byte[4 + text.Length];
        BinaryPrimitives.WriteInt32LittleEndian(encoded, text.Length);
        text.CopyTo(encoded, 4);
        return encoded;
    }

    public static string DecodeString(ReadOnlySpan<byte> encoded)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(encoded);
        return Encoding.UTF8.GetString(encoded.Slice(4, length));
    }

    public static byte[] EncodeUInt64(ulong value)
    {
        var encoded = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(encoded, value);
        return encoded;
    }

    /// <summary>The value of <paramref name="key"/> in <paramref name="objectName"/>'s omap, or null when the object or key is missing.</summary>
    public static ReadOnlyMemory<byte>? OmapValue(IRadosIoContext io, string objectName, string key)
    {
        try
        {
            return io.GetOmapValuesByKeys(objectName, [key]).TryGetValue(key, out var value) ? value : (ReadOnlyMemory<byte>?)null;
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }
}
