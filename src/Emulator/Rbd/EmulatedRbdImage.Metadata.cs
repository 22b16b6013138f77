using System.Globalization;
using System.Text;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Image metadata as librbd 16 keeps it: raw values under <c>metadata_&lt;key&gt;</c> in the header omap. A key
/// <c>conf_&lt;option&gt;</c> overrides a librbd option for the image, so setting one checks the option name
/// and parses its value as that option's type (EINVAL otherwise), as measured.
/// </summary>
internal sealed partial class EmulatedRbdImage
{
    private const string MetadataPrefix = "metadata_";
    private const string ConfigPrefix = "conf_";

    /// <inheritdoc />
    public string GetMetadata(string key)
    {
        RadosArguments.Name(key, nameof(key));
        ObjectDisposedException.ThrowIf(_disposed, this);
        var value = RbdLayout.OmapValue(io, RbdLayout.Header(id), MetadataPrefix + key)
            ?? throw StorageErrors.Create(Errno.ENOENT, "rbd_metadata_get", key);
        return Encoding.UTF8.GetString(value.Span);
    }

    /// <inheritdoc />
    public void SetMetadata(string key, string value)
    {
        RadosArguments.Name(key, nameof(key));
        RadosArguments.Name(value, nameof(value));
        ObjectDisposedException.ThrowIf(_disposed, this);
        // librbd checks a conf_ override before it looks at the handle being read-only (measured).
        if (key.Length > ConfigPrefix.Length && key.StartsWith(ConfigPrefix, StringComparison.Ordinal)
            && !RbdConfigOptions.IsValid(key[ConfigPrefix.Length..], value))
        {
            throw StorageErrors.Create(Errno.EINVAL, "rbd_metadata_set", key);
        }

        EnsureWritable("rbd_metadata_set");

        io.SetOmap(RbdLayout.Header(id), new Dictionary<string, ReadOnlyMemory<byte>> { [MetadataPrefix + key] = Encoding.UTF8.GetBytes(value) });
    }

