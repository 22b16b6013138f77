using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

internal sealed partial class EmulatedRbdClient
{
    public void CreateNamespace(string name) => throw new NotImplementedException();
    public void RemoveNamespace(string name) => throw new NotImplementedException();
    public IReadOnlyList<string> ListNamespaces() => throw new NotImplementedException();
    public bool NamespaceExists(string name) => throw new NotImplementedException();
    public void InitPool(bool force = false) => throw new NotImplementedException();
    public RbdPoolStats GetPoolStats() => throw new NotImplementedException();
}
