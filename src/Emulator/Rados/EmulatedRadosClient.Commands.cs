using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

public sealed partial class EmulatedRadosClient
{
    /// <inheritdoc />
    public RadosCommandResult MonCommand(string command, ReadOnlySpan<byte> input = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        RequireConnected("rados_mon_command");
        return new EmulatedCommands(_cluster, "rados_mon_command").Mon(command, input.ToArray());
    }

    /// <inheritdoc />
    public RadosCommandResult MgrCommand(string command, ReadOnlySpan<byte> input = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        RequireConnected("rados_mgr_command");
        return new EmulatedCommands(_cluster, "rados_mgr_command").Mgr(command);
    }

    /// <inheritdoc />
    public RadosCommandResult OsdCommand(int osd, string command, ReadOnlySpan<byte> input = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        RequireConnected("rados_osd_command");
        return new EmulatedCommands(_cluster, "rados_osd_command").Osd(osd, command);
    }
}
