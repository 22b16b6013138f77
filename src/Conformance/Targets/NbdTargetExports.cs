using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using StorageKit.Conformance.Docker;
using StorageKit.Conformance.Framework;
using StorageKit.Emulator.Nbd;
using StorageKit.Nbd;

namespace StorageKit.Conformance.Targets;

/// <summary>How each target serves an <see cref="NbdExportSpec"/>.</summary>
internal static class NbdTargetExports
{
    /// <summary>The emulated export equal to what nbdkit serves for <paramref name="spec"/>.</summary>
    public static MemoryNbdExport MemoryExport(NbdExportSpec spec) => new(new MemoryNbdExportOptions
    {
        Name = spec.Name,
        Description = spec.Description,
        Size = spec.Size,
        ReadOnly = spec.ReadOnly,
        Features = MemoryNbdExportOptions.DefaultFeatures & ~spec.DisabledFeatures,
        BlockSizes = spec.BlockSizes,
    });

    /// <summary>The server the emulator and native-server targets run for <paramref name="spec"/>: nbdkit's single data chunk for reads.</summary>
    public static NbdServer Server(NbdExportSpec spec) => new(MemoryExport(spec), new NbdServerOptions { SparseReads = false });

    /// <summary>A fresh private directory for a socket (removed with the export).</summary>
    public static string NewSocketDirectory() => Directory.CreateTempSubdirectory("sk-nbd-").FullName;

    /// <summary>
    /// nbdkit's command line for <paramref name="spec"/> (after <c>-U SOCKET</c>). With <paramref name="childProcess"/>
    /// it starts with <c>-f --exit-with-parent</c> (a child of this process); without, it has neither (the docker
    /// target runs nbdkit in a container and stops it itself: its parent is not this process).
    /// </summary>
    public static IReadOnlyList<string> NbdkitArguments(NbdExportSpec spec, bool childProcess = true)
    {
        var filters = new List<string>();
        var parameters = new List<string>();
        if (!spec.Zero)
        {
            filters.Add("nozero");
            parameters.Add("zeromode=none");
        }
        else if (!spec.FastZero)
        {
            filters.Add("nozero");
            parameters.AddRange(["zeromode=plugin", "fastzeromode=none"]);
        }

        if (!spec.Fua)
        {
            // fuamode=none is the default; nbdkit 1.32 rejects it spelled out ("unknown fuamode 'none'").
            filters.Add("fua");
        }

        if (!spec.Cache)
        {
            filters.Add("nocache");
            parameters.Add("cachemode=none");
        }

        if (!spec.MultiConn)
        {
            filters.Add("multi-conn");
            parameters.Add("multi-conn-mode=disable");
        }

        if (spec.BlockSizes is { } sizes)
        {
            filters.Add("blocksize-policy");
            parameters.AddRange([
                string.Create(CultureInfo.InvariantCulture, $"blocksize-minimum={sizes.Minimum}"),
                string.Create(CultureInfo.InvariantCulture, $"blocksize-preferred={sizes.Preferred}"),
                string.Create(CultureInfo.InvariantCulture, $"blocksize-maximum={sizes.Maximum}"),
            ]);
        }

        if (spec.Name.Length > 0 || spec.Description.Length > 0)
        {
            // The StorageKit server serves only the names it has; nbdkit memory serves any name unless told.
            filters.Add("exportname");
            parameters.AddRange(["exportname-strict=true", "exportname-list=explicit", $"exportname={spec.Name}"]);
            parameters.Add(spec.Description.Length > 0 ? $"exportdesc=fixed:{spec.Description}" : "exportdesc=none");
        }

        var arguments = childProcess ? new List<string> { "-f", "--exit-with-parent" } : [];
        if (spec.ReadOnly)
        {
            arguments.Add("-r");
        }

        arguments.AddRange(filters.Select(f => $"--filter={f}"));
        arguments.Add("memory");
        arguments.Add(spec.Size.ToString(CultureInfo.InvariantCulture));
        arguments.AddRange(parameters);
        return arguments;
    }

