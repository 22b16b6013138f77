using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StorageKit.Emulator.Nbd;
using StorageKit.Nbd;

namespace StorageKit.Emulator.Tests.Nbd;

/// <summary>
/// Real libnbd tools judge the server: <c>nbdinfo --json</c> (and <c>--map</c> after an <c>nbdcopy</c>) must report
/// the same against the StorageKit server as against <c>nbdkit memory</c> for an equivalent export. Needs nbdinfo,
/// nbdcopy and nbdkit: without them the tests fail under CI=true and are ignored elsewhere. Loopback and Unix sockets only.
/// </summary>
[NonParallelizable]
public sealed class NbdkitComparisonTests
{
    private const long MiB = 1 << 20;
    private static readonly string[] Tools = ["nbdinfo", "nbdcopy", "nbdkit"];
    private string _directory = null!;

    public static IEnumerable<TestCaseData> EquivalentExports()
    {
        yield return new TestCaseData((string[])["memory", "1G"], new MemoryNbdExportOptions { Size = 1L << 30 })
            .SetName("Default memory export");
        yield return new TestCaseData((string[])["-r", "memory", "1M"], new MemoryNbdExportOptions { Size = MiB, ReadOnly = true })
            .SetName("Read-only export");
        yield return new TestCaseData(
            (string[])["--filter=blocksize-policy", "memory", "1M", "blocksize-minimum=512", "blocksize-preferred=4096", "blocksize-maximum=1M"],
            new MemoryNbdExportOptions { Size = MiB, BlockSizes = (512, 4096, MiB) })
            .SetName("Export with block sizes");
        yield return new TestCaseData(
            (string[])["--filter=nozero", "--filter=nocache", "--filter=multi-conn", "memory", "1M", "zeromode=none", "cachemode=none", "multi-conn-mode=disable"],
            new MemoryNbdExportOptions
            {
                Size = MiB,
                Features = MemoryNbdExportOptions.DefaultFeatures & ~(NbdExportFlags.CanZero | NbdExportFlags.CanFastZero | NbdExportFlags.CanCache | NbdExportFlags.CanMultiConn),
            })
            .SetName("Export without zero, cache and multi-conn");
    }

