using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>RBD namespaces for one case: emptied (trash and images) and removed at the end.</summary>
internal sealed class RbdNamespaceScope(RadosCaseContext c, IRbdClient rbd) : IDisposable
{
    private readonly List<string> _names = [];
    private readonly List<IRadosIoContext> _contexts = [];

    public string Create(string hint = "ns")
    {
        string name = $"{c.Namespace}-{hint}-{_names.Count}";
        rbd.CreateNamespace(name);
        _names.Add(name);
        return name;
    }

    public IRbdClient Client(string name)
    {
        var io = c.OpenIoContext(name);
        _contexts.Add(io);
        return c.Target.OpenRbd(io);
    }

    public void Dispose()
    {
        foreach (string name in _names)
        {
            using var io = c.OpenIoContext(name);
            var inside = c.Target.OpenRbd(io);
            foreach (var entry in inside.ListTrash())
            {
                inside.RemoveFromTrash(entry.Id, force: true);
            }

            foreach (string image in inside.List())
            {
                inside.Remove(image);
            }

            try
            {
                rbd.RemoveNamespace(name);
            }
            catch (StorageNotFoundException)
            {
                // Removed by the case.
            }
        }

        foreach (var io in _contexts)
        {
            io.Dispose();
        }
    }
}
