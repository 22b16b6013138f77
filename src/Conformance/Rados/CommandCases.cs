using System.Text.Json;
using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>Mon, mgr and OSD commands: the read-only ones tests need, the config-key store, and the errors of unknown commands.</summary>
[ConformanceArea("rados.commands")]
public static class CommandCases
{
    /// <summary>health in JSON has a status and checks; plain health is one line.</summary>
    [ConformanceCase]
    public static void Health(RadosCaseContext c)
    {
        using JsonDocument health = Json(c.Client.MonCommand("""{"prefix":"health","format":"json"}"""));
        string status = health.RootElement.GetProperty("status").GetString()!;
        Check.True(status.StartsWith("HEALTH_", StringComparison.Ordinal), $"status '{status}'");
        Check.Equal(JsonValueKind.Object, health.RootElement.GetProperty("checks").ValueKind, "checks");
        string plain = c.Client.MonCommand("""{"prefix":"health"}""").OutputText;
        Check.True(plain.StartsWith("HEALTH_", StringComparison.Ordinal) && plain.EndsWith('\n'), $"plain health '{plain}'");
    }

    /// <summary>status in JSON carries the fsid, health, quorum, and the osd, pg and mon maps' counts.</summary>
    [ConformanceCase]
    public static void Status(RadosCaseContext c)
    {
        using JsonDocument status = Json(c.Client.MonCommand("""{"prefix":"status","format":"json"}"""));
        JsonElement root = status.RootElement;
        Check.Equal(c.Client.GetFsid(), root.GetProperty("fsid").GetString(), "fsid");
        Check.True(root.GetProperty("health").GetProperty("status").GetString()!.StartsWith("HEALTH_", StringComparison.Ordinal), "health.status");
        Check.True(root.GetProperty("quorum_names").GetArrayLength() >= 1, "quorum_names");
        Check.True(root.GetProperty("monmap").GetProperty("num_mons").GetInt32() >= 1, "monmap.num_mons");
        Check.True(root.GetProperty("osdmap").GetProperty("num_osds").GetInt32() >= 1, "osdmap.num_osds");
        Check.True(root.GetProperty("osdmap").GetProperty("num_up_osds").GetInt32() >= 1, "osdmap.num_up_osds");
        JsonElement pgmap = root.GetProperty("pgmap");
        Check.True(pgmap.GetProperty("num_pools").GetInt32() >= 1, "pgmap.num_pools");
        Check.True(pgmap.GetProperty("num_pgs").GetInt32() >= 1, "pgmap.num_pgs");
        Check.True(pgmap.GetProperty("bytes_total").GetUInt64() > 0, "pgmap.bytes_total");
        Check.Equal(JsonValueKind.Array, pgmap.GetProperty("pgs_by_state").ValueKind, "pgmap.pgs_by_state");
        Check.True(root.GetProperty("mgrmap").GetProperty("available").GetBoolean(), "mgrmap.available");
    }

    /// <summary>fsid answers the client's fsid, as JSON and as plain text.</summary>
    [ConformanceCase]
    public static void Fsid(RadosCaseContext c)
    {
        using JsonDocument fsid = Json(c.Client.MonCommand("""{"prefix":"fsid","format":"json"}"""));
        Check.Equal(c.Client.GetFsid(), fsid.RootElement.GetProperty("fsid").GetString(), "json fsid");
        Check.Equal(c.Client.GetFsid() + "\n", c.Client.MonCommand("""{"prefix":"fsid"}""").OutputText, "plain fsid");
    }

    /// <summary>osd pool ls lists the pools ListPools lists, as a JSON array and one per line.</summary>
    [ConformanceCase]
    public static void OsdPoolLs(RadosCaseContext c)
    {
        using JsonDocument pools = Json(c.Client.MonCommand("""{"prefix":"osd pool ls","format":"json"}"""));
        Check.Sequence(c.Client.ListPools(), pools.RootElement.EnumerateArray().Select(p => p.GetString()!), "json pools");
        string plain = c.Client.MonCommand("""{"prefix":"osd pool ls"}""").OutputText;
        Check.Sequence(c.Client.ListPools(), plain.Split('\n', StringSplitOptions.RemoveEmptyEntries), "plain pools");
    }

