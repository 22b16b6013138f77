using System.Buffers.Binary;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// The object map of an image with the object-map feature: <c>rbd_object_map.&lt;id&gt;</c>, Ceph's encoded
/// <c>BitVector&lt;2&gt;</c> with one state per data object (0 nonexistent, 1 exists), as measured byte for byte:
/// le32 header length 14, header (version 1, compat 1, le32 length 8, le64 object count), the state bytes
/// (object n in bits 7-6 of byte n/4 downwards), then le32 footer length and footer (le32 crc32c of the header,
/// le32 block count, le32 crc32c per 4 KiB block of state bytes; crc32c seeded 0, not inverted).
/// </summary>
internal static partial class EmulatedRbdObjectMap
{
    private const int HeaderLength = 14;
    private const int BlockSize = 4096;
    private const byte Exists = 1;
    private static readonly uint[] _table = BuildTable();

    public static string Name(string id) => "rbd_object_map." + id;

    /// <summary>Writes a map of <paramref name="objectCount"/> nonexistent objects (creation, enabling object-map).</summary>
    public static void Create(IRadosIoContext io, string id, long objectCount)
        => io.WriteFull(Name(id), Encode(objectCount, new byte[StateBytes(objectCount)]));

    /// <summary>Resizes the map: new objects are nonexistent, states past the new count are dropped.</summary>
    public static void Resize(IRadosIoContext io, string id, long objectCount)
    {
        var (_, states) = Read(io, id);
        var resized = new byte[StateBytes(objectCount)];
        states.AsSpan(0, Math.Min(states.Length, resized.Length)).CopyTo(resized);
        if (objectCount % 4 != 0 && resized.Length > 0)
        {
            // Clear the bits of objects past the end in the last byte.
            resized[^1] &= (byte)(0xFF << (2 * (4 - (int)(objectCount % 4))));
        }

        io.WriteFull(Name(id), Encode(objectCount, resized));
    }

    /// <summary>Records for each of <paramref name="objectNumbers"/> whether its data object exists now.</summary>
    public static void Update(IRadosIoContext io, string id, IEnumerable<long> objectNumbers, Func<long, bool> exists)
    {
        var (objectCount, states) = Read(io, id);
        bool changed = false;
        foreach (long objectNumber in objectNumbers)
        {
            if (objectNumber >= objectCount)
            {
                continue;
            }

            int shift = 6 - (2 * (int)(objectNumber % 4));
            byte state = exists(objectNumber) ? Exists : (byte)0;
            ref byte cell = ref states[objectNumber / 4];
            byte updated = (byte)((cell & ~(3 << shift)) | (state << shift));
            changed |= updated != cell;
            cell = updated;
        }

        if (changed)
        {
            io.WriteFull(Name(id), Encode(objectCount, states));
        }
    }

    private static (long ObjectCount, byte[] States) Read(IRadosIoContext io, string id)
    {
        string objectName = Name(id);
        var buffer = new byte[io.Stat(objectName).Size];
        io.Read(objectName, buffer, 0);
        return Decode(buffer);
    }

    private static (long ObjectCount, byte[] States) Decode(byte[] buffer)
    {
        long objectCount = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(4 + 6)));
        return (objectCount, buffer.AsSpan(4 + HeaderLength, StateBytes(objectCount)).ToArray());
    }

    private static int StateBytes(long objectCount) => checked((int)((objectCount + 3) / 4));

    private static byte[] Encode(long objectCount, byte[] states)
    {
        int blocks = (states.Length + BlockSize - 1) / BlockSize;
        int footerLength = 8 + (4 * blocks);
        var encoded = new byte[4 + HeaderLength + states.Length + 4 + footerLength];
        var span = encoded.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, HeaderLength);
        var header = span.Slice(4, HeaderLength);
        header[0] = 1;
        header[1] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(header[2..], 8);
        BinaryPrimitives.WriteUInt64LittleEndian(header[6..], (ulong)objectCount);
        states.CopyTo(span[(4 + HeaderLength)..]);
        var footer = span[(4 + HeaderLength + states.Length)..];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, (uint)footerLength);
        BinaryPrimitives.WriteUInt32LittleEndian(footer[4..], Crc32C(header));
        BinaryPrimitives.WriteUInt32LittleEndian(footer[8..], (uint)blocks);
        for (int block = 0; block < blocks; block++)
        {
            int start = block * BlockSize;
            var data = states.AsSpan(start, Math.Min(BlockSize, states.Length - start));
            BinaryPrimitives.WriteUInt32LittleEndian(footer[(12 + (4 * block))..], Crc32C(data));
        }

        return encoded;
    }

    /// <summary>Ceph's <c>ceph_crc32c</c> with seed 0: CRC-32C (Castagnoli), no pre- or post-inversion.</summary>
    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0;
        foreach (byte b in data)
        {
            crc = _table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint crc = i;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }

            table[i] = crc;
        }

        return table;
    }
}