    /// <inheritdoc />
    public void RemoveMetadata(string key)
    {
        RadosArguments.Name(key, nameof(key));
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnsureWritable("rbd_metadata_remove");
        lock (EmulatedRbdSnapshots.Gate)
        {
            if (RbdLayout.OmapValue(io, RbdLayout.Header(id), MetadataPrefix + key) is null)
            {
                throw StorageErrors.Create(Errno.ENOENT, "rbd_metadata_remove", key);
            }

            io.RemoveOmapKeys(RbdLayout.Header(id), [MetadataPrefix + key]);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> ListMetadata(string start = "", int max = 0)
    {
        RadosArguments.Name(start, nameof(start));
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var entries = new List<KeyValuePair<string, string>>();
        try
        {
            foreach (var (key, value) in io.GetAllOmapValues(RbdLayout.Header(id), MetadataPrefix + start, MetadataPrefix))
            {
                if (max > 0 && entries.Count == max)
                {
                    break;
                }

                entries.Add(new(key[MetadataPrefix.Length..], Encoding.UTF8.GetString(value.Span)));
            }
        }
        catch (StorageNotFoundException)
        {
            throw StorageErrors.Create(Errno.ENOENT, "rbd_metadata_list", Name);
        }

        return entries;
    }
}

/// <summary>
/// The librbd options an image may override through <c>conf_</c> metadata in Ceph 16.2 (the config schema's
/// <c>rbd_</c> options less librbd's pool-only and mirror daemon ones), with their types; a value must parse
/// as the type (and be one of the listed values for enumerated strings).
/// </summary>
internal static class RbdConfigOptions
{
    private static readonly Dictionary<string, string> _types = new(StringComparer.Ordinal)
    {
        ["rbd_disable_zero_copy_writes"] = "bool",
        ["rbd_non_blocking_aio"] = "bool",
        ["rbd_cache"] = "bool",
        ["rbd_cache_policy"] = "str:writethrough|writeback|writearound",
        ["rbd_cache_writethrough_until_flush"] = "bool",
        ["rbd_cache_size"] = "size",
        ["rbd_cache_max_dirty"] = "size",
        ["rbd_cache_target_dirty"] = "size",
        ["rbd_cache_max_dirty_age"] = "float",
        ["rbd_cache_max_dirty_object"] = "uint",
        ["rbd_cache_block_writes_upfront"] = "bool",
        ["rbd_parent_cache_enabled"] = "bool",
        ["rbd_concurrent_management_ops"] = "uint",
        ["rbd_balance_snap_reads"] = "bool",
        ["rbd_localize_snap_reads"] = "bool",
        ["rbd_balance_parent_reads"] = "bool",
        ["rbd_localize_parent_reads"] = "bool",
        ["rbd_sparse_read_threshold_bytes"] = "size",
        ["rbd_readahead_trigger_requests"] = "uint",
        ["rbd_readahead_max_bytes"] = "size",
        ["rbd_readahead_disable_after_bytes"] = "size",
        ["rbd_clone_copy_on_read"] = "bool",
        ["rbd_blocklist_on_break_lock"] = "bool",
        ["rbd_blocklist_expire_seconds"] = "uint",
        ["rbd_request_timed_out_seconds"] = "uint",
        ["rbd_skip_partial_discard"] = "bool",
        ["rbd_discard_granularity_bytes"] = "uint",
        ["rbd_enable_alloc_hint"] = "bool",
        ["rbd_compression_hint"] = "str:none|compressible|incompressible",
        ["rbd_read_from_replica_policy"] = "str:default|balance|localize",
        ["rbd_blkin_trace_all"] = "bool",
        ["rbd_invalidate_object_map_on_timeout"] = "bool",
        ["rbd_move_to_trash_on_remove"] = "bool",
        ["rbd_move_to_trash_on_remove_expire_seconds"] = "uint",
        ["rbd_move_parent_to_trash_on_remove"] = "bool",
        ["rbd_mirroring_resync_after_disconnect"] = "bool",
        ["rbd_mirroring_delete_delay"] = "uint",
        ["rbd_mirroring_replay_delay"] = "uint",
        ["rbd_mirroring_max_mirroring_snapshots"] = "uint",
        ["rbd_default_map_options"] = "str",
        ["rbd_journal_commit_age"] = "float",
        ["rbd_journal_object_writethrough_until_flush"] = "bool",
        ["rbd_journal_object_flush_interval"] = "uint",
        ["rbd_journal_object_flush_bytes"] = "size",
        ["rbd_journal_object_flush_age"] = "float",
        ["rbd_journal_object_max_in_flight_appends"] = "uint",
        ["rbd_journal_max_payload_bytes"] = "size",
        ["rbd_journal_max_concurrent_object_sets"] = "uint",
        ["rbd_qos_iops_limit"] = "uint",
        ["rbd_qos_bps_limit"] = "uint",
        ["rbd_qos_read_iops_limit"] = "uint",
        ["rbd_qos_write_iops_limit"] = "uint",
        ["rbd_qos_read_bps_limit"] = "uint",
        ["rbd_qos_write_bps_limit"] = "uint",
        ["rbd_qos_iops_burst"] = "uint",
        ["rbd_qos_bps_burst"] = "uint",
        ["rbd_qos_read_iops_burst"] = "uint",
        ["rbd_qos_write_iops_burst"] = "uint",
        ["rbd_qos_read_bps_burst"] = "uint",
        ["rbd_qos_write_bps_burst"] = "uint",
        ["rbd_qos_iops_burst_seconds"] = "uint",
        ["rbd_qos_bps_burst_seconds"] = "uint",
        ["rbd_qos_read_iops_burst_seconds"] = "uint",
        ["rbd_qos_write_iops_burst_seconds"] = "uint",
        ["rbd_qos_read_bps_burst_seconds"] = "uint",
        ["rbd_qos_write_bps_burst_seconds"] = "uint",
        ["rbd_qos_schedule_tick_min"] = "uint",
        ["rbd_mtime_update_interval"] = "uint",
        ["rbd_atime_update_interval"] = "uint",
        ["rbd_io_scheduler"] = "str:none|simple",
        ["rbd_io_scheduler_simple_max_delay"] = "uint",
        ["rbd_persistent_cache_mode"] = "str:disabled|rwl|ssd",
        ["rbd_persistent_cache_size"] = "uint",
        ["rbd_persistent_cache_path"] = "str",
        ["rbd_quiesce_notification_attempts"] = "uint",
        ["rbd_default_snapshot_quiesce_mode"] = "str:required|ignore-error|skip",
        ["rbd_plugins"] = "str",
    };

    public static bool IsValid(string option, string value)
    {
        if (!_types.TryGetValue(option, out string? type))
        {
            return false;
        }

        int colon = type.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            return type[(colon + 1)..].Split('|').Contains(value, StringComparer.Ordinal);
        }

        return type switch
        {
            "bool" => value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase)
                || long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            "int" => WithSuffix(value, allowNegative: true),
            "uint" or "size" => WithSuffix(value, allowNegative: false),
            "float" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
    }

    /// <summary>Ceph's <c>strict_si_cast</c> / <c>strict_iec_cast</c>: digits with an optional unit suffix.</summary>
    private static bool WithSuffix(string value, bool allowNegative)
    {
        string digits = value.TrimEnd('B', 'i');
        if (digits.Length > 0 && "KMGTPE".Contains(digits[^1], StringComparison.Ordinal))
        {
            digits = digits[..^1];
        }

        var style = allowNegative ? NumberStyles.AllowLeadingSign : NumberStyles.None;
        return digits.Length > 0 && long.TryParse(digits, style, CultureInfo.InvariantCulture, out _);
    }
}