    /// <summary>osd pool ls detail describes each pool by id and name with its size and pg_num.</summary>
    [ConformanceCase]
    public static void OsdPoolLsDetail(RadosCaseContext c)
    {
        using JsonDocument pools = Json(c.Client.MonCommand("""{"prefix":"osd pool ls","detail":"detail","format":"json"}"""));
        JsonElement shared = pools.RootElement.EnumerateArray().Single(p => p.GetProperty("pool_name").GetString() == c.Target.SharedPool);
        Check.Equal(c.Client.LookupPool(c.Target.SharedPool), shared.GetProperty("pool_id").GetInt64(), "pool_id");
        Check.True(shared.GetProperty("size").GetInt32() >= 1, "size");
        Check.True(shared.GetProperty("pg_num").GetInt32() >= 1, "pg_num");
    }

    /// <summary>osd lspools pairs ids and names as LookupPool does.</summary>
    [ConformanceCase]
    public static void OsdLsPools(RadosCaseContext c)
    {
        using JsonDocument pools = Json(c.Client.MonCommand("""{"prefix":"osd lspools","format":"json"}"""));
        foreach (JsonElement pool in pools.RootElement.EnumerateArray())
        {
            string name = pool.GetProperty("poolname").GetString()!;
            Check.Equal(c.Client.LookupPool(name), pool.GetProperty("poolnum").GetInt64(), $"id of {name}");
        }

        Check.True(pools.RootElement.EnumerateArray().Any(p => p.GetProperty("poolname").GetString() == c.Target.SharedPool), "the shared pool is listed");
    }

    /// <summary>osd pool get answers size and pg_num with the pool's name and id; "all" answers both.</summary>
    [ConformanceCase]
    public static void OsdPoolGet(RadosCaseContext c)
    {
        string pool = c.Target.SharedPool;
        long id = c.Client.LookupPool(pool);
        foreach (string variable in new[] { "size", "min_size", "pg_num", "pgp_num" })
        {
            using JsonDocument answer = Json(c.Client.MonCommand($$"""{"prefix":"osd pool get","pool":"{{pool}}","var":"{{variable}}","format":"json"}"""));
            Check.Equal(pool, answer.RootElement.GetProperty("pool").GetString(), $"{variable}: pool");
            Check.Equal(id, answer.RootElement.GetProperty("pool_id").GetInt64(), $"{variable}: pool_id");
            Check.True(answer.RootElement.GetProperty(variable).GetInt32() >= 1, $"{variable} value");
        }

        using JsonDocument all = Json(c.Client.MonCommand($$"""{"prefix":"osd pool get","pool":"{{pool}}","var":"all","format":"json"}"""));
        Check.True(all.RootElement.GetProperty("size").GetInt32() >= 1 && all.RootElement.GetProperty("pg_num").GetInt32() >= 1, "all: size and pg_num");
        string plain = c.Client.MonCommand($$"""{"prefix":"osd pool get","pool":"{{pool}}","var":"size"}""").OutputText;
        Check.True(plain.StartsWith("size: ", StringComparison.Ordinal), $"plain answer '{plain}'");
    }

