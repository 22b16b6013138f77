using System.Diagnostics;
using System.Reflection;

namespace StorageKit.Conformance.Docker;

/// <summary>
/// Builds (or reuses) the images <see cref="StorageKitDockerFixture"/> runs, from the recipes shipped inside this
/// assembly: <c>docker/build.sh</c>, the image directories and the scripts they copy. A test suite that only has the
/// StorageKit.Conformance package therefore needs a Docker daemon, <c>bash</c> and <c>debootstrap</c>, not a
/// checkout of the repository. Every image carries a hash of its inputs, so a daemon that already has them builds
/// nothing (about a second).
/// </summary>
public static class StorageKitDockerImages
{
    /// <summary>The images the fixture starts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["storagekit/ceph", "storagekit/gluster", "storagekit/nbdkit"];

    // Resource names are the recipes' repository paths ("docker/build.sh", "scripts/ceph-micro.sh", ...).
    private const string ResourcePrefix = "recipes/";

    /// <summary>
    /// Writes the shipped recipes to a temporary directory and runs <c>bash docker/build.sh</c> against the daemon on
    /// <paramref name="socketPath"/>; its output goes to <paramref name="log"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The build failed (the exception says why; the output is in the log).</exception>
    public static async Task BuildAsync(string socketPath, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        log ??= TextWriter.Null;
        string root = Directory.CreateTempSubdirectory("storagekit-recipes-").FullName;
        try
        {
            ExtractRecipes(root);
            var start = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = root,
            };
            start.ArgumentList.Add(Path.Combine(root, "docker", "build.sh"));
            start.Environment["DOCKER_HOST"] = "unix://" + socketPath;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started");
            Task copyOut = CopyLinesAsync(process.StandardOutput, log);
            Task copyErr = CopyLinesAsync(process.StandardError, log);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            await Task.WhenAll(copyOut, copyErr).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"docker/build.sh exited with {process.ExitCode} (needs bash, debootstrap and a Debian mirror; its output is in the log)");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Writes the shipped recipes under <paramref name="directory"/> with their repository layout.</summary>
    public static void ExtractRecipes(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Assembly assembly = typeof(StorageKitDockerImages).Assembly;
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            string path = Path.Combine(directory, name[ResourcePrefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using Stream source = assembly.GetManifestResourceStream(name)!;
            using FileStream target = File.Create(path);
            source.CopyTo(target);
            if (path.EndsWith(".sh", StringComparison.Ordinal) && !OperatingSystem.IsWindows())
            {
                // Scripts are run by path (the images' entrypoints, dockerd.sh by hand); resources carry no mode.
                File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
            }
        }
    }

    private static async Task CopyLinesAsync(StreamReader reader, TextWriter log)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}
