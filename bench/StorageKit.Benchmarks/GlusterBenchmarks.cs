using BenchmarkDotNet.Attributes;
using StorageKit.Emulator.Gluster;
using StorageKit.Gluster;
using StorageKit.Native.Gluster;

namespace StorageKit.Benchmarks;

/// <summary>
/// GlusterFS small-file and 1 MiB I/O, emulator (an <see cref="EmulatedGlusterCluster"/> with volume
/// <c>vol1</c>) against a real volume (STORAGEKIT_GLUSTER_HOST, STORAGEKIT_GLUSTER_PORT,
/// STORAGEKIT_GLUSTER_VOLUME, as <c>scripts/gluster-micro.sh</c> writes them). Every iteration creates a fixed
/// number of new files, which the iteration cleanup removes, so each invocation is a true create. Run:
/// <c>dotnet run -c Release --project bench/StorageKit.Benchmarks -- --filter '*Gluster*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Invocations)]
public class GlusterBenchmarks
{
    private const int Invocations = 256;
    private const int Small = 4 << 10;
    private const int Large = 1 << 20;
    private readonly byte[] _small = new byte[Small];
    private readonly byte[] _large = new byte[Large];
    private readonly List<string> _created = new(Invocations);
    private IGlusterVolume? _volume;
    private IGlusterFile? _open;
    private string _root = "";
    private long _next;

    /// <summary>Which implementation runs.</summary>
    [Params("emulator", "native")]
    public string Target { get; set; } = "emulator";

    /// <summary>Mounts the volume and writes the 1 MiB file the read benchmark reads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _volume = Mount(Target);
        _root = $"/bench-{Guid.NewGuid():N}";
        _volume.CreateDirectory(_root);
        Random.Shared.NextBytes(_small);
        Random.Shared.NextBytes(_large);
        using IGlusterFile file = _volume.Open(_root + "/large", GlusterOpenFlags.Create | GlusterOpenFlags.WriteOnly);
        file.Write(_large);
        _open = _volume.Open(_root + "/large", GlusterOpenFlags.ReadOnly);
    }

    /// <summary>Removes the files the iteration created.</summary>
    [IterationCleanup]
    public void RemoveCreated()
    {
        foreach (string path in _created)
        {
            _volume!.Unlink(path);
        }

        _created.Clear();
    }

    /// <summary>Removes the benchmark's directory and unmounts.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _open!.Close();
        _volume!.Unlink(_root + "/large");
        _volume.RemoveDirectory(_root);
        _volume.Dispose();
    }

    /// <summary>Creates a new file, writes 4 KiB and closes it (<c>glfs_creat</c>, <c>glfs_write</c>, <c>glfs_close</c>).</summary>
    [Benchmark]
    public int CreateWrite4KClose()
    {
        string path = $"{_root}/small-{_next++}";
        _created.Add(path);
        using IGlusterFile file = _volume!.Open(path, GlusterOpenFlags.Create | GlusterOpenFlags.Exclusive | GlusterOpenFlags.WriteOnly, (UnixFileMode)0x1A4);
        return file.Write(_small);
    }

    /// <summary>Reads the 1 MiB file whole through a file kept open (<c>glfs_pread</c>).</summary>
    [Benchmark]
    public int Read1M() => ReadWhole(_open!);

    /// <summary>Opens the 1 MiB file, reads it whole and closes it.</summary>
    [Benchmark]
    public int OpenRead1MClose()
    {
        using IGlusterFile file = _volume!.Open(_root + "/large", GlusterOpenFlags.ReadOnly);
        return ReadWhole(file);
    }

    private int ReadWhole(IGlusterFile file)
    {
        int total = 0;
        while (total < Large)
        {
            int read = file.ReadAt(_large.AsSpan(total), total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static IGlusterVolume Mount(string target)
    {
        const string volumeName = "vol1";
        if (target == "emulator")
        {
            var cluster = new EmulatedGlusterCluster();
            cluster.CreateVolume(volumeName);
            return cluster.OpenVolume(new GlusterVolumeOptions { VolumeName = volumeName });
        }

        string host = Environment.GetEnvironmentVariable("STORAGEKIT_GLUSTER_HOST") is { Length: > 0 } h
            ? h
            : throw new InvalidOperationException("set STORAGEKIT_GLUSTER_HOST (source DIR/gluster.env of scripts/gluster-micro.sh)");
        return new NativeGlusterClient().OpenVolume(new GlusterVolumeOptions
        {
            VolumeName = Environment.GetEnvironmentVariable("STORAGEKIT_GLUSTER_VOLUME") is { Length: > 0 } v ? v : volumeName,
            Hosts = [host],
            Port = int.TryParse(Environment.GetEnvironmentVariable("STORAGEKIT_GLUSTER_PORT"), System.Globalization.CultureInfo.InvariantCulture, out int port)
                ? port
                : GlusterVolumeOptions.DefaultPort,
        });
    }
}
