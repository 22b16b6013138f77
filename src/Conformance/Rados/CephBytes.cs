using System.Buffers.Binary;
using System.Text;

namespace StorageKit.Conformance.Rados;

/// <summary>
/// Just enough of Ceph's encoding to build object-class inputs and read their replies in cases: little-endian
/// integers, length-prefixed strings and versioned structs (u8 version, u8 compat, le32 length).
/// </summary>
internal sealed class CephBytes
{
    private readonly List<byte> _bytes = [];
    private readonly Stack<int> _structs = new();

    public static CephBytes Build() => new();

    public CephBytes U8(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public CephBytes U32(uint value)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        _bytes.AddRange(buffer);
        return this;
    }

    public CephBytes U64(ulong value)
    {
        var buffer = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        _bytes.AddRange(buffer);
        return this;
    }

    public CephBytes String(string value)
    {
        byte[] text = Encoding.UTF8.GetBytes(value);
        U32((uint)text.Length);
        _bytes.AddRange(text);
        return this;
    }

    public CephBytes Start(byte version = 1, byte compat = 1)
    {
        U8(version).U8(compat).U32(0);
        _structs.Push(_bytes.Count);
        return this;
    }

    public CephBytes End()
    {
        int start = _structs.Pop();
        byte[] length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)(_bytes.Count - start));
        for (int i = 0; i < 4; i++)
        {
            _bytes[start - 4 + i] = length[i];
        }

        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>Reads the encoding back; throws <see cref="InvalidDataException"/> when it is cut short.</summary>
    internal sealed class Reader(byte[] data)
    {
        private int _position;

        public bool AtEnd => _position == data.Length;

        public byte U8() => Take(1)[0];

        public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        public string String() => Encoding.UTF8.GetString(Take((int)U32()));

        /// <summary>Reads a struct header; returns where the struct ends.</summary>
        public int Start()
        {
            U8();
            U8();
            int length = (int)U32();
            return _position + length;
        }

        public void SkipTo(int end) => _position = end;

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length < 0 || _position + length > data.Length)
            {
                throw new InvalidDataException($"cut short at {_position} reading {length} bytes of {data.Length}");
            }

            ReadOnlySpan<byte> taken = data.AsSpan(_position, length);
            _position += length;
            return taken;
        }
    }
}
