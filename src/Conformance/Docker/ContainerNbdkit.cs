using System.Diagnostics;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace StorageKit.Conformance.Docker;

/// <summary>
/// An nbdkit started by <see cref="StorageKitDockerFixture.StartNbdkitAsync"/> in the nbdkit container, listening
/// on a Unix socket the host reaches through a bind mount. Dispose stops it and removes its directory.
/// </summary>
/// <remarks>
/// nbdkit runs detached (<c>setsid -f</c>) under a shell that writes its output to <c>log</c> and its exit code
/// to <c>exit</c> in the socket directory, where the host reads them. Measured: started as the process of the
/// <c>docker exec</c> itself, nbdkit got a SIGTERM from the exiting runc in about half of the starts (seen with
/// the kernel's signal_generate trace); backgrounded by nbdkit's own fork, a child was seen spinning in poll()
/// with the quit pipe it shares with its parent readable, never accepting. See docker/README.md.
/// </remarks>
public sealed class ContainerNbdkit : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    // $0 is the socket directory; the rest are nbdkit's arguments.
    private const string Supervisor = "exec </dev/null >\"$0/log\" 2>&1; nbdkit -f \"$@\"; echo $? >\"$0/exit\"";

    private readonly DockerClient _client;
    private readonly string _container;
    private readonly string _directory;
    private readonly string _innerDirectory;
    private int _stopped;

    private ContainerNbdkit(DockerClient client, string container, string directory, string innerDirectory)
    {
        _client = client;
        _container = container;
        _directory = directory;
        _innerDirectory = innerDirectory;
    }

    /// <summary>The socket's path on the host (for <c>nbd_connect_unix</c> or <c>nbd+unix:///?socket=</c>).</summary>
    public string SocketPath => Path.Combine(_directory, "nbd.sock");

    private string ExitFile => Path.Combine(_directory, "exit");

    // Starts nbdkit -f in the container and returns once it wrote its pid file, which nbdkit does after it listens.
    internal static async Task<ContainerNbdkit> StartAsync(DockerClient client, string container, string directory, string innerDirectory, IEnumerable<string> arguments, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var nbdkit = new ContainerNbdkit(client, container, directory, innerDirectory);
        var nbdkitArguments = new List<string> { "-U", innerDirectory + "/nbd.sock", "-P", innerDirectory + "/nbdkit.pid" };
        nbdkitArguments.AddRange(arguments);
        string commandLine = "nbdkit -f " + string.Join(' ', nbdkitArguments);
        try
        {
            var (exitCode, output) = await ExecAsync(client, container, ["setsid", "-f", "sh", "-c", Supervisor, innerDirectory, .. nbdkitArguments], ct).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"{commandLine} could not be started in the nbdkit container ({exitCode}): {output}");
            }

            string pidFile = Path.Combine(directory, "nbdkit.pid");
            var waited = Stopwatch.StartNew();
            while (!File.Exists(pidFile))
            {
                if (File.Exists(nbdkit.ExitFile))
                {
                    throw new InvalidOperationException($"{commandLine} exited with {nbdkit.ReadExitCode()} in the nbdkit container: {nbdkit.ReadLog()}");
                }

                if (waited.Elapsed > StartTimeout)
                {
                    throw new InvalidOperationException($"{commandLine} did not listen within {StartTimeout.TotalSeconds} s in the nbdkit container: {nbdkit.ReadLog()}");
                }

                await Task.Delay(10, ct).ConfigureAwait(false);
            }

            return nbdkit;
        }
        catch
        {
            await nbdkit.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private string ReadExitCode() => File.ReadAllText(ExitFile).Trim();

    private string ReadLog() => File.Exists(Path.Combine(_directory, "log")) ? File.ReadAllText(Path.Combine(_directory, "log")).Trim() : string.Empty;

    // Runs a command in a container and returns its exit code and output (stdout, then stderr).
    private static async Task<(long ExitCode, string Output)> ExecAsync(DockerClient client, string container, IList<string> command, CancellationToken ct)
    {
        var exec = await client.Exec.ExecCreateContainerAsync(container, new ContainerExecCreateParameters
        {
            Cmd = command,
            AttachStdout = true,
            AttachStderr = true,
        }, ct).ConfigureAwait(false);
        string output;
        using (var stream = await client.Exec.StartAndAttachContainerExecAsync(exec.ID, false, ct).ConfigureAwait(false))
        {
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(ct).ConfigureAwait(false);
            output = (stdout + stderr).Trim();
        }

        // The streams can end a moment before the daemon records the exit code.
        while (true)
        {
            var inspect = await client.Exec.InspectContainerExecAsync(exec.ID, ct).ConfigureAwait(false);
            if (!inspect.Running)
            {
                return (inspect.ExitCode, output);
            }

            await Task.Delay(10, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the nbdkit, waits until it is gone and removes its socket directory.</summary>
    /// <exception cref="InvalidOperationException">nbdkit did not stop.</exception>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            if (Directory.Exists(_directory) && !File.Exists(ExitFile) && File.Exists(Path.Combine(_directory, "nbdkit.pid")))
            {
                var (exitCode, output) = await ExecAsync(_client, _container, ["sh", "-c", "kill \"$(cat \"$1\")\"", "sh", _innerDirectory + "/nbdkit.pid"], CancellationToken.None).ConfigureAwait(false);
                var waited = Stopwatch.StartNew();
                // The supervisor writes the exit file once nbdkit is gone (a kill that found it gone already fails).
                while (!File.Exists(ExitFile))
                {
                    if (waited.Elapsed > StopTimeout)
                    {
                        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"nbdkit in {_innerDirectory} of the nbdkit container did not stop within {StopTimeout.TotalSeconds} s (kill: {exitCode} {output})"));
                    }

                    await Task.Delay(10).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
