namespace StorageKit.Rbd;

public partial interface IRbdClient
{
    /// <summary>Creates an RBD namespace in this pool (<c>rbd_namespace_create</c>); needs the default namespace io context.</summary>
    void CreateNamespace(string name);

    /// <summary>Removes an empty RBD namespace (<c>rbd_namespace_remove</c>).</summary>
    void RemoveNamespace(string name);

    /// <summary>The RBD namespaces of this pool (<c>rbd_namespace_list</c>).</summary>
    IReadOnlyList<string> ListNamespaces();

    /// <summary>Whether an RBD namespace exists (<c>rbd_namespace_exists</c>).</summary>
    bool NamespaceExists(string name);

    /// <summary>Initializes the pool for RBD (<c>rbd_pool_init</c>): the application tag and librbd's pool validation.</summary>
    void InitPool(bool force = false);

    /// <summary>Image and trash counts and sizes of this pool and namespace (<c>rbd_pool_stats_get</c>).</summary>
    RbdPoolStats GetPoolStats();
}