    /// <summary>osd pool get of a missing pool is ENOENT, of an unknown variable EINVAL.</summary>
    [ConformanceCase]
    public static void OsdPoolGetErrors(RadosCaseContext c)
    {
        Check.Throws<StorageNotFoundException>(
            Errno.ENOENT, () => c.Client.MonCommand("""{"prefix":"osd pool get","pool":"sk-no-such-pool","var":"size","format":"json"}"""), "missing pool");
        Check.Throws<StorageInvalidArgumentException>(
            Errno.EINVAL, () => c.Client.MonCommand($$"""{"prefix":"osd pool get","pool":"{{c.Target.SharedPool}}","var":"bogus","format":"json"}"""), "unknown variable");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.MonCommand("""{"prefix":"osd pool get","var":"size"}"""), "no pool argument");
    }

    /// <summary>df in JSON has the raw totals and a row per pool.</summary>
    [ConformanceCase]
    public static void Df(RadosCaseContext c)
    {
        using JsonDocument df = Json(c.Client.MonCommand("""{"prefix":"df","format":"json"}"""));
        JsonElement stats = df.RootElement.GetProperty("stats");
        ulong total = stats.GetProperty("total_bytes").GetUInt64();
        Check.True(total > 0, "stats.total_bytes");
        Check.True(stats.GetProperty("total_avail_bytes").GetUInt64() <= total, "stats.total_avail_bytes");
        Check.True(stats.GetProperty("total_used_raw_ratio").GetDouble() >= 0, "stats.total_used_raw_ratio");
        JsonElement shared = df.RootElement.GetProperty("pools").EnumerateArray().Single(p => p.GetProperty("name").GetString() == c.Target.SharedPool);
        Check.Equal(c.Client.LookupPool(c.Target.SharedPool), shared.GetProperty("id").GetInt64(), "pool id");
        Check.True(shared.GetProperty("stats").GetProperty("max_avail").GetUInt64() > 0, "max_avail");
        Check.Equal(JsonValueKind.Number, shared.GetProperty("stats").GetProperty("objects").ValueKind, "objects");
    }

    /// <summary>mon dump lists the monitors with the cluster's fsid and says which epoch it dumped.</summary>
    [ConformanceCase]
    public static void MonDump(RadosCaseContext c)
    {
        RadosCommandResult result = c.Client.MonCommand("""{"prefix":"mon dump","format":"json"}""");
        using JsonDocument dump = Json(result);
        Check.Equal(c.Client.GetFsid(), dump.RootElement.GetProperty("fsid").GetString(), "fsid");
        Check.True(dump.RootElement.GetProperty("mons").GetArrayLength() >= 1, "mons");
        Check.True(dump.RootElement.GetProperty("epoch").GetInt32() >= 1, "epoch");
        Check.True(result.Status.StartsWith("dumped monmap epoch ", StringComparison.Ordinal), $"status '{result.Status}'");
    }

    /// <summary>version names a ceph version.</summary>
    [ConformanceCase]
    public static void MonVersion(RadosCaseContext c)
    {
        using JsonDocument version = Json(c.Client.MonCommand("""{"prefix":"version","format":"json"}"""));
        Check.True(version.RootElement.GetProperty("version").GetString()!.StartsWith("ceph version ", StringComparison.Ordinal), "version");
    }

    /// <summary>json-pretty is the same document, indented.</summary>
    [ConformanceCase]
    public static void PrettyJson(RadosCaseContext c)
    {
        RadosCommandResult pretty = c.Client.MonCommand("""{"prefix":"osd pool ls","format":"json-pretty"}""");
        Check.True(pretty.OutputText.Contains('\n', StringComparison.Ordinal), "indented over several lines");
        using JsonDocument pools = Json(pretty);
        Check.Sequence(c.Client.ListPools(), pools.RootElement.EnumerateArray().Select(p => p.GetString()!), "pools");
    }

    /// <summary>an unknown mon command, unparseable JSON and a missing prefix are EINVAL.</summary>
    [ConformanceCase]
    public static void MonCommandErrors(RadosCaseContext c)
    {
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.MonCommand("""{"prefix":"no such command"}"""), "unknown command");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.MonCommand("not json"), "unparseable JSON");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.MonCommand(""), "empty command");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.MonCommand("{}"), "no prefix");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.MonCommand("""{"format":"json"}"""), "only a format");
    }

    /// <summary>the manager answers pg stat; unknown commands and unparseable JSON are EINVAL.</summary>
    [ConformanceCase]
    public static void MgrCommands(RadosCaseContext c)
    {
        using JsonDocument stat = Json(c.Client.MgrCommand("""{"prefix":"pg stat","format":"json"}"""));
        JsonElement summary = stat.RootElement.GetProperty("pg_summary");
        Check.True(summary.GetProperty("num_pgs").GetInt32() >= 1, "num_pgs");
        Check.True(summary.GetProperty("total_bytes").GetUInt64() > 0, "total_bytes");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.MgrCommand("""{"prefix":"no such command"}"""), "unknown command");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.MgrCommand("""{"prefix":"osd pool ls","format":"json"}"""), "a mon-only command");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.MgrCommand("not json"), "unparseable JSON");
    }

    /// <summary>pg stat goes to the manager also through the monitors.</summary>
    [ConformanceCase]
    public static void PgStatThroughMon(RadosCaseContext c)
    {
        using JsonDocument stat = Json(c.Client.MonCommand("""{"prefix":"pg stat","format":"json"}"""));
        Check.True(stat.RootElement.GetProperty("pg_ready").GetBoolean(), "pg_ready");
        Check.True(stat.RootElement.GetProperty("pg_summary").GetProperty("num_pg_by_state").GetArrayLength() >= 1, "num_pg_by_state");
    }

    /// <summary>osd.0 answers version (pretty JSON unless asked otherwise).</summary>
    [ConformanceCase]
    public static void OsdVersion(RadosCaseContext c)
    {
        RadosCommandResult pretty = c.Client.OsdCommand(0, """{"prefix":"version"}""");
        Check.True(pretty.OutputText.Contains('\n', StringComparison.Ordinal), "pretty by default");
        using JsonDocument version = Json(c.Client.OsdCommand(0, """{"prefix":"version","format":"json"}"""));
        Check.True(version.RootElement.GetProperty("version").GetString()!.Length > 0, "version");
        Check.True(version.RootElement.GetProperty("release").GetString()!.Length > 0, "release");
    }

    /// <summary>OSD command errors: unknown command and bad JSON EINVAL, a missing OSD ENOENT, a negative id EINVAL.</summary>
    [ConformanceCase]
    public static void OsdCommandErrors(RadosCaseContext c)
    {
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.OsdCommand(0, """{"prefix":"no such command"}"""), "unknown command");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.OsdCommand(0, "not json"), "unparseable JSON");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.OsdCommand(0, "{}"), "no prefix");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.OsdCommand(12345, """{"prefix":"version"}"""), "missing OSD");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.OsdCommand(-1, """{"prefix":"version"}"""), "negative OSD id");
    }

    /// <summary>commands before connect are ENOTCONN (librados would hang or crash); after shutdown ObjectDisposedException.</summary>
    [ConformanceCase]
    public static void CommandsNeedAConnection(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient(connect: false);
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.MonCommand("""{"prefix":"health"}"""), "mon command before connect");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.MgrCommand("""{"prefix":"pg stat"}"""), "mgr command before connect");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => client.OsdCommand(0, """{"prefix":"version"}"""), "osd command before connect");
        IRadosClient closed = c.NewClient();
        closed.Shutdown();
        Check.ThrowsExactly<ObjectDisposedException>(() => closed.MonCommand("""{"prefix":"health"}"""), "mon command after shutdown");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Client.MonCommand(null!), "null command");
    }

    /// <summary>config-key set takes the value from the input buffer; get, exists and rm work on it; gone keys are ENOENT.</summary>
    [ConformanceCase]
    public static void ConfigKeyWithInputBuffer(RadosCaseContext c)
    {
        string key = $"storagekit/{c.Namespace}/input";
        RadosCommandResult set = c.Client.MonCommand($$"""{"prefix":"config-key set","key":"{{key}}"}""", Bytes.Of("from the input buffer"));
        Check.Equal($"set {key}", set.Status, "set status");
        Check.Bytes(Bytes.Of("from the input buffer"), c.Client.MonCommand($$"""{"prefix":"config-key get","key":"{{key}}"}""").Output, "value");
        c.Client.MonCommand($$"""{"prefix":"config-key exists","key":"{{key}}"}""");
        c.Client.MonCommand($$"""{"prefix":"config-key rm","key":"{{key}}"}""");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.MonCommand($$"""{"prefix":"config-key get","key":"{{key}}"}"""), "get after rm");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.MonCommand($$"""{"prefix":"config-key exists","key":"{{key}}"}"""), "exists after rm");
        c.Client.MonCommand($$"""{"prefix":"config-key rm","key":"{{key}}"}""");
    }

    /// <summary>config-key set takes the value from "val" too, and config-key ls lists the key.</summary>
    [ConformanceCase]
    public static void ConfigKeyWithValueArgument(RadosCaseContext c)
    {
        string key = $"storagekit/{c.Namespace}/val";
        try
        {
            c.Client.MonCommand($$"""{"prefix":"config-key set","key":"{{key}}","val":"v1"}""");
            Check.Bytes(Bytes.Of("v1"), c.Client.MonCommand($$"""{"prefix":"config-key get","key":"{{key}}"}""").Output, "value");
            using JsonDocument keys = Json(c.Client.MonCommand("""{"prefix":"config-key ls"}"""));
            Check.True(keys.RootElement.EnumerateArray().Any(k => k.GetString() == key), "listed");
        }
        finally
        {
            c.Client.MonCommand($$"""{"prefix":"config-key rm","key":"{{key}}"}""");
        }
    }

    private static JsonDocument Json(RadosCommandResult result)
    {
        try
        {
            return JsonDocument.Parse(result.Output);
        }
        catch (JsonException ex)
        {
            throw new ConformanceFailedException($"output is not JSON: '{result.OutputText}'", ex);
        }
    }
}
