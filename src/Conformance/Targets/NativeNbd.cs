using System.Diagnostics;
using StorageKit.Nbd;

namespace StorageKit.Conformance.Targets;

/// <summary>The native NBD pieces: libnbd's client and the nbdkit program.</summary>
internal static class NativeNbd
{
    private static readonly Lazy<string?> NbdkitProblem = new(FindNbdkit);

    /// <summary>Null when libnbd's client can be used, else why not.</summary>
    public static string? ClientProblem => "NativeNbdClient (libnbd) is not merged into this branch yet (branch nbd-native)";

    /// <summary>Null when <c>nbdkit</c> runs, else why not.</summary>
    public static string? NbdkitUnavailable => NbdkitProblem.Value;

    /// <summary>A new unconnected libnbd handle.</summary>
    public static INbdClient CreateClient() => throw new NotSupportedException(ClientProblem);

    private static string? FindNbdkit()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nbdkit", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (process is null)
            {
                return "nbdkit could not be started";
            }

            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"'nbdkit --version' exited with {process.ExitCode}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"nbdkit is not installed (apt-get install nbdkit): {ex.Message}";
        }
    }
}
