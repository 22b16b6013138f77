using System.Globalization;
using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// What an RBD case uses: an io context on the shared pool's default namespace (librbd 16 needs an RBD
/// namespace created before it uses a RADOS namespace), image names unique to the case, and removal of
/// every image the case named when it ends.
/// </summary>
internal sealed class RbdImageScope : IDisposable
{
    private readonly List<string> _names = [];
    private readonly string _prefix;
    private int _counter;

    public RbdImageScope(RadosCaseContext c)
    {
        Io = c.OpenIoContext(RadosNamespace.Default);
        Rbd = c.Target.OpenRbd(Io);
        _prefix = c.Namespace;
    }

    public IRadosIoContext Io { get; }

    public IRbdClient Rbd { get; }

    /// <summary>A fresh image name, removed at the end of the case if it exists then.</summary>
    public string NewName(string hint = "img")
    {
        string name = $"{_prefix}-{hint}-{Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture)}";
        _names.Add(name);
        return name;
    }

    /// <summary>Creates an image with a fresh name (4 KiB objects unless told) and returns its name.</summary>
    public string NewImage(long size, int order = 12)
    {
        string name = NewName();
        Rbd.Create(name, size, order);
        return name;
    }

    public void Dispose()
    {
        foreach (string name in _names)
        {
            try
            {
                Rbd.Remove(name);
            }
            catch (StorageNotFoundException)
            {
                // Removed by the case, or never created.
            }
            catch (StorageNotEmptyException)
            {
                // Left with snapshots by the case: drop them (unprotected first), then the image.
                RemoveSnapshots(name);
                Rbd.Remove(name);
            }
        }

        Io.Dispose();
    }

    private void RemoveSnapshots(string name)
    {
        using var image = Rbd.Open(name);
        foreach (var snapshot in image.ListSnapshots())
        {
            if (snapshot.IsProtected)
            {
                image.UnprotectSnapshot(snapshot.Name);
            }

            image.RemoveSnapshot(snapshot.Id);
        }
    }
}
