using System.Globalization;
using StorageKit.Conformance.Framework;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// An <see cref="RbdImageScope"/> for group cases: group names unique to the case, every group it named removed at
/// the end (which drops the group snapshots and releases the members) before the images go.
/// </summary>
internal sealed class GroupScope : IDisposable
{
    private readonly List<string> _groups = [];
    private readonly string _prefix;
    private int _counter;

    public GroupScope(RadosCaseContext c)
    {
        Images = new RbdImageScope(c);
        _prefix = c.Namespace;
    }

    public RbdImageScope Images { get; }

    public IRbdClient Rbd => Images.Rbd;

    /// <summary>A fresh group name, removed at the end of the case.</summary>
    public string TrackName(string hint = "grp")
    {
        string name = $"{_prefix}-{hint}-{Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture)}";
        _groups.Add(name);
        return name;
    }

    /// <summary>Removes <paramref name="name"/> as a group at the end of the case.</summary>
    public void Track(string name) => _groups.Add(name);

    /// <summary>Creates a group with a fresh name and returns the name.</summary>
    public string NewGroup(string hint = "grp")
    {
        string name = TrackName(hint);
        Rbd.CreateGroup(name);
        return name;
    }

    public void Dispose()
    {
        foreach (string name in _groups)
        {
            Rbd.RemoveGroup(name);
        }

        Images.Dispose();
    }
}
