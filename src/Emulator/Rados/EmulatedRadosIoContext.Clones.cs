namespace StorageKit.Emulator.Rados;

/// <summary>What emulated RBD clones need to reach images in other pools of the same client.</summary>
internal sealed partial class EmulatedRadosIoContext
{
    /// <summary>A new io context on pool <paramref name="poolId"/> and namespace <paramref name="nameSpace"/> of this client.</summary>
    internal EmulatedRadosIoContext OpenPool(long poolId, string nameSpace)
    {
        var context = (EmulatedRadosIoContext)_client.OpenIoContext(poolId);
        context.SetNamespace(nameSpace);
        return context;
    }

    /// <summary>The ids of the client's pools.</summary>
    internal List<long> PoolIds() => [.. _client.ListPools().Select(_client.LookupPool)];

    /// <summary>The name of pool <paramref name="poolId"/>.</summary>
    internal string PoolNameOf(long poolId) => _client.GetPoolName(poolId);
}
