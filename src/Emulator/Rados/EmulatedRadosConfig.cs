using System.Globalization;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// The client-side configuration of an emulated connection: a small table of real Ceph options with their
/// Pacific defaults and value types. Unknown options are ENOENT and values that do not parse EINVAL, as
/// <c>rados_conf_get/set</c> answer (measured, see docs/native-probe-results.md).
/// </summary>
internal sealed class EmulatedRadosConfig
{
    private enum Kind
    {
        Text,
        Seconds,
        Count,
    }

    private static readonly Dictionary<string, (Kind Kind, string Default)> Known = new(StringComparer.Ordinal)
    {
        ["mon_host"] = (Kind.Text, ""),
        ["keyring"] = (Kind.Text, ""),
        ["log_file"] = (Kind.Text, ""),
        ["ms_type"] = (Kind.Text, "async+posix"),
        ["rados_osd_op_timeout"] = (Kind.Seconds, "0"),
        ["rados_mon_op_timeout"] = (Kind.Seconds, "0"),
        ["client_mount_timeout"] = (Kind.Seconds, "300"),
        ["osd_max_object_name_len"] = (Kind.Count, RadosLimits.MaxObjectNameLength.ToString(CultureInfo.InvariantCulture)),
        ["osd_max_object_namespace_len"] = (Kind.Count, RadosLimits.MaxNamespaceLength.ToString(CultureInfo.InvariantCulture)),
        ["osd_max_attr_name_len"] = (Kind.Count, RadosLimits.MaxXattrNameLength.ToString(CultureInfo.InvariantCulture)),
        ["osd_max_omap_entries_per_request"] = (Kind.Count, RadosLimits.MaxOmapEntriesPerRequest.ToString(CultureInfo.InvariantCulture)),
        ["osd_pool_default_size"] = (Kind.Count, "3"),
    };

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public EmulatedRadosConfig(Guid fsid)
    {
        foreach (var (name, (_, value)) in Known)
        {
            _values[name] = value;
        }

        _values["fsid"] = fsid.ToString("D");
    }

    public string Get(string name)
    {
        const string op = "rados_conf_get";
        if (name.Length == 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, name);
        }

        return _values.TryGetValue(Normalize(name), out string? value) ? value : throw StorageErrors.Create(Errno.ENOENT, op, name);
    }

    public void Set(string name, string value)
    {
        const string op = "rados_conf_set";
        string key = Normalize(name);
        if (!_values.ContainsKey(key))
        {
            throw StorageErrors.Create(Errno.ENOENT, op, name);
        }

        Kind kind = Known.TryGetValue(key, out var known) ? known.Kind : Kind.Text;
        if (kind == Kind.Text)
        {
            _values[key] = value;
            return;
        }

        // Ceph keeps whole non-negative numbers as written; the empty string reads back as 0.
        if (value.Length == 0)
        {
            _values[key] = "0";
        }
        else if (ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong number))
        {
            _values[key] = number.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            throw StorageErrors.Create(Errno.EINVAL, op, name);
        }
    }

    // Ceph accepts spaces and dashes for underscores in option names.
    private static string Normalize(string name) => name.Replace(' ', '_').Replace('-', '_');
}
