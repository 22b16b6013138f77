using System.Globalization;
using StorageKit.Rados;

namespace StorageKit.Conformance.Framework;

/// <summary>
/// What one case gets: a connected client, an io context on the shared pool in a namespace nobody else
/// uses, and helpers for unique names. Disposing removes what the case made (objects, pools, clients).
/// </summary>
public sealed class RadosCaseContext : IDisposable
{
    private readonly List<IRadosClient> _clients = [];
    private readonly List<string> _pools = [];
    private int _counter;

    /// <summary>Connects a client and opens the case's namespace on the target's shared pool.</summary>
    public RadosCaseContext(ConformanceTarget target, string caseName)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        Session = target.OpenSession();
        Namespace = $"sk-{Guid.NewGuid():N}"[..15];
        CaseName = caseName;
        Client = NewClient();
        Io = Client.OpenIoContext(target.SharedPool);
        Io.SetNamespace(Namespace);
    }

    /// <summary>The target the case runs on.</summary>
    public ConformanceTarget Target { get; }

    /// <summary>Where the case's clients come from and how time passes for it.</summary>
    public ConformanceSession Session { get; }

    /// <summary>Name of the running case.</summary>
    public string CaseName { get; }

    /// <summary>A connected client for the case.</summary>
    public IRadosClient Client { get; }

    /// <summary>An io context on the shared pool, set to <see cref="Namespace"/>.</summary>
    public IRadosIoContext Io { get; }

    /// <summary>The case's own namespace.</summary>
    public string Namespace { get; }

    /// <summary>A name no other object of this case has.</summary>
    public string NewObjectName(string hint = "obj") => $"{hint}-{Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A fresh connected client, closed with the case.</summary>
    public IRadosClient NewClient(bool connect = true)
    {
        IRadosClient client = Session.CreateRadosClient();
        _clients.Add(client);
        if (connect)
        {
            client.Connect();
        }

        return client;
    }

    /// <summary>A pool name nobody uses; the pool, if the case creates it, is deleted with the case.</summary>
    public string NewPoolName()
    {
        string name = $"sk-pool-{Guid.NewGuid():N}"[..20];
        _pools.Add(name);
        return name;
    }

    /// <summary>Creates a pool of its own for the case.</summary>
    public string CreatePool()
    {
        string name = NewPoolName();
        Client.CreatePool(name);
        return name;
    }

    /// <summary>Opens an io context on the shared pool in a new namespace of this case.</summary>
    public IRadosIoContext OpenIoContext(string? nameSpace = null)
    {
        IRadosIoContext io = Client.OpenIoContext(Target.SharedPool);
        io.SetNamespace(nameSpace ?? Namespace);
        return io;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (Client.IsConnected)
            {
                CleanUp();
            }
        }
        finally
        {
            Io.Dispose();
            foreach (IRadosClient client in _clients)
            {
                client.Dispose();
            }

            Session.Dispose();
        }
    }

    private void CleanUp()
    {
        using IRadosIoContext io = Client.OpenIoContext(Target.SharedPool);
        // Cases may use namespaces derived from theirs ("<ns>-b"), so sweep every namespace with the prefix.
        io.SetNamespace(RadosNamespace.All);
        foreach (RadosObjectEntry entry in io.ListObjects().Where(e => e.Namespace.StartsWith(Namespace, StringComparison.Ordinal)).ToList())
        {
            io.SetNamespace(entry.Namespace);
            io.SetLocatorKey(entry.LocatorKey);
            io.Remove(entry.Name);
        }

        foreach (string pool in _pools)
        {
            try
            {
                Client.DeletePool(pool);
            }
            catch (StorageNotFoundException)
            {
                // The case never created it, or deleted it itself.
            }
        }
    }
}