    /// <summary>Waits until something accepts connections on <paramref name="path"/>; false after <paramref name="timeout"/>.</summary>
    public static bool WaitForSocket(string path, TimeSpan timeout, Func<bool> gaveUp)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout && !gaveUp())
        {
            if (File.Exists(path))
            {
                using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    probe.Connect(new UnixDomainSocketEndPoint(path));
                    return true;
                }
                catch (SocketException)
                {
                    // Bound but not yet listening: try again.
                }
            }

            Thread.Sleep(10);
        }

        return false;
    }
}

/// <summary>An in-process <see cref="NbdServer"/> reached through the emulated network (no socket).</summary>
internal sealed class EmulatedServedExport : NbdServedExport
{
    private readonly NbdServer _server;
    private readonly IDisposable _registration;

    public EmulatedServedExport(NbdExportSpec spec)
        : base(spec)
    {
        _server = NbdTargetExports.Server(spec);
        SocketPath = $"/emulated-nbd/{Guid.NewGuid():N}.sock";
        _registration = EmulatedNbdNetwork.Default.RegisterUnix(SocketPath, _server);
    }

    public override string SocketPath { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _registration.Dispose();
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }
}

/// <summary>StorageKit's <see cref="NbdServer"/> on a real Unix socket.</summary>
internal sealed class SocketServedExport : NbdServedExport
{
    private readonly NbdServer _server;
    private readonly string _directory;

    public SocketServedExport(NbdExportSpec spec)
        : base(spec)
    {
        _server = NbdTargetExports.Server(spec);
        _directory = NbdTargetExports.NewSocketDirectory();
        SocketPath = Path.Combine(_directory, "nbd.sock");
        _server.ListenUnix(SocketPath);
    }

    public override string SocketPath { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Directory.Delete(_directory, recursive: true);
        }

        base.Dispose(disposing);
    }
}

/// <summary>An <c>nbdkit memory</c> process of its own on a Unix socket in a private directory.</summary>
internal sealed class NbdkitServedExport : NbdServedExport
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _directory;

    public NbdkitServedExport(NbdExportSpec spec)
        : base(spec)
    {
        _directory = NbdTargetExports.NewSocketDirectory();
        SocketPath = Path.Combine(_directory, "nbd.sock");
        var start = new ProcessStartInfo("nbdkit")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-U");
        start.ArgumentList.Add(SocketPath);
        foreach (string argument in NbdTargetExports.NbdkitArguments(spec))
        {
            start.ArgumentList.Add(argument);
        }

        var stderr = new System.Text.StringBuilder();
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        if (!NbdTargetExports.WaitForSocket(SocketPath, StartTimeout, () => _process.HasExited))
        {
            string why;
            lock (stderr)
            {
                why = stderr.ToString().Trim();
            }

            Stop();
            throw new InvalidOperationException($"nbdkit {string.Join(' ', start.ArgumentList)} did not start: {why}");
        }
    }

    public override string SocketPath { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Stop();
        }

        base.Dispose(disposing);
    }

    private void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit();
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>
/// An <c>nbdkit memory</c> of its own in the docker target's nbdkit container (<c>docker exec</c>), with the same
/// arguments as <see cref="NbdkitServedExport"/>, on a Unix socket the host reaches through a bind mount.
/// </summary>
internal sealed class DockerServedExport : NbdServedExport
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly ContainerNbdkit _nbdkit;

    public DockerServedExport(StorageKitDockerFixture fixture, NbdExportSpec spec)
        : base(spec)
    {
        _nbdkit = fixture.StartNbdkitAsync(NbdTargetExports.NbdkitArguments(spec, childProcess: false)).GetAwaiter().GetResult();
        // nbdkit wrote its pid file, so it listens; this guards against a socket the host cannot reach.
        if (!NbdTargetExports.WaitForSocket(_nbdkit.SocketPath, StartTimeout, () => false))
        {
            _nbdkit.Dispose();
            throw new InvalidOperationException($"nbdkit in the container started, but its socket {_nbdkit.SocketPath} does not accept connections from the host");
        }
    }

    public override string SocketPath => _nbdkit.SocketPath;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _nbdkit.Dispose();
        }

        base.Dispose(disposing);
    }
}
