namespace StorageKit;

/// <summary>The configuration section names the dependency-injection registrations bind their options from.</summary>
public static class StorageKitConfiguration
{
    /// <summary>Root section: <c>StorageKit</c>.</summary>
    public const string Section = "StorageKit";

    /// <summary><see cref="Rados.RadosClientOptions"/>: <c>StorageKit:Rados</c> (ConfigFile, MonHost, UserName, ClusterName, ConfigOptions).</summary>
    public const string RadosSection = "StorageKit:Rados";

    /// <summary><see cref="Gluster.GlusterConnectionOptions"/>: <c>StorageKit:Gluster</c> (VolumeName, Hosts, Port, Transport).</summary>
    public const string GlusterSection = "StorageKit:Gluster";

    /// <summary>Emulator settings: <c>StorageKit:Emulator</c> (SeedFile: a JSON seed file, see docs/dependency-injection.md).</summary>
    public const string EmulatorSection = "StorageKit:Emulator";
}
