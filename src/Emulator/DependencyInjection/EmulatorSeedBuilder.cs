using System.Text;
using System.Text.Json;
using StorageKit.Emulator.Gluster;
using StorageKit.Emulator.Rados;
using StorageKit.Emulator.Rbd;
using StorageKit.Gluster;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.DependencyInjection;

/// <summary>
/// What an emulator starts with: pools, objects, RBD images, Gluster volumes and files, and NBD servers, added from
/// code or a JSON file (schema in docs/dependency-injection.md). Steps run in the order they were added; pools and
/// volumes are created on first mention, so adding an object to a new pool is enough. NBD servers start after every
/// other step, so an RBD-backed export may name an image added later.
/// </summary>
public sealed class EmulatorSeedBuilder
{
    private readonly List<Action<EmulatedRadosCluster, EmulatedGlusterCluster>> _steps = [];
    private readonly List<EmulatorNbdServerSeed> _nbdServers = [];
    private readonly HashSet<string> _nbdEndpoints = new(StringComparer.Ordinal);

    /// <summary>Creates the pool <paramref name="name"/> (no error if it already exists).</summary>
    public EmulatorSeedBuilder AddPool(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _steps.Add((rados, _) => EnsurePool(rados, name));
        return this;
    }

    /// <summary>Writes the object <paramref name="name"/> in <paramref name="pool"/> with <paramref name="data"/>.</summary>
    public EmulatorSeedBuilder AddObject(string pool, string name, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _steps.Add((rados, _) =>
        {
            using IRadosClient client = EnsurePool(rados, pool);
            using IRadosIoContext io = client.OpenIoContext(pool);
            io.WriteFull(name, data.Span);
        });
        return this;
    }

