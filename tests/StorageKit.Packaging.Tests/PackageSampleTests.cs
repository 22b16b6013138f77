using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using NUnit.Framework;

namespace StorageKit.Packaging.Tests;

/// <summary>
/// Packs the four StorageKit packages into a fresh folder feed, restores them into a copy of samples/ (the
/// DocumentStore app and its tests, which use PackageReference only) and runs the sample's tests against the
/// emulator. A unique version and a private NUGET_PACKAGES make sure nothing comes from an earlier run's cache;
/// third-party packages come from the machine's packages folder (a read-only fallback) or its sources.
/// </summary>
[Category("Packaging")]
[NonParallelizable]
public sealed class PackageSampleTests
{
    private static readonly string[] Projects = ["Abstractions", "Native", "Emulator", "Conformance"];
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(6);

    [Test]
    public void Packed_packages_restore_from_a_folder_feed_and_the_sample_tests_pass()
    {
        string repo = FindRepository();
        string work = Directory.CreateTempSubdirectory("storagekit-packaging-").FullName;
        try
        {
            string version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            string artifacts = Path.Combine(work, "artifacts");
            string sample = Path.Combine(work, "sample");
            string feed = Path.Combine(sample, "feed"); // where samples/NuGet.config looks
            CopyDirectory(Path.Combine(repo, "samples"), sample);

            // One build of the four (Conformance references the other three), then a pack of each without rebuilding.
            // A private artifacts path keeps this build away from the main build's bin/obj.
            Run(repo, "build", "src/Conformance/StorageKit.Conformance.csproj", "-c", "Release", "--artifacts-path", artifacts, $"-p:Version={version}");
            foreach (string project in Projects)
            {
                Run(repo, "pack", $"src/{project}/StorageKit.{project}.csproj", "-c", "Release", "--no-build", "--no-restore",
                    "--artifacts-path", artifacts, "-o", feed, $"-p:Version={version}");
            }

            foreach (string project in Projects)
            {
                string package = Path.Combine(feed, $"StorageKit.{project}.{version}.nupkg");
                Assert.That(File.Exists(package), Is.True, $"{package} was not packed");
                using ZipArchive zip = ZipFile.OpenRead(package);
                string[] entries = [.. zip.Entries.Select(e => e.FullName)];
                Assert.That(entries, Does.Contain("README.md").And.Contain($"lib/net10.0/StorageKit.{project}.xml").And.Contain($"lib/net10.0/StorageKit.{project}.dll"),
                    $"{package}: README and XML docs belong in every package");
            }

            string results = Path.Combine(work, "results");
            string globalFallback = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            // Restore into a private packages folder: the unique version could not come from a cache anyway,
            // and nothing this run restores is left behind in the machine's folder.
            int exit = Run(sample, expectSuccess: false, Path.Combine(work, "nuget"), "test", "DocumentStore.Tests/DocumentStore.Tests.csproj", "-c", "Release",
                $"-p:StorageKitVersion={version}", $"-p:RestoreFallbackFolders={globalFallback}",
                "--logger", "trx;LogFileName=sample.trx", "--results-directory", results);
            string trx = Path.Combine(results, "sample.trx");
            Assert.That(File.Exists(trx), Is.True, $"the sample's dotnet test wrote no TRX (exit code {exit})");
            string counters = File.ReadLines(trx).First(l => l.Contains("<Counters ", StringComparison.Ordinal));
            Assert.Multiple(() =>
            {
                Assert.That(exit, Is.Zero, $"dotnet test of the sample failed: {counters}");
                Assert.That(counters, Does.Contain("failed=\"0\"").And.Match("passed=\"[1-9]"), "the sample's tests");
                Assert.That(Directory.Exists(Path.Combine(work, "nuget", "storagekit.emulator", version)), Is.True,
                    "StorageKit.Emulator was restored from the folder feed into the private packages folder");
            });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static int Run(string directory, params string[] arguments) => Run(directory, expectSuccess: true, nugetPackages: null, arguments);

    private static int Run(string directory, bool expectSuccess, string? nugetPackages, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The outer `dotnet test` leaves MSBuild and VSTest settings in the environment that would steer the inner one.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        if (nugetPackages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = nugetPackages;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(StepTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} took longer than {StepTimeout}:\n{Tail(output)}");
        }

        process.WaitForExit(); // drains the redirected output
        if (expectSuccess && process.ExitCode != 0)
        {
            Assert.Fail($"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{Tail(output)}");
        }

        if (process.ExitCode != 0)
        {
            TestContext.Out.WriteLine(Tail(output));
        }

        return process.ExitCode;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            string text = output.ToString();
            return text.Length <= 8000 ? text : text[^8000..];
        }
    }

    private static string FindRepository()
    {
        for (DirectoryInfo? d = new(TestContext.CurrentContext.TestDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Kit.sln")) && Directory.Exists(Path.Combine(d.FullName, "samples")))
            {
                return d.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Kit.sln with samples/ above {TestContext.CurrentContext.TestDirectory}");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            string[] parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj" or "feed"))
            {
                continue; // a local build of the sample must not leak into the copy
            }

            string target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
