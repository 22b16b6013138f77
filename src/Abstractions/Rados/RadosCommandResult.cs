using System.Text;

namespace StorageKit.Rados;

/// <summary>What a successful mon, mgr or OSD command answered.</summary>
/// <param name="Output">The output buffer (JSON when the command asked for <c>"format":"json"</c>).</param>
/// <param name="Status">The status string, often empty (for example <c>dumped monmap epoch 1</c>).</param>
public sealed record RadosCommandResult(byte[] Output, string Status)
{
    /// <summary>The output as UTF-8 text.</summary>
    public string OutputText => Encoding.UTF8.GetString(Output);
}