    /// <summary>Writes the object <paramref name="name"/> with the UTF-8 bytes of <paramref name="text"/>.</summary>
    public EmulatorSeedBuilder AddObject(string pool, string name, string text) =>
        AddObject(pool, name, Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))));

    /// <summary>Creates the RBD image <paramref name="name"/> of <paramref name="size"/> bytes, with <paramref name="data"/> at offset 0.</summary>
    public EmulatorSeedBuilder AddRbdImage(string pool, string name, long size, ReadOnlyMemory<byte> data = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        _steps.Add((rados, _) =>
        {
            using IRadosClient client = EnsurePool(rados, pool);
            using IRadosIoContext io = client.OpenIoContext(pool);
            IRbdClient rbd = EmulatedRbd.For(io);
            rbd.Create(name, size);
            if (!data.IsEmpty)
            {
                using IRbdImage image = rbd.Open(name);
                image.Write(data.Span, 0);
            }
        });
        return this;
    }

    /// <summary>Creates the Gluster volume <paramref name="name"/> (no error if it already exists).</summary>
    public EmulatorSeedBuilder AddGlusterVolume(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _steps.Add((_, gluster) => EnsureVolume(gluster, name));
        return this;
    }

    /// <summary>Writes the file <paramref name="path"/> (parent directories created) in <paramref name="volume"/>.</summary>
    public EmulatorSeedBuilder AddGlusterFile(string volume, string path, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(volume);
        ArgumentException.ThrowIfNullOrEmpty(path);
        _steps.Add((_, gluster) =>
        {
            EnsureVolume(gluster, volume);
            using IGlusterVolume mounted = gluster.OpenVolume(new GlusterVolumeOptions { VolumeName = volume });
            int slash = path.LastIndexOf('/');
            if (slash > 0)
            {
                mounted.CreateDirectories(path[..slash], existOk: true);
            }

            mounted.WriteAllBytes(path, data.Span);
        });
        return this;
    }

    /// <summary>Writes the file <paramref name="path"/> with the UTF-8 bytes of <paramref name="text"/>.</summary>
    public EmulatorSeedBuilder AddGlusterFile(string volume, string path, string text) =>
        AddGlusterFile(volume, path, Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))));

    /// <summary>
    /// Starts an NBD server on the container's private network, reachable (in-process, no real socket) at
    /// <see cref="EmulatorNbdServerSeed.UnixSocketPath"/> and/or <see cref="EmulatorNbdServerSeed.TcpHost"/>:<see cref="EmulatorNbdServerSeed.TcpPort"/>
    /// by every <c>Func&lt;INbdClient&gt;</c> client of the container.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No endpoint, an endpoint another seeded server already has, no exports, two exports with one name, a negative size,
    /// content longer than the size, or an RBD export with only one of pool and image, or with a size or content of its own.
    /// </exception>
    public EmulatorSeedBuilder AddNbdServer(EmulatorNbdServerSeed server)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(server.Exports, nameof(server));
        var keys = new List<string>();
        if (server.UnixSocketPath is { } path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path, nameof(server));
            keys.Add("unix:" + path);
        }

        if (server.TcpHost is { } host)
        {
            ArgumentException.ThrowIfNullOrEmpty(host, nameof(server));
            if (server.TcpPort is < 1 or > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(server), server.TcpPort, "TcpPort must be 1 to 65535.");
            }

            // The network matches host names case-insensitively, so duplicates are found the same way.
            keys.Add($"tcp:{host.ToUpperInvariant()}:{server.TcpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (keys.Count == 0)
        {
            throw new ArgumentException("An NBD server needs a UnixSocketPath or a TcpHost to be reachable at.", nameof(server));
        }

        if (keys.Find(_nbdEndpoints.Contains) is { } taken)
        {
            throw new ArgumentException($"The NBD endpoint '{taken}' is already seeded.", nameof(server));
        }

        if (server.Exports.Count == 0)
        {
            throw new ArgumentException("An NBD server needs at least one export.", nameof(server));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (EmulatorNbdExportSeed export in server.Exports)
        {
            CheckExport(export);
            if (!names.Add(export.Name))
            {
                throw new ArgumentException($"The NBD export name '{export.Name}' appears twice on one server.", nameof(server));
            }
        }

        _nbdEndpoints.UnionWith(keys);
        _nbdServers.Add(server with { Exports = [.. server.Exports] });
        return this;
    }

    /// <summary>
    /// Starts an NBD server at the virtual Unix socket <paramref name="unixSocketPath"/> with one in-memory export
    /// <paramref name="name"/> of <paramref name="size"/> bytes, <paramref name="content"/> at offset 0.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="AddNbdServer"/>.</exception>
    public EmulatorSeedBuilder AddNbdExport(string unixSocketPath, string name, long size, ReadOnlyMemory<byte> content = default, bool readOnly = false) =>
        AddNbdServer(new EmulatorNbdServerSeed
        {
            UnixSocketPath = unixSocketPath,
            Exports = [new EmulatorNbdExportSeed { Name = name, Size = size, Content = content, ReadOnly = readOnly }],
        });

    /// <summary>Adds everything the JSON seed file at <paramref name="path"/> describes (schema: docs/dependency-injection.md).</summary>
    /// <exception cref="InvalidDataException">The file does not follow the schema.</exception>
    public EmulatorSeedBuilder FromJsonFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromJson(File.ReadAllText(path));
    }

    /// <summary>Adds everything the JSON seed document <paramref name="json"/> describes.</summary>
    /// <exception cref="InvalidDataException">The document does not follow the schema.</exception>
    public EmulatorSeedBuilder FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        foreach (JsonElement pool in Array(root, "pools"))
        {
            string name = Text(pool, "name");
            AddPool(name);
            foreach (JsonProperty obj in Object(pool, "objects"))
            {
                AddObject(name, obj.Name, Content(obj.Value));
            }
        }

        foreach (JsonElement image in Array(root, "rbdImages"))
        {
            long size = image.TryGetProperty("size", out JsonElement s) && s.TryGetInt64(out long n)
                ? n
                : throw new InvalidDataException("rbdImages[].size (a number of bytes) is required.");
            byte[] data = image.TryGetProperty("content", out JsonElement c) ? Content(c) : [];
            AddRbdImage(Text(image, "pool"), Text(image, "name"), size, data);
        }

        foreach (JsonElement volume in Array(root, "glusterVolumes"))
        {
            string name = Text(volume, "name");
            AddGlusterVolume(name);
            foreach (JsonProperty file in Object(volume, "files"))
            {
                AddGlusterFile(name, file.Name, Content(file.Value));
            }
        }

        int index = 0;
        foreach (JsonElement server in Array(root, "nbdServers"))
        {
            EmulatorNbdServerSeed seed = NbdServer(server, index);
            try
            {
                AddNbdServer(seed);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"nbdServers[{index}]: {e.Message}", e);
            }

            index++;
        }

        return this;
    }

    /// <summary>The NBD servers to start once the other steps have run, in the order they were added.</summary>
    internal IReadOnlyList<EmulatorNbdServerSeed> NbdServers => _nbdServers;

    /// <summary>Runs every step against the given clusters.</summary>
    internal void Apply(EmulatedRadosCluster rados, EmulatedGlusterCluster gluster)
    {
        foreach (Action<EmulatedRadosCluster, EmulatedGlusterCluster> step in _steps)
        {
            step(rados, gluster);
        }
    }

    private static void CheckExport(EmulatorNbdExportSeed export)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(export.Name, nameof(export));
        ArgumentNullException.ThrowIfNull(export.Description, nameof(export));
        if (export.RbdPool is not null || export.RbdImage is not null)
        {
            if (string.IsNullOrEmpty(export.RbdPool) || string.IsNullOrEmpty(export.RbdImage))
            {
                throw new ArgumentException($"The NBD export '{export.Name}' needs both RbdPool and RbdImage.", nameof(export));
            }

            if (export.Size != 0 || !export.Content.IsEmpty)
            {
                throw new ArgumentException($"The NBD export '{export.Name}' serves the RBD image {export.RbdPool}/{export.RbdImage}: its size and content come from the image.", nameof(export));
            }

            return;
        }

        if (export.Size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(export), export.Size, $"The NBD export '{export.Name}' has a negative size.");
        }

        if (export.Content.Length > export.Size)
        {
            throw new ArgumentException($"The content of the NBD export '{export.Name}' ({export.Content.Length} bytes) is longer than its size ({export.Size} bytes).", nameof(export));
        }
    }

    private static EmulatorNbdServerSeed NbdServer(JsonElement server, int index)
    {
        string at = $"nbdServers[{index}]";
        if (!server.TryGetProperty("exports", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{at}.exports (an array) is required.");
        }

        var exports = new List<EmulatorNbdExportSeed>();
        foreach (JsonElement export in list.EnumerateArray())
        {
            exports.Add(NbdExport(export, $"{at}.exports[{exports.Count}]"));
        }

        return new EmulatorNbdServerSeed
        {
            UnixSocketPath = OptionalText(server, "unixSocketPath", at),
            TcpHost = OptionalText(server, "tcpHost", at),
            TcpPort = server.TryGetProperty("tcpPort", out JsonElement p)
                ? p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out int port) ? port : throw new InvalidDataException($"{at}.tcpPort must be a number.")
                : EmulatorNbdServerSeed.DefaultTcpPort,
            Exports = exports,
        };
    }

    private static EmulatorNbdExportSeed NbdExport(JsonElement export, string at) => new()
    {
        Name = OptionalText(export, "name", at) ?? "",
        Description = OptionalText(export, "description", at) ?? "",
        Size = export.TryGetProperty("size", out JsonElement s)
            ? s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out long n) ? n : throw new InvalidDataException($"{at}.size must be a number of bytes.")
            : 0,
        ReadOnly = export.TryGetProperty("readOnly", out JsonElement r)
            && (r.ValueKind is JsonValueKind.True or JsonValueKind.False ? r.GetBoolean() : throw new InvalidDataException($"{at}.readOnly must be true or false.")),
        Content = export.TryGetProperty("content", out JsonElement c) ? Content(c) : ReadOnlyMemory<byte>.Empty,
        RbdPool = OptionalText(export, "rbdPool", at),
        RbdImage = OptionalText(export, "rbdImage", at),
    };

    private static string? OptionalText(JsonElement parent, string name, string at) =>
        !parent.TryGetProperty(name, out JsonElement e) ? null
        : e.ValueKind == JsonValueKind.String ? e.GetString()
        : throw new InvalidDataException($"{at}.{name} must be a string.");

    private static IRadosClient EnsurePool(EmulatedRadosCluster rados, string pool)
    {
        IRadosClient client = rados.Connect();
        if (!client.ListPools().Contains(pool))
        {
            client.CreatePool(pool);
        }

        return client;
    }

    private static void EnsureVolume(EmulatedGlusterCluster gluster, string name)
    {
        if (gluster.Find(name) is null)
        {
            gluster.CreateVolume(name);
        }
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement e) ? e.EnumerateArray() : default;

    private static JsonElement.ObjectEnumerator Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement e) ? e.EnumerateObject() : default;

    private static string Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s
            ? s
            : throw new InvalidDataException($"\"{name}\" (a non-empty string) is required.");

    // Content is UTF-8 text, or {"base64": "..."} for binary data.
    private static byte[] Content(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Encoding.UTF8.GetBytes(value.GetString()!),
        JsonValueKind.Object when value.TryGetProperty("base64", out JsonElement b) => b.GetBytesFromBase64(),
        _ => throw new InvalidDataException("Content must be a string (UTF-8 text) or {\"base64\": \"...\"}."),
    };
}
