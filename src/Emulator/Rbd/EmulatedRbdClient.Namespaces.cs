using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// RBD namespaces as librbd 16 keeps them: the pool's default namespace holds <c>rbd_namespace</c> (omap
/// <c>name_&lt;ns&gt;</c> → empty), and each namespace its own <c>rbd_directory</c> (omap <c>state</c> = 0). Namespace
/// calls work on the default namespace whatever namespace the client's io context is in, as librbd does.
/// Pool statistics follow librbd's <c>Pool::get_stats</c>: head sizes, the largest of head and snapshot sizes, and
/// snapshot counts, for listed images and for the trash.
/// </summary>
internal sealed partial class EmulatedRbdClient
{
    private const string NamespaceObject = "rbd_namespace";

    /// <summary>Longest namespace librbd 16 creates; longer ones are ENAMETOOLONG (measured: 300 is refused).</summary>
    private const int MaxNamespaceLength = 255;

    /// <inheritdoc />
    public void CreateNamespace(string name)
    {
        RbdArguments.ImageName(name);
        CheckNamespaceName(name, "rbd_namespace_create");
        lock (_gate)
        {
            using var root = DefaultNamespace();
            if (RbdLayout.OmapValue(root, NamespaceObject, RbdLayout.NameKey(name)) is not null)
            {
                throw StorageErrors.Create(Errno.EEXIST, "rbd_namespace_create", name);
            }

            root.SetOmap(NamespaceObject, new Dictionary<string, ReadOnlyMemory<byte>> { [RbdLayout.NameKey(name)] = Array.Empty<byte>() });
            using var inside = DefaultNamespace();
            inside.SetNamespace(name);
            inside.SetOmap(RbdLayout.Directory, new Dictionary<string, ReadOnlyMemory<byte>> { ["state"] = new byte[] { 0 } });
        }
    }

    /// <inheritdoc />
    public void RemoveNamespace(string name)
    {
        RbdArguments.ImageName(name);
        CheckNamespaceName(name, "rbd_namespace_remove");
        lock (_gate)
        {
            using var root = DefaultNamespace();
            if (RbdLayout.OmapValue(root, NamespaceObject, RbdLayout.NameKey(name)) is null)
            {
                throw StorageErrors.Create(Errno.ENOENT, "rbd_namespace_remove", name);
            }

            using var inside = DefaultNamespace();
            inside.SetNamespace(name);
            var inNamespace = new EmulatedRbdClient(inside);
            if (inNamespace.List().Count > 0 || inNamespace.ListTrash().Count > 0)
            {
                throw StorageErrors.Create(Errno.EBUSY, "rbd_namespace_remove", name);
            }

            foreach (string objectName in new[] { RbdLayout.Directory, TrashObject })
            {
                try
                {
                    inside.Remove(objectName);
                }
                catch (StorageNotFoundException)
                {
                    // Never created in this namespace.
                }
            }

            root.RemoveOmapKeys(NamespaceObject, [RbdLayout.NameKey(name)]);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListNamespaces()
    {
        using var root = DefaultNamespace();
        try
        {
            return [.. root.GetAllOmapValues(NamespaceObject, "", "name_").Keys.Select(key => key["name_".Length..])];
        }
        catch (StorageNotFoundException)
        {
            return [];
        }
    }

    /// <inheritdoc />
    public bool NamespaceExists(string name)
    {
        RbdArguments.ImageName(name);
        CheckNamespaceName(name, "rbd_namespace_exists");
        using var root = DefaultNamespace();
        return RbdLayout.OmapValue(root, NamespaceObject, RbdLayout.NameKey(name)) is not null;
    }

    /// <inheritdoc />
    public void InitPool(bool force = false)
    {
        // librbd tags the pool with the rbd application (not modelled by the emulated pool), then validates
        // it, which writes rbd_info once.
        lock (_gate)
        {
            using var root = DefaultNamespace();
            try
            {
                root.Stat(RbdLayout.Info);
            }
            catch (StorageNotFoundException)
            {
                root.WriteFull(RbdLayout.Info, "overwrite validated"u8);
            }
        }
    }

    /// <inheritdoc />
    public RbdPoolStats GetPoolStats()
    {
        lock (_gate)
        {
            var imageIds = new List<string>();
            try
            {
                imageIds.AddRange(io.GetAllOmapValues(RbdLayout.Directory, "", "id_").Keys.Select(key => key["id_".Length..]));
            }
            catch (StorageNotFoundException)
            {
                // No images yet.
            }

            var images = Stats(imageIds);
            var trash = Stats([.. ListTrash().Select(entry => entry.Id)]);
            return new RbdPoolStats(imageIds.Count, images.Bytes, images.MaxBytes, images.Snapshots, trash.Count, trash.Bytes, trash.MaxBytes, trash.Snapshots);
        }
    }

    private (long Count, long Bytes, long MaxBytes, long Snapshots) Stats(List<string> ids)
    {
        long bytes = 0, maxBytes = 0, snapshots = 0;
        foreach (string id in ids)
        {
            var header = EmulatedRbdHeader.Read(io, id, "rbd_pool_stats_get", id);
            var list = EmulatedRbdSnapshots.List(io, id, "rbd_pool_stats_get", id);
            bytes += header.Size;
            maxBytes += list.Select(snapshot => snapshot.Size).Append(header.Size).Max();
            snapshots += list.Count;
        }

        return (ids.Count, bytes, maxBytes, snapshots);
    }

    private static void CheckNamespaceName(string name, string operation)
    {
        if (name.Length == 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, operation, name);
        }

        if (name.Length > MaxNamespaceLength)
        {
            throw StorageErrors.Create(Errno.ENAMETOOLONG, operation, name);
        }
    }

    /// <summary>An io context on this pool's default namespace (librbd's namespace calls dup the io context to it).</summary>
    private EmulatedRadosIoContext DefaultNamespace()
    {
        var root = ((EmulatedRadosIoContext)io).Duplicate();
        root.SetNamespace(RadosNamespace.Default);
        return root;
    }

    /// <summary>librbd 16 creates images in a RADOS namespace only once it is an RBD namespace: ENOENT otherwise (measured).</summary>
    private void CheckNamespaceExists(string operation, string name)
    {
        if (io.Namespace.Length == 0)
        {
            return;
        }

        using var root = DefaultNamespace();
        if (RbdLayout.OmapValue(root, NamespaceObject, RbdLayout.NameKey(io.Namespace)) is null)
        {
            throw StorageErrors.Create(Errno.ENOENT, operation, name);
        }
    }
}
