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
/// What an emulator starts with: pools, objects, RBD images, Gluster volumes and files, added from code or a
/// JSON file (schema in docs/dependency-injection.md). Steps run in the order they were added; pools and
/// volumes are created on first mention, so adding an object to a new pool is enough.
/// </summary>
public sealed class EmulatorSeedBuilder
{
    private readonly List<Action<EmulatedRadosCluster, EmulatedGlusterCluster>> _steps = [];

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

        return this;
    }

    /// <summary>Runs every step against the given clusters.</summary>
    internal void Apply(EmulatedRadosCluster rados, EmulatedGlusterCluster gluster)
    {
        foreach (Action<EmulatedRadosCluster, EmulatedGlusterCluster> step in _steps)
        {
            step(rados, gluster);
        }
    }

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
