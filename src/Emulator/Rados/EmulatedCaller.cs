using System.Globalization;
using StorageKit.Emulator.Rados.Classes;

namespace StorageKit.Emulator.Rados;

/// <summary>Who sends an op: the client's global id and its address nonce.</summary>
internal readonly record struct EmulatedCaller(ulong GlobalId, uint Nonce)
{
    /// <summary><c>client.&lt;gid&gt;</c>.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"client.{GlobalId}");

    /// <summary>The address as the OSD sees the client (<c>127.0.0.1:0/nonce</c>, type "any").</summary>
    public EntityAddress Address => EntityAddress.Loopback(EntityAddress.TypeAny, Nonce);
}
