using System.Buffers.Binary;
using System.Text;

namespace StorageKit.Emulator.Rados.Classes;

/// <summary>
/// Ceph's wire encoding (<c>include/encoding.h</c>) as far as the emulated object classes need it: little-endian
/// integers, length-prefixed strings, and versioned structs (<c>ENCODE_START</c>: u8 version, u8 compat,
/// le32 length).
/// </summary>
internal sealed class CephWriter
{
    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => [.. _bytes];

    public CephWriter U8(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public CephWriter U16(ushort value)
    {
        Span<byte> buffer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, value);
        return Raw(buffer);
    }

    public CephWriter U32(uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        return Raw(buffer);
    }

    public CephWriter U64(ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        return Raw(buffer);
    }

    public CephWriter String(string value)
    {
        byte[] text = Encoding.UTF8.GetBytes(value);
        return U32((uint)text.Length).Raw(text);
    }

    public CephWriter Raw(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            _bytes.Add(b);
        }

        return this;
    }

    /// <summary><c>ENCODE_START(version, compat)</c>; pass the result to <see cref="EndStruct"/>.</summary>
    public int StartStruct(byte version, byte compat)
    {
        U8(version).U8(compat).U32(0);
        return _bytes.Count;
    }

    /// <summary><c>ENCODE_FINISH</c>: fills in the length of the struct started at <paramref name="start"/>.</summary>
    public CephWriter EndStruct(int start)
    {
        uint length = (uint)(_bytes.Count - start);
        for (int i = 0; i < 4; i++)
        {
            _bytes[start - 4 + i] = (byte)(length >> (8 * i));
        }

        return this;
    }
}

/// <summary>The decoding counterpart of <see cref="CephWriter"/>; malformed or short input throws <see cref="CephDecodeException"/>.</summary>
internal ref struct CephReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public readonly int Remaining => _buffer.Length - _position;

    public byte U8() => Take(1)[0];

    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public string String() => Encoding.UTF8.GetString(Take(checked((int)Math.Min(U32(), int.MaxValue))));

    public ReadOnlySpan<byte> Raw(int length) => Take(length);

    /// <summary>
    /// <c>DECODE_START_LEGACY_COMPAT_LEN(version, 1, 1)</c>: reads version, compat and length; a compat newer
    /// than <paramref name="version"/> is malformed. Returns the position where the struct ends.
    /// </summary>
    public int StartStruct(byte version)
    {
        byte structVersion = U8();
        byte compat = U8();
        if (compat > version)
        {
            throw new CephDecodeException($"struct compat {compat} is newer than {version}");
        }

        _ = structVersion;
        uint length = U32();
        if (length > Remaining)
        {
            throw new CephDecodeException("struct runs past the end of the buffer");
        }

        return _position + (int)length;
    }

    /// <summary><c>DECODE_FINISH</c>: skips what a newer version added; malformed when the struct was overrun.</summary>
    public void EndStruct(int end)
    {
        if (_position > end)
        {
            throw new CephDecodeException("struct decoded past its length");
        }

        _position = end;
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || Remaining < length)
        {
            throw new CephDecodeException("end of buffer");
        }

        ReadOnlySpan<byte> taken = _buffer.Slice(_position, length);
        _position += length;
        return taken;
    }
}

/// <summary>Input that does not decode (Ceph's <c>buffer::error</c>).</summary>
internal sealed class CephDecodeException(string message) : Exception(message);
