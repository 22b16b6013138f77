using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// The client-side configuration of an emulated connection: a small table of real Ceph options with their
/// Pacific defaults. Unknown options fail with ENOENT, as <c>rados_conf_get/set</c> do.
/// </summary>
internal sealed class EmulatedRadosConfig
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal)
    {
        ["mon_host"] = "",
        ["keyring"] = "",
        ["log_file"] = "",
        ["rados_osd_op_timeout"] = "0.000000",
        ["rados_mon_op_timeout"] = "0.000000",
        ["client_mount_timeout"] = "300.000000",
        ["osd_max_object_name_len"] = RadosLimits.MaxObjectNameLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["osd_max_object_namespace_len"] = RadosLimits.MaxNamespaceLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["osd_max_attr_name_len"] = RadosLimits.MaxXattrNameLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["osd_max_omap_entries_per_request"] = RadosLimits.MaxOmapEntriesPerRequest.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["osd_pool_default_size"] = "3",
    };

    public EmulatedRadosConfig(Guid fsid)
    {
        _values["fsid"] = fsid.ToString("D");
    }

    public string Get(string name)
        => _values.TryGetValue(Normalize(name), out string? value) ? value : throw StorageErrors.Create(Errno.ENOENT, "rados_conf_get", name);

    public void Set(string name, string value)
    {
        string key = Normalize(name);
        if (!_values.TryGetValue(key, out string? current))
        {
            throw StorageErrors.Create(Errno.ENOENT, "rados_conf_set", name);
        }

        _values[key] = current.Contains('.', StringComparison.Ordinal) && double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out double seconds)
            ? seconds.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)
            : value;
    }

    // Ceph accepts spaces and dashes for underscores in option names.
    private static string Normalize(string name) => name.Replace(' ', '_').Replace('-', '_');
}
