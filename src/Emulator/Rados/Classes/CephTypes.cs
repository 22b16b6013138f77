using System.Globalization;

namespace StorageKit.Emulator.Rados.Classes;

/// <summary>Ceph's <c>utime_t</c>: seconds and nanoseconds since the epoch, both le32.</summary>
internal readonly record struct UTime(uint Seconds, uint Nanoseconds) : IComparable<UTime>
{
    public bool IsZero => Seconds == 0 && Nanoseconds == 0;

    public static UTime From(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new UTime((uint)(ticks / TimeSpan.TicksPerSecond), (uint)(ticks % TimeSpan.TicksPerSecond * 100));
    }

    /// <summary><c>utime_t::operator+=</c>, wrapping the seconds like the 32-bit field does.</summary>
    public UTime Add(UTime duration)
    {
        ulong nanoseconds = (ulong)Nanoseconds + duration.Nanoseconds;
        uint carry = (uint)(nanoseconds / 1_000_000_000);
        return new UTime(unchecked(Seconds + duration.Seconds + carry), (uint)(nanoseconds % 1_000_000_000));
    }

    public int CompareTo(UTime other)
    {
        int c = Seconds.CompareTo(other.Seconds);
        return c != 0 ? c : Nanoseconds.CompareTo(other.Nanoseconds);
    }

    public static bool operator <(UTime left, UTime right) => left.CompareTo(right) < 0;

    public static bool operator >(UTime left, UTime right) => left.CompareTo(right) > 0;

    public static bool operator <=(UTime left, UTime right) => left.CompareTo(right) <= 0;

    public static bool operator >=(UTime left, UTime right) => left.CompareTo(right) >= 0;

    public void Encode(CephWriter writer) => writer.U32(Seconds).U32(Nanoseconds);

    public static UTime Decode(ref CephReader reader) => new(reader.U32(), reader.U32());
}

/// <summary>Ceph's <c>entity_name_t</c>: a type (client = 8) and a number (the global id).</summary>
internal readonly record struct EntityName(byte Type, long Number) : IComparable<EntityName>
{
    public const byte Mon = 0x01;
    public const byte Mds = 0x02;
    public const byte Osd = 0x04;
    public const byte Client = 0x08;
    public const byte Mgr = 0x10;

    private static readonly (string Prefix, byte Type)[] Prefixes =
        [("mon.", Mon), ("mds.", Mds), ("osd.", Osd), ("client.", Client), ("mgr.", Mgr)];

    public static EntityName ForClient(ulong globalId) => new(Client, (long)globalId);

    public int CompareTo(EntityName other)
    {
        int c = Type.CompareTo(other.Type);
        return c != 0 ? c : Number.CompareTo(other.Number);
    }

    public override string ToString()
    {
        string type = Type switch
        {
            Mon => "mon",
            Mds => "mds",
            Osd => "osd",
            Client => "client",
            Mgr => "mgr",
            _ => "unknown",
        };
        return $"{type}.{Number.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// <c>entity_name_t::parse</c>: a known type, a dot, then a whole base-10 number (<c>strtoll</c>: optional
    /// sign, no leading blank, nothing after it).
    /// </summary>
    public static bool TryParse(string text, out EntityName name)
    {
        name = default;
        foreach (var (prefix, type) in Prefixes)
        {
            if (!text.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            string number = text[prefix.Length..];
            if (number.Length == 0 || char.IsWhiteSpace(number[0])
                || !long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                return false;
            }

            name = new EntityName(type, value);
            return true;
        }

        return false;
    }

    public void Encode(CephWriter writer) => writer.U8(Type).U64((ulong)Number);

    public static EntityName Decode(ref CephReader reader) => new(reader.U8(), (long)reader.U64());
}

/// <summary>
/// Ceph's <c>entity_addr_t</c> in its msgr2-era encoding (marker 1, versioned struct, type, nonce, sockaddr)
/// for IPv4 only, which is all an emulated client has.
/// </summary>
internal readonly record struct EntityAddress(uint Type, uint Nonce, uint IPv4, ushort Port)
{
    public const uint TypeLegacy = 1;
    public const uint TypeAny = 3;
    private const ushort AfInet = 2;

    /// <summary>The address an emulated client reports: <c>127.0.0.1:0</c> with its nonce.</summary>
    public static EntityAddress Loopback(uint type, uint nonce) => new(type, nonce, 0x7F000001, 0);

    public override string ToString()
    {
        string prefix = Type switch
        {
            TypeLegacy => "v1:",
            2 => "v2:",
            _ => "",
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{prefix}{IPv4 >> 24}.{(IPv4 >> 16) & 0xFF}.{(IPv4 >> 8) & 0xFF}.{IPv4 & 0xFF}:{Port}/{Nonce}");
    }

    public void Encode(CephWriter writer)
    {
        writer.U8(1);
        int start = writer.StartStruct(1, 1);
        writer.U32(Type).U32(Nonce).U32(16).U16(AfInet);
        // sockaddr_in after the family: port and address in network order, then 8 bytes of padding.
        writer.U8((byte)(Port >> 8)).U8((byte)Port);
        writer.U8((byte)(IPv4 >> 24)).U8((byte)(IPv4 >> 16)).U8((byte)(IPv4 >> 8)).U8((byte)IPv4);
        writer.U64(0);
        writer.EndStruct(start);
    }

    public static EntityAddress Decode(ref CephReader reader)
    {
        if (reader.U8() != 1)
        {
            throw new CephDecodeException("entity_addr_t marker != 1");
        }

        int end = reader.StartStruct(1);
        uint type = reader.U32();
        uint nonce = reader.U32();
        uint length = reader.U32();
        uint address = 0;
        ushort port = 0;
        if (length >= 8)
        {
            _ = reader.U16();
            ReadOnlySpan<byte> data = reader.Raw((int)length - 2);
            port = (ushort)((data[0] << 8) | data[1]);
            address = ((uint)data[2] << 24) | ((uint)data[3] << 16) | ((uint)data[4] << 8) | data[5];
        }
        else if (length > 0)
        {
            reader.Raw((int)length);
        }

        reader.EndStruct(end);
        return new EntityAddress(type, nonce, address, port);
    }
}
