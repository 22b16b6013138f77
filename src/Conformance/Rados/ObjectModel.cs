using System.Collections.Immutable;

namespace StorageKit.Conformance.Rados;

/// <summary>One object of the model: data, xattrs and omap, all immutable.</summary>
internal sealed record ModelObject(ImmutableArray<byte> Data, ImmutableSortedDictionary<string, ImmutableArray<byte>> Xattrs, ImmutableSortedDictionary<string, ImmutableArray<byte>> Omap)
{
    public static readonly ModelObject Empty = new(
        ImmutableArray<byte>.Empty,
        ImmutableSortedDictionary.Create<string, ImmutableArray<byte>>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, ImmutableArray<byte>>(StringComparer.Ordinal));

    public ModelObject WriteAt(long offset, byte[] bytes)
    {
        long end = Math.Max(Data.Length, offset + bytes.Length);
        var data = new byte[end];
        Data.CopyTo(data);
        bytes.CopyTo(data, offset);
        return this with { Data = [.. data] };
    }

    public ModelObject Resize(long size)
    {
        var data = new byte[size];
        Data.AsSpan(0, (int)Math.Min(size, Data.Length)).CopyTo(data);
        return this with { Data = [.. data] };
    }
}

/// <summary>
/// The reference model for the model-based property: a plain immutable map from object name to state,
/// written from the documented and measured librados semantics, never from the emulator's code.
/// </summary>
internal sealed record ObjectModel(ImmutableSortedDictionary<string, ModelObject> Objects)
{
    public static readonly ObjectModel Empty = new(ImmutableSortedDictionary.Create<string, ModelObject>(StringComparer.Ordinal));

    public ModelObject? Find(string name) => Objects.GetValueOrDefault(name);

    public ObjectModel Put(string name, ModelObject state) => new(Objects.SetItem(name, state));

    public ObjectModel Drop(string name) => new(Objects.Remove(name));

    public ModelObject OrEmpty(string name) => Find(name) ?? ModelObject.Empty;
}
