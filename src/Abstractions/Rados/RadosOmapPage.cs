namespace StorageKit.Rados;

/// <summary>
/// One page of an omap listing, in key order. <see cref="More"/> is librados' <c>pmore</c>: true when the
/// OSD stopped because of the page limit while a matching key remained.
/// </summary>
/// <param name="Entries">Keys and values in ascending ordinal key order.</param>
/// <param name="More">True when the listing was cut short by the page limit.</param>
public sealed record RadosOmapPage(IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> Entries, bool More);

/// <summary>One page of omap keys, in key order; see <see cref="RadosOmapPage"/> for <see cref="More"/>.</summary>
/// <param name="Keys">Keys in ascending ordinal order.</param>
/// <param name="More">True when the listing was cut short by the page limit.</param>
public sealed record RadosOmapKeysPage(IReadOnlyList<string> Keys, bool More);
