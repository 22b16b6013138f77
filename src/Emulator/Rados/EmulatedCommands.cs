using System.Globalization;
using System.Text;
using System.Text.Json;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// The mon, mgr and OSD commands the emulator answers: the read-only ones tests use (status, health, fsid,
/// pool listing and settings, df, mon dump, version, pg stat) and the <c>config-key</c> store, in the JSON
/// shapes Ceph 16 prints (<c>"format":"json"</c> or <c>"json-pretty"</c>; a few also in plain text).
/// Anything else fails the way the daemon does: EINVAL with "command not known" (mon), "No handler found
/// for '…'" (mgr) or "unknown command prefix …" (OSD).
/// </summary>
internal sealed class EmulatedCommands(EmulatedRadosCluster cluster, string operation)
{
    private const string CephVersion = "16.2.15";
    private const string CephVersionLong = "ceph version 16.2.15 (618f440892089921c3e944a991122ddc44e60516) pacific (stable)";
    private const string MonAddressV2 = "127.0.0.1:3300";
    private const string MonAddressV1 = "127.0.0.1:6789";

    private static readonly string[] PoolVariables =
    [
        "size", "min_size", "pg_num", "pgp_num", "crush_rule", "hashpspool", "nodelete", "nopgchange", "nosizechange",
        "write_fadvise_dontneed", "noscrub", "nodeep-scrub", "use_gmt_hitset", "fast_read", "pg_autoscale_mode", "bulk",
    ];

    private static readonly string[] MgrModules = ["iostat", "nfs", "restful"];

    private static readonly string[] MonFeatures =
        ["kraken", "luminous", "mimic", "osdmap-prune", "nautilus", "octopus", "pacific", "elector-pinging"];

    public RadosCommandResult Mon(string command, byte[] input)
    {
        using JsonDocument document = Parse(command, $"unparseable JSON {command}");
        JsonElement args = document.RootElement;
        string prefix = Prefix(args) ?? throw Fail(Errno.EINVAL, "command prefix not found");
        return prefix switch
        {
            "status" or "s" => Status(args),
            "health" => Health(args),
            "fsid" => Format(args, w => w.WriteString("fsid", Fsid), Fsid + "\n", newline: false),
            "osd pool ls" or "osd pool list" => PoolList(args),
            "osd lspools" => LsPools(args),
            "osd pool get" => PoolGet(args),
            "df" => Df(args),
            "mon dump" => MonDump(args),
            "quorum_status" => Quorum(args),
            "version" => Format(args, w => w.WriteString("version", CephVersionLong), CephVersionLong + "\n", newline: true),
            "pg stat" => PgStat(args),
            "config-key set" or "config-key put" => ConfigKeySet(args, input),
            "config-key get" => ConfigKeyGet(args),
            "config-key rm" or "config-key del" => ConfigKeyRemove(args),
            "config-key exists" => ConfigKeyExists(args),
            "config-key ls" or "config-key list" => ConfigKeyList(args),
            _ => throw Fail(Errno.EINVAL, "command not known"),
        };
    }

    public RadosCommandResult Mgr(string command)
    {
        using JsonDocument document = Parse(command, $"unparseable JSON {command}");
        JsonElement args = document.RootElement;
        string prefix = Prefix(args) ?? "";
        return prefix switch
        {
            "pg stat" => PgStat(args),
            _ => throw Fail(Errno.EINVAL, $"No handler found for '{prefix}'"),
        };
    }

    public RadosCommandResult Osd(int osd, string command)
    {
        if (osd < 0)
        {
            throw Fail(Errno.EINVAL, "");
        }

        if (osd != 0)
        {
            throw Fail(Errno.ENOENT, "osd dne");
        }

        using JsonDocument document = Parse(command, "invalid json");
        JsonElement args = document.RootElement;
        string prefix = Prefix(args) ?? "";
        return prefix switch
        {
            // An OSD answers in pretty JSON unless told otherwise.
            "version" => Format(
                args,
                w =>
                {
                    w.WriteString("version", CephVersion);
                    w.WriteString("release", "pacific");
                    w.WriteString("release_type", "stable");
                },
                null,
                newline: false,
                defaultFormat: "json-pretty"),
            _ => throw Fail(Errno.EINVAL, $"unknown command prefix {prefix}"),
        };
    }

