using System.Text;
using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// RBD namespaces and pool-level calls measured on a real Ceph 16 cluster (docs/native-probe-results.md,
/// "RBD namespaces and pool"): create, remove, list, exists, images kept apart per namespace, the
/// <c>rbd_namespace</c> layout, <c>rbd_pool_init</c> and <c>rbd_pool_stats_get</c>.
/// </summary>
[ConformanceArea("rbd.namespaces")]
public static class NamespaceCases
{
    /// <summary>a created namespace is listed and exists; after removal it is neither.</summary>
    [ConformanceCase]
    public static void CreateListExistsRemove(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var ns = new NamespaceScope(c, s.Rbd);
        string name = ns.Create();
        Check.True(s.Rbd.NamespaceExists(name), "exists");
        Check.True(s.Rbd.ListNamespaces().Contains(name), "listed");
        s.Rbd.RemoveNamespace(name);
        Check.True(!s.Rbd.NamespaceExists(name), "gone");
        Check.True(!s.Rbd.ListNamespaces().Contains(name), "not listed");
    }

    /// <summary>creating an existing namespace is EEXIST; removing a missing one ENOENT.</summary>
    [ConformanceCase]
    public static void ExistingAndMissing(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var ns = new NamespaceScope(c, s.Rbd);
        string name = ns.Create();
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.CreateNamespace(name), "create again");
        s.Rbd.RemoveNamespace(name);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RemoveNamespace(name), "remove again");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RemoveNamespace(c.Namespace + "-never"), "remove never created");
    }

    /// <summary>the empty name is EINVAL for create, exists and remove; 300 characters ENAMETOOLONG; a slash is fine.</summary>
    [ConformanceCase]
    public static void NameChecks(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var ns = new NamespaceScope(c, s.Rbd);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.CreateNamespace(""), "create empty");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.NamespaceExists(""), "exists empty");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.RemoveNamespace(""), "remove empty");
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => s.Rbd.CreateNamespace(new string('n', 300)), "300 characters");
        string slashed = ns.Create("a/b");
        Check.True(s.Rbd.NamespaceExists(slashed), "with a slash");
    }

    /// <summary>images in a namespace are listed only there; the same name may exist in the default namespace.</summary>
    [ConformanceCase]
    public static void ImagesAreKeptApart(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var ns = new NamespaceScope(c, s.Rbd);
        var inside = ns.Client(ns.Create());
        string name = s.NewName("shared");
        inside.Create(name, 4096, 12);
        Check.Sequence([name], inside.List(), "namespace list");
        Check.True(!s.Rbd.List().Contains(name), "not in the default namespace");
        s.Rbd.Create(name, 8192, 12);
        using var outer = s.Rbd.Open(name);
        using var inner = inside.Open(name);
        Check.Equal(8192L, outer.Size, "default namespace image");
        Check.Equal(4096L, inner.Size, "namespace image");
    }

    /// <summary>a RADOS namespace that is no RBD namespace lists no images or trash, and creating an image there is ENOENT.</summary>
    [ConformanceCase]
    public static void UnregisteredNamespace(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var io = c.OpenIoContext(c.Namespace + "-unregistered");
        var rbd = c.Target.OpenRbd(io);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => rbd.Create("x", 4096, 12), "create");
        Check.Equal(0, rbd.List().Count, "list");
        Check.Equal(0, rbd.ListTrash().Count, "trash");
        Check.Equal(new RbdPoolStats(0, 0, 0, 0, 0, 0, 0, 0), rbd.GetPoolStats(), "stats");
    }

    /// <summary>a namespace with an image is EBUSY to remove, and still with the image in its trash; once empty it goes.</summary>
    [ConformanceCase]
    public static void RemoveNonEmptyIsBusy(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var ns = new NamespaceScope(c, s.Rbd);
        string name = ns.Create();
        var inside = ns.Client(name);
        inside.Create("x", 4096, 12);
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => s.Rbd.RemoveNamespace(name), "with an image");
        inside.MoveToTrash("x");
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => s.Rbd.RemoveNamespace(name), "with a trashed image");
        inside.PurgeTrash(c.Session.UtcNow.AddSeconds(10));
        s.Rbd.RemoveNamespace(name);
        Check.True(!s.Rbd.NamespaceExists(name), "removed");
    }

    /// <summary>namespace calls from a client in a namespace work on the pool's namespaces (librbd uses the default namespace).</summary>
    [ConformanceCase]
    public static void CallsFromInsideANamespace(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var ns = new NamespaceScope(c, s.Rbd);
        string name = ns.Create();
        var inside = ns.Client(name);
        Check.True(inside.NamespaceExists(name), "exists");
        Check.True(inside.ListNamespaces().Contains(name), "listed");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => inside.CreateNamespace(name), "create again");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => inside.RemoveNamespace(c.Namespace + "-never"), "remove missing");
    }

    /// <summary>
    /// layout: <c>rbd_namespace</c> in the default namespace has <c>name_&lt;ns&gt;</c> with an empty value; the namespace
    /// gets an empty <c>rbd_directory</c> with omap <c>state</c> = 0; removal leaves no objects in it.
    /// </summary>
    [ConformanceCase]
    public static void Layout(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var ns = new NamespaceScope(c, s.Rbd);
        string name = ns.Create();
        var entry = s.Io.GetOmapValuesByKeys("rbd_namespace", ["name_" + name]);
        Check.Equal(0, entry["name_" + name].Length, "empty value");
        using var io = c.OpenIoContext(name);
        Check.Equal("rbd_directory", string.Join(",", io.ListObjects().Select(o => o.Name)), "objects");
        Check.Equal(0L, io.Stat("rbd_directory").Size, "no data");
        var directory = io.GetOmapValues("rbd_directory").Entries;
        Check.Equal("state=00", string.Join(",", directory.Select(e => e.Key + "=" + Convert.ToHexString(e.Value.Span))), "directory omap");
        c.Target.OpenRbd(io).Create("x", 4096, 12);
        c.Target.OpenRbd(io).Remove("x");
        s.Rbd.RemoveNamespace(name);
        Check.Equal(0, io.ListObjects().Count(), "nothing left");
    }

    /// <summary>pool stats count images, head sizes, the largest size per image over head and snapshots, snapshots, and the same for the trash.</summary>
    [ConformanceCase]
    public static void PoolStats(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var ns = new NamespaceScope(c, s.Rbd);
        var inside = ns.Client(ns.Create());
        Check.Equal(new RbdPoolStats(0, 0, 0, 0, 0, 0, 0, 0), inside.GetPoolStats(), "empty");
        inside.Create("a", 8192, 12);
        using (var image = inside.Open("a"))
        {
            image.CreateSnapshot("x");
            image.Resize(16384);
            image.CreateSnapshot("y");
            image.Resize(4096);
        }

        inside.Create("b", 12288, 12);
        Check.Equal(new RbdPoolStats(2, 16384, 28672, 2, 0, 0, 0, 0), inside.GetPoolStats(), "images");
        inside.MoveToTrash("b");
        Check.Equal(new RbdPoolStats(1, 4096, 16384, 2, 1, 12288, 12288, 0), inside.GetPoolStats(), "one trashed");
        using var cleanup = inside.Open("a");
        cleanup.RemoveSnapshot("x");
        cleanup.RemoveSnapshot("y");
    }

    /// <summary>pool init works on an initialized pool, with or without force, and the pool's rbd_info reads "overwrite validated".</summary>
    [ConformanceCase]
    public static void PoolInit(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        s.Rbd.InitPool();
        s.Rbd.InitPool(force: true);
        var buffer = new byte[64];
        int read = s.Io.Read("rbd_info", buffer, 0);
        Check.Equal("overwrite validated", Encoding.ASCII.GetString(buffer, 0, read), "rbd_info");
    }

    /// <summary>null names are ArgumentNullException, NUL ArgumentException, before anything reaches librbd.</summary>
    [ConformanceCase]
    public static void ArgumentChecks(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.CreateNamespace(null!), "create null");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.RemoveNamespace(null!), "remove null");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.NamespaceExists(null!), "exists null");
        Check.ThrowsExactly<ArgumentException>(() => s.Rbd.CreateNamespace("a\0b"), "create NUL");
    }

    /// <summary>RBD namespaces for one case: emptied (trash and images) and removed at the end.</summary>
    private sealed class NamespaceScope(RadosCaseContext c, IRbdClient rbd) : IDisposable
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
}
