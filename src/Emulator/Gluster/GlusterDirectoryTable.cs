namespace StorageKit.Emulator.Gluster;

/// <summary>
/// The entries of an emulated directory: a name index plus the entries in creation order, each with a cookie
/// (<c>d_off</c>) that stays valid while other entries come and go, so an open directory stream can resume
/// after its last entry. Cookies 1 and 2 are <c>.</c> and <c>..</c>. Guarded by the volume's lock.
/// </summary>
internal sealed class GlusterDirectoryTable
{
    /// <summary>The cookie of <c>..</c>; real entries have larger ones.</summary>
    public const long DotDotCookie = 2;

    private readonly Dictionary<string, Entry> _byName = new(StringComparer.Ordinal);
    private readonly List<Entry?> _ordered = [];
    private readonly List<long> _cookies = [];
    private long _nextCookie = DotDotCookie + 1;
    private int _dead;

    public int Count => _byName.Count;

    public GlusterNode? Find(string name) => _byName.TryGetValue(name, out Entry? entry) ? entry.Node : null;

    public void Add(string name, GlusterNode node)
    {
        var entry = new Entry(name, node, _nextCookie++);
        _byName.Add(name, entry);
        _ordered.Add(entry);
        _cookies.Add(entry.Cookie);
    }

    public void Remove(string name)
    {
        if (!_byName.Remove(name, out Entry? entry))
        {
            return;
        }

        int index = _cookies.BinarySearch(entry.Cookie);
        _ordered[index] = null;
        _dead++;
        if (_dead > 32 && _dead > _ordered.Count / 2)
        {
            Compact();
        }
    }

    /// <summary>The first live entry whose cookie is greater than <paramref name="cookie"/>, or null.</summary>
    public (string Name, GlusterNode Node, long Cookie)? Next(long cookie)
    {
        int index = _cookies.BinarySearch(cookie + 1);
        if (index < 0)
        {
            index = ~index;
        }

        for (; index < _ordered.Count; index++)
        {
            Entry? entry = _ordered[index];
            if (entry is not null)
            {
                return (entry.Name, entry.Node, entry.Cookie);
            }
        }

        return null;
    }

    public IEnumerable<(string Name, GlusterNode Node)> Entries()
        => _ordered.Where(e => e is not null).Select(e => (e!.Name, e.Node));

    private void Compact()
    {
        _ordered.RemoveAll(e => e is null);
        _cookies.Clear();
        foreach (Entry? entry in _ordered)
        {
            _cookies.Add(entry!.Cookie);
        }

        _dead = 0;
    }

    private sealed class Entry(string name, GlusterNode node, long cookie)
    {
        public string Name { get; } = name;

        public GlusterNode Node { get; } = node;

        public long Cookie { get; } = cookie;
    }
}