    private string Fsid => cluster.Fsid.ToString("D");

    private RadosCommandResult Status(JsonElement args)
    {
        var pools = cluster.PoolSummaries();
        RadosClusterStats stats = cluster.Stats();
        DateTimeOffset now = cluster.Time.GetUtcNow();
        ulong objects = Sum(pools, p => p.Stats.Objects);
        ulong bytes = Sum(pools, p => p.Stats.Bytes);
        int pgs = pools.Count * (int)EmulatedPool.PgCount;
        long started = cluster.StartedAt.ToUnixTimeSeconds();
        string plain =
            $"  cluster:\n    id:     {Fsid}\n    health: HEALTH_OK\n \n  services:\n    mon: 1 daemons, quorum a\n    mgr: x(active)\n" +
            $"    osd: 1 osds: 1 up, 1 in\n \n  data:\n    pools:   {pools.Count} pools, {pgs} pgs\n" +
            $"    objects: {objects} objects, {bytes} B\n    usage:   {stats.KilobytesUsed} KiB used, {stats.KilobytesAvailable} KiB / {stats.Kilobytes} KiB avail\n" +
            $"    pgs:     {pgs} active+clean\n \n";
        return Format(args, w =>
        {
            w.WriteString("fsid", Fsid);
            w.WritePropertyName("health");
            WriteHealth(w);
            w.WriteNumber("election_epoch", 3);
            w.WriteStartArray("quorum");
            w.WriteNumberValue(0);
            w.WriteEndArray();
            w.WriteStartArray("quorum_names");
            w.WriteStringValue("a");
            w.WriteEndArray();
            w.WriteNumber("quorum_age", (long)(now - cluster.StartedAt).TotalSeconds);
            w.WriteStartObject("monmap");
            w.WriteNumber("epoch", 1);
            w.WriteString("min_mon_release_name", "pacific");
            w.WriteNumber("num_mons", 1);
            w.WriteEndObject();
            w.WriteStartObject("osdmap");
            w.WriteNumber("epoch", 8 + pools.Count);
            w.WriteNumber("num_osds", 1);
            w.WriteNumber("num_up_osds", 1);
            w.WriteNumber("osd_up_since", started);
            w.WriteNumber("num_in_osds", 1);
            w.WriteNumber("osd_in_since", started);
            w.WriteNumber("num_remapped_pgs", 0);
            w.WriteEndObject();
            w.WriteStartObject("pgmap");
            w.WriteStartArray("pgs_by_state");
            if (pgs > 0)
            {
                w.WriteStartObject();
                w.WriteString("state_name", "active+clean");
                w.WriteNumber("count", pgs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("num_pgs", pgs);
            w.WriteNumber("num_pools", pools.Count);
            w.WriteNumber("num_objects", objects);
            w.WriteNumber("data_bytes", bytes);
            w.WriteNumber("bytes_used", stats.KilobytesUsed * 1024);
            w.WriteNumber("bytes_avail", stats.KilobytesAvailable * 1024);
            w.WriteNumber("bytes_total", stats.Kilobytes * 1024);
            w.WriteEndObject();
            w.WriteStartObject("fsmap");
            w.WriteNumber("epoch", 1);
            w.WriteStartArray("by_rank");
            w.WriteEndArray();
            w.WriteNumber("up:standby", 0);
            w.WriteEndObject();
            w.WriteStartObject("mgrmap");
            w.WriteBoolean("available", true);
            w.WriteNumber("num_standbys", 0);
            w.WriteStartArray("modules");
            foreach (string module in MgrModules)
            {
                w.WriteStringValue(module);
            }

            w.WriteEndArray();
            w.WriteStartObject("services");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("servicemap");
            w.WriteNumber("epoch", 1);
            w.WriteString("modified", Timestamp(cluster.StartedAt));
            w.WriteStartObject("services");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("progress_events");
            w.WriteEndObject();
        }, plain, newline: true);
    }

    private static RadosCommandResult Health(JsonElement args)
        => FormatValue(args, WriteHealth, "HEALTH_OK\n", newline: false);

    private static void WriteHealth(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("status", "HEALTH_OK");
        w.WriteStartObject("checks");
        w.WriteEndObject();
        w.WriteStartArray("mutes");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private RadosCommandResult PoolList(JsonElement args)
    {
        var pools = cluster.PoolSummaries();
        bool detail = Argument(args, "detail") == "detail";
        if (!detail)
        {
            return FormatValue(
                args,
                w =>
                {
                    w.WriteStartArray();
                    foreach (var pool in pools)
                    {
                        w.WriteStringValue(pool.Name);
                    }

                    w.WriteEndArray();
                },
                string.Concat(pools.Select(p => p.Name + "\n")),
                newline: false);
        }

        string plain = string.Concat(pools.Select(p =>
            $"pool {p.Id} '{p.Name}' replicated size 1 min_size 1 crush_rule 0 object_hash rjenkins pg_num {EmulatedPool.PgCount} " +
            $"pgp_num {EmulatedPool.PgCount} autoscale_mode off last_change 8 flags hashpspool stripe_width 0\n"));
        return FormatValue(
            args,
            w =>
            {
                w.WriteStartArray();
                foreach (var pool in pools)
                {
                    w.WriteStartObject();
                    w.WriteNumber("pool_id", pool.Id);
                    w.WriteString("pool_name", pool.Name);
                    w.WriteString("create_time", Timestamp(cluster.StartedAt, 'T', "+0000"));
                    w.WriteNumber("flags", 1);
                    w.WriteString("flags_names", "hashpspool");
                    w.WriteNumber("type", 1);
                    w.WriteNumber("size", 1);
                    w.WriteNumber("min_size", 1);
                    w.WriteNumber("crush_rule", 0);
                    w.WriteNumber("object_hash", 2);
                    w.WriteString("pg_autoscale_mode", "off");
                    w.WriteNumber("pg_num", EmulatedPool.PgCount);
                    w.WriteNumber("pg_placement_num", EmulatedPool.PgCount);
                    w.WriteNumber("pg_placement_num_target", EmulatedPool.PgCount);
                    w.WriteNumber("pg_num_target", EmulatedPool.PgCount);
                    w.WriteNumber("pg_num_pending", EmulatedPool.PgCount);
                    w.WriteString("last_change", "8");
                    w.WriteString("snap_mode", "selfmanaged");
                    w.WriteNumber("snap_seq", 0);
                    w.WriteNumber("snap_epoch", 0);
                    w.WriteStartArray("pool_snaps");
                    w.WriteEndArray();
                    w.WriteString("removed_snaps", "[]");
                    w.WriteNumber("quota_max_bytes", 0);
                    w.WriteNumber("quota_max_objects", 0);
                    w.WriteStartArray("tiers");
                    w.WriteEndArray();
                    w.WriteNumber("tier_of", -1);
                    w.WriteString("erasure_code_profile", "");
                    w.WriteNumber("stripe_width", 0);
                    w.WriteBoolean("fast_read", false);
                    w.WriteStartObject("options");
                    w.WriteEndObject();
                    w.WriteStartObject("application_metadata");
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            },
            plain,
            newline: false);
    }

    private RadosCommandResult LsPools(JsonElement args)
    {
        var pools = cluster.PoolSummaries();
        return FormatValue(
            args,
            w =>
            {
                w.WriteStartArray();
                foreach (var pool in pools)
                {
                    w.WriteStartObject();
                    w.WriteNumber("poolnum", pool.Id);
                    w.WriteString("poolname", pool.Name);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            },
            string.Concat(pools.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Id} {p.Name}\n"))),
            newline: true);
    }

    private RadosCommandResult PoolGet(JsonElement args)
    {
        string name = Argument(args, "pool") ?? "";
        string variable = Argument(args, "var") ?? "";
        var pool = cluster.PoolSummaries().Where(p => p.Name == name).Select(p => ((long Id, string Name)?)(p.Id, p.Name)).FirstOrDefault();
        if (pool is not { } found)
        {
            throw Fail(Errno.ENOENT, $"unrecognized pool '{name}'");
        }

        string[] variables = variable == "all" ? PoolVariables : [variable];
        if (!PoolVariables.Contains(variable) && variable != "all")
        {
            throw Fail(Errno.EINVAL, $"pool '{name}': invalid variable: '{variable}'");
        }

        string plain = string.Concat(variables.Select(v => $"{v}: {PoolValue(v)}\n"));
        return Format(args, w =>
        {
            w.WriteString("pool", found.Name);
            w.WriteNumber("pool_id", found.Id);
            foreach (string v in variables)
            {
                object value = PoolValue(v);
                switch (value)
                {
                    case int number:
                        w.WriteNumber(v, number);
                        break;
                    case bool flag:
                        w.WriteBoolean(v, flag);
                        break;
                    default:
                        w.WriteString(v, (string)value);
                        break;
                }
            }
        }, plain, newline: false);
    }

    private static object PoolValue(string variable) => variable switch
    {
        "size" or "min_size" => 1,
        "pg_num" or "pgp_num" => (int)EmulatedPool.PgCount,
        "crush_rule" => "replicated_rule",
        "hashpspool" or "use_gmt_hitset" => true,
        "fast_read" => 0,
        "pg_autoscale_mode" => "off",
        _ => false,
    };

    private RadosCommandResult Df(JsonElement args)
    {
        var pools = cluster.PoolSummaries();
        RadosClusterStats stats = cluster.Stats();
        ulong total = stats.Kilobytes * 1024;
        ulong used = stats.KilobytesUsed * 1024;
        ulong available = stats.KilobytesAvailable * 1024;
        double ratio = total == 0 ? 0 : (double)used / total;
        string plain = "--- RAW STORAGE ---\nCLASS  SIZE  AVAIL  USED  RAW USED  %RAW USED\n" +
            $"hdd    {total}  {available}  {used}  {used}  {ratio * 100:F2}\n\n--- POOLS ---\nPOOL  ID  PGS  STORED  OBJECTS  USED  %USED  MAX AVAIL\n" +
            string.Concat(pools.Select(p => $"{p.Name}  {p.Id}  {EmulatedPool.PgCount}  {p.Stats.Bytes}  {p.Stats.Objects}  {p.Stats.Bytes}  0  {available}\n"));
        return Format(args, w =>
        {
            w.WriteStartObject("stats");
            WriteRawUsage(w, total, available, used, ratio);
            w.WriteNumber("num_osds", 1);
            w.WriteNumber("num_per_pool_osds", 1);
            w.WriteNumber("num_per_pool_omap_osds", 1);
            w.WriteEndObject();
            w.WriteStartObject("stats_by_class");
            w.WriteStartObject("hdd");
            WriteRawUsage(w, total, available, used, ratio);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("pools");
            foreach (var pool in pools)
            {
                w.WriteStartObject();
                w.WriteString("name", pool.Name);
                w.WriteNumber("id", pool.Id);
                w.WriteStartObject("stats");
                w.WriteNumber("stored", pool.Stats.Bytes);
                w.WriteNumber("objects", pool.Stats.Objects);
                w.WriteNumber("kb_used", pool.Stats.Kilobytes);
                w.WriteNumber("bytes_used", pool.Stats.Bytes);
                w.WriteNumber("percent_used", total == 0 ? 0 : (double)pool.Stats.Bytes / total);
                w.WriteNumber("max_avail", available);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, plain, newline: true);
    }

    private static void WriteRawUsage(Utf8JsonWriter w, ulong total, ulong available, ulong used, double ratio)
    {
        w.WriteNumber("total_bytes", total);
        w.WriteNumber("total_avail_bytes", available);
        w.WriteNumber("total_used_bytes", used);
        w.WriteNumber("total_used_raw_bytes", used);
        w.WriteNumber("total_used_raw_ratio", ratio);
    }

    private RadosCommandResult MonDump(JsonElement args)
    {
        RadosCommandResult result = Format(args, WriteMonMap, $"epoch 1\nfsid {Fsid}\nmin_mon_release 16 (pacific)\n0: [v2:{MonAddressV2}/0,v1:{MonAddressV1}/0] mon.a\n", newline: true);
        return result with { Status = "dumped monmap epoch 1" };
    }

    private void WriteMonMap(Utf8JsonWriter w)
    {
        w.WriteNumber("epoch", 1);
        w.WriteString("fsid", Fsid);
        w.WriteString("modified", Timestamp(cluster.StartedAt, 'T', "Z"));
        w.WriteString("created", Timestamp(cluster.StartedAt, 'T', "Z"));
        w.WriteNumber("min_mon_release", 16);
        w.WriteString("min_mon_release_name", "pacific");
        w.WriteNumber("election_strategy", 1);
        w.WriteBoolean("stretch_mode", false);
        w.WriteStartObject("features");
        w.WriteStartArray("persistent");
        foreach (string feature in MonFeatures)
        {
            w.WriteStringValue(feature);
        }

        w.WriteEndArray();
        w.WriteStartArray("optional");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("mons");
        w.WriteStartObject();
        w.WriteNumber("rank", 0);
        w.WriteString("name", "a");
        w.WriteStartObject("public_addrs");
        w.WriteStartArray("addrvec");
        foreach (var (type, address) in new[] { ("v2", MonAddressV2), ("v1", MonAddressV1) })
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("addr", address);
            w.WriteNumber("nonce", 0);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("addr", MonAddressV1 + "/0");
        w.WriteString("public_addr", MonAddressV1 + "/0");
        w.WriteNumber("priority", 0);
        w.WriteNumber("weight", 0);
        w.WriteString("crush_location", "{}");
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private RadosCommandResult Quorum(JsonElement args)
        => Format(args, w =>
        {
            w.WriteNumber("election_epoch", 3);
            w.WriteStartArray("quorum");
            w.WriteNumberValue(0);
            w.WriteEndArray();
            w.WriteStartArray("quorum_names");
            w.WriteStringValue("a");
            w.WriteEndArray();
            w.WriteString("quorum_leader_name", "a");
            w.WriteNumber("quorum_age", (long)(cluster.Time.GetUtcNow() - cluster.StartedAt).TotalSeconds);
            w.WriteStartObject("monmap");
            WriteMonMap(w);
            w.WriteEndObject();
        }, null, newline: true, defaultFormat: "json-pretty");

    private RadosCommandResult PgStat(JsonElement args)
    {
        var pools = cluster.PoolSummaries();
        RadosClusterStats stats = cluster.Stats();
        int pgs = pools.Count * (int)EmulatedPool.PgCount;
        ulong bytes = Sum(pools, p => p.Stats.Bytes);
        string plain = $"{pgs} pgs: {pgs} active+clean; {bytes} B data, {stats.KilobytesUsed} KiB used, {stats.KilobytesAvailable} KiB / {stats.Kilobytes} KiB avail\n";
        return Format(args, w =>
        {
            w.WriteBoolean("pg_ready", true);
            w.WriteStartObject("pg_summary");
            w.WriteStartArray("num_pg_by_state");
            if (pgs > 0)
            {
                w.WriteStartObject();
                w.WriteString("name", "active+clean");
                w.WriteNumber("num", pgs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("num_pgs", pgs);
            w.WriteNumber("num_bytes", bytes);
            w.WriteNumber("total_bytes", stats.Kilobytes * 1024);
            w.WriteNumber("total_avail_bytes", stats.KilobytesAvailable * 1024);
            w.WriteNumber("total_used_bytes", stats.KilobytesUsed * 1024);
            w.WriteNumber("total_used_raw_bytes", stats.KilobytesUsed * 1024);
            w.WriteEndObject();
        }, plain, newline: true);
    }

    private RadosCommandResult ConfigKeySet(JsonElement args, byte[] input)
    {
        string key = Argument(args, "key") ?? "";
        string? value = Argument(args, "val");
        cluster.ConfigKeys[key] = value is null ? input : Encoding.UTF8.GetBytes(value);
        return new RadosCommandResult([], $"set {key}");
    }

    private RadosCommandResult ConfigKeyGet(JsonElement args)
    {
        string key = Argument(args, "key") ?? "";
        return cluster.ConfigKeys.TryGetValue(key, out byte[]? value)
            ? new RadosCommandResult((byte[])value.Clone(), "")
            : throw Fail(Errno.ENOENT, "");
    }

    private RadosCommandResult ConfigKeyRemove(JsonElement args)
    {
        cluster.ConfigKeys.TryRemove(Argument(args, "key") ?? "", out _);
        return new RadosCommandResult([], "key deleted");
    }

    private RadosCommandResult ConfigKeyExists(JsonElement args)
    {
        string key = Argument(args, "key") ?? "";
        return cluster.ConfigKeys.ContainsKey(key)
            ? new RadosCommandResult([], $"key '{key}' exists")
            : throw Fail(Errno.ENOENT, $"key '{key}' doesn't exist");
    }

    private RadosCommandResult ConfigKeyList(JsonElement args)
    {
        var keys = cluster.ConfigKeys.Keys.Order(StringComparer.Ordinal).ToList();
        return FormatValue(
            args,
            w =>
            {
                w.WriteStartArray();
                foreach (string key in keys)
                {
                    w.WriteStringValue(key);
                }

                w.WriteEndArray();
            },
            null,
            newline: true,
            defaultFormat: "json-pretty");
    }

    private JsonDocument Parse(string command, string unparseable)
    {
        try
        {
            return JsonDocument.Parse(command);
        }
        catch (JsonException)
        {
            throw Fail(Errno.EINVAL, unparseable);
        }
    }

    private static string? Prefix(JsonElement args)
        => args.ValueKind == JsonValueKind.Object && args.TryGetProperty("prefix", out JsonElement prefix) && prefix.ValueKind == JsonValueKind.String
            ? prefix.GetString()
            : null;

    private static string? Argument(JsonElement args, string name)
        => args.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A command whose JSON form is one object: <paramref name="writeMembers"/> writes its members.</summary>
    private static RadosCommandResult Format(
        JsonElement args, Action<Utf8JsonWriter> writeMembers, string? plain, bool newline, string defaultFormat = "plain")
        => FormatValue(
            args,
            w =>
            {
                w.WriteStartObject();
                writeMembers(w);
                w.WriteEndObject();
            },
            plain,
            newline,
            defaultFormat);

    /// <summary>
    /// Renders the answer in the requested format: compact JSON (<c>json</c>), JSON indented by 4 with a
    /// final newline (<c>json-pretty</c>), or the plain text Ceph prints otherwise (JSON when the command has no
    /// plain form).
    /// </summary>
    private static RadosCommandResult FormatValue(
        JsonElement args, Action<Utf8JsonWriter> writeValue, string? plain, bool newline, string defaultFormat = "plain")
    {
        string format = Argument(args, "format") ?? defaultFormat;
        bool pretty = format == "json-pretty" || (format is not "json" && plain is null);
        if (format is not ("json" or "json-pretty") && plain is not null)
        {
            return new RadosCommandResult(Encoding.UTF8.GetBytes(plain), "");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = pretty, IndentSize = 4 }))
        {
            writeValue(writer);
        }

        if (newline || pretty)
        {
            buffer.WriteByte((byte)'\n');
        }

        return new RadosCommandResult(buffer.ToArray(), "");
    }

    private static ulong Sum(List<(long Id, string Name, RadosPoolStats Stats)> pools, Func<(long Id, string Name, RadosPoolStats Stats), ulong> value)
    {
        ulong sum = 0;
        foreach (var pool in pools)
        {
            sum += value(pool);
        }

        return sum;
    }

    private static string Timestamp(DateTimeOffset time, char separator = 'T', string zone = "+0000")
        => time.UtcDateTime.ToString($"yyyy-MM-dd'{separator}'HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + zone;

    private StorageException Fail(Errno errno, string status) => RadosCommandErrors.Failed(errno, operation, "", status);
}