    [SetUp]
    public void RequireTools()
    {
        string[] missing = [.. Tools.Where(tool => FindTool(tool) is null)];
        if (missing.Length > 0)
        {
            string message = $"missing on PATH: {string.Join(", ", missing)} (install libnbd-bin and nbdkit)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        _directory = Directory.CreateTempSubdirectory("sk-nbd-").FullName;
    }

    [TearDown]
    public void RemoveDirectory()
    {
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [TestCaseSource(nameof(EquivalentExports))]
    public async Task NbdinfoJsonIsTheSameAsAgainstNbdkit(string[] nbdkitArguments, MemoryNbdExportOptions options)
    {
        string nbdkitSocket = Path.Combine(_directory, "nbdkit.sock");
        using NbdkitProcess nbdkit = await StartNbdkitAsync(nbdkitSocket, nbdkitArguments);
        await using var server = new NbdServer(new MemoryNbdExport(options));
        string ourSocket = Path.Combine(_directory, "storagekit.sock");
        server.ListenUnix(ourSocket);
        IPEndPoint tcp = server.ListenTcp(new IPEndPoint(IPAddress.Loopback, 0));

        JsonObject expected = await NbdinfoAsync("--json", UnixUri(nbdkitSocket));
        JsonObject overUnix = await NbdinfoAsync("--json", UnixUri(ourSocket));
        JsonObject overTcp = await NbdinfoAsync("--json", $"nbd://127.0.0.1:{tcp.Port}/");
        TestContext.Out.WriteLine(expected.ToJsonString());

        // Field by field, so a failure names the field: size, every flag, contexts, block sizes.
        JsonObject export = Export(expected);
        foreach (JsonObject actual in new[] { overUnix, overTcp })
        {
            Assert.That(actual["protocol"]?.ToJsonString(), Is.EqualTo(expected["protocol"]?.ToJsonString()), "protocol");
            Assert.That(actual["structured"]?.ToJsonString(), Is.EqualTo(expected["structured"]?.ToJsonString()), "structured");
            JsonObject ours = Export(actual);
            foreach (string field in export.Select(p => p.Key).Union(ours.Select(p => p.Key)).Where(k => k != "uri"))
            {
                Assert.That(ours[field]?.ToJsonString(), Is.EqualTo(export[field]?.ToJsonString()), field);
            }
        }

        Assert.That(export["contexts"]?.ToJsonString(), Does.Contain(NbdMetaContexts.BaseAllocation));
    }

    [Test]
    public async Task NbdinfoListIsTheSameAsAgainstNbdkit()
    {
        string nbdkitSocket = Path.Combine(_directory, "nbdkit.sock");
        using NbdkitProcess nbdkit = await StartNbdkitAsync(nbdkitSocket, ["memory", "64M"]);
        await using var server = new NbdServer(new MemoryNbdExport(new MemoryNbdExportOptions { Size = 64 * MiB }));
        string ourSocket = Path.Combine(_directory, "storagekit.sock");
        server.ListenUnix(ourSocket);

        JsonObject expected = await NbdinfoAsync("--list", "--json", UnixUri(nbdkitSocket));
        JsonObject actual = await NbdinfoAsync("--list", "--json", UnixUri(ourSocket));
        Assert.That(Normalize(actual, ourSocket), Is.EqualTo(Normalize(expected, nbdkitSocket)));
    }

    [Test]
    public async Task NbdinfoMapAfterNbdcopyIsTheSameAsAgainstNbdkit()
    {
        // A sparse image: scattered data, a block of written zeros and holes; nbdcopy writes it the same way to both.
        string image = Path.Combine(_directory, "source.img");
        await using (FileStream file = File.Create(image))
        {
            file.SetLength(16 * MiB);
            foreach ((long offset, int length, byte value) in new[] { (100L, 1, (byte)'x'), (40000L, 10, (byte)'y'), (2 * MiB, 70000, (byte)'z'), (9 * MiB, 4 * (int)MiB, (byte)'w') })
            {
                file.Position = offset;
                file.Write(Enumerable.Repeat(value, length).ToArray());
            }
        }

        string nbdkitSocket = Path.Combine(_directory, "nbdkit.sock");
        using NbdkitProcess nbdkit = await StartNbdkitAsync(nbdkitSocket, ["memory", "16M"]);
        await using var server = new NbdServer(new MemoryNbdExport(new MemoryNbdExportOptions { Size = 16 * MiB }));
        IPEndPoint tcp = server.ListenTcp(new IPEndPoint(IPAddress.Loopback, 0));
        string ours = $"nbd://127.0.0.1:{tcp.Port}/";

        await RunAsync("nbdcopy", image, UnixUri(nbdkitSocket));
        await RunAsync("nbdcopy", image, ours);
        string expected = await RunAsync("nbdinfo", "--map", "--json", UnixUri(nbdkitSocket));
        string actual = await RunAsync("nbdinfo", "--map", "--json", ours);
        TestContext.Out.WriteLine(expected);
        Assert.That(JsonNode.Parse(actual)!.ToJsonString(), Is.EqualTo(JsonNode.Parse(expected)!.ToJsonString()));

        // And the data itself round-trips through the server.
        string back = Path.Combine(_directory, "back.img");
        await RunAsync("nbdcopy", ours, back);
        Assert.That(File.ReadAllBytes(back), Is.EqualTo(File.ReadAllBytes(image)));
    }

    private static string UnixUri(string socket) => $"nbd+unix:///?socket={socket}";

    private static JsonObject Export(JsonObject info) => info["exports"]!.AsArray().Single()!.AsObject();

    private static string Normalize(JsonObject info, string socket)
        => info.ToJsonString().Replace(socket, "SOCKET", StringComparison.Ordinal);

    private static async Task<JsonObject> NbdinfoAsync(params string[] arguments)
        => JsonNode.Parse(await RunAsync("nbdinfo", arguments))!.AsObject();

    private static async Task<NbdkitProcess> StartNbdkitAsync(string socket, string[] arguments)
    {
        var start = new ProcessStartInfo(FindTool("nbdkit")!) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["-f", "-U", socket, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var nbdkit = new NbdkitProcess(Process.Start(start)!);
        Process process = nbdkit.Process;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!File.Exists(socket))
        {
            if (process.HasExited)
            {
                Assert.Fail($"nbdkit {string.Join(' ', arguments)} exited: {await process.StandardError.ReadToEndAsync(timeout.Token)}");
            }

            await Task.Delay(20, timeout.Token);
        }

        return nbdkit;
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(FindTool(tool)!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"{tool} {string.Join(' ', arguments)}: {await errors}");
        return await output;
    }

    private static string? FindTool(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    /// <summary>An nbdkit started by a test, killed (by its own id) when the test ends.</summary>
    private sealed class NbdkitProcess(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit(5000);
            }

            Process.Dispose();
        }
    }
}
