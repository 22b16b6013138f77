using System.Diagnostics;
using StorageKit.Native;
using StorageKit.Native.Nbd;
using StorageKit.Nbd;

namespace StorageKit.Conformance.Targets;

/// <summary>The native NBD pieces: libnbd's client and the nbdkit program.</summary>
internal static class NativeNbd
{
    private static readonly Lazy<string?> NbdkitProblem = new(FindNbdkit);
    private static readonly Lazy<string?> LibnbdProblem = new(FindLibnbd);

    /// <summary>Null when libnbd's client can be used, else why not.</summary>
    public static string? ClientProblem => LibnbdProblem.Value;

    /// <summary>Null when <c>nbdkit</c> runs, else why not.</summary>
    public static string? NbdkitUnavailable => NbdkitProblem.Value;

    /// <summary>A new unconnected libnbd handle.</summary>
    public static INbdClient CreateClient() => new NativeNbdClient();

    private static string? FindLibnbd()
    {
        try
        {
            using var client = new NativeNbdClient();
            return null;
        }
        catch (NativeLibraryNotFoundException ex)
        {
            return ex.Message;
        }
    }

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
