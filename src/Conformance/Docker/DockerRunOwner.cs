using System.Diagnostics;
using System.Globalization;

namespace StorageKit.Conformance.Docker;

/// <summary>
/// Who started a fixture's containers: "host:pid:start" (start = the process start time in Unix seconds, so a
/// reused pid is not mistaken for the owner). Tells a crashed run's leftovers from a run still going on this host.
/// </summary>
internal static class DockerRunOwner
{
    /// <summary>This process.</summary>
    public static string Current { get; } = Format(Environment.MachineName, Environment.ProcessId, StartSeconds(Process.GetCurrentProcess()));

    /// <summary>
    /// True when <paramref name="owner"/> names a process of this host that is still running. Another host's
    /// owner counts as alive (it cannot be checked from here, and removing a live run's containers breaks it);
    /// an unreadable label counts as gone.
    /// </summary>
    public static bool IsAlive(string owner)
    {
        string[] parts = owner.Split(':');
        if (parts.Length != 3
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out long start))
        {
            return false;
        }

        if (parts[0] != Environment.MachineName)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && StartSeconds(process) == start;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false; // exited meanwhile
        }
    }

    /// <summary>The label value for a process.</summary>
    public static string Format(string host, int pid, long startSeconds)
        => string.Create(CultureInfo.InvariantCulture, $"{host}:{pid}:{startSeconds}");

    private static long StartSeconds(Process process) => new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
}
