using System.Text;
using System.Text.RegularExpressions;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// Which emulated calls a fault applies to (<see cref="RadosFaultInjector"/>). Every criterion that is set must match;
/// an empty filter (<see cref="Any"/>) matches every call that reaches the cluster.
/// </summary>
public sealed class RadosFaultFilter
{
    private Regex? _objectNameRegex;

    /// <summary>Matches every call that reaches the cluster.</summary>
    public static RadosFaultFilter Any { get; } = new();

    /// <summary>
    /// Only calls on this pool: io context calls on it, and pool-level calls naming it (create, delete, lookup, open).
    /// Null for any pool, including calls that concern none (pool list, cluster stats).
    /// </summary>
    public string? Pool { get; init; }

    /// <summary>
    /// Only calls on objects whose name matches this glob (<c>*</c> any run of characters, <c>?</c> one character,
    /// case-sensitive, the whole name). Calls that concern no object never match. Null for any object.
    /// </summary>
    public string? ObjectName { get; init; }

    /// <summary>Only calls on objects for which this returns true; calls that concern no object never match. Null for any.</summary>
    public Func<string, bool>? ObjectPredicate { get; init; }

    /// <summary>Only calls of these kinds (default: <see cref="RadosOperationKind.Any"/>).</summary>
    public RadosOperationKind Kinds { get; init; } = RadosOperationKind.Any;

    /// <summary>Only this C function, as <see cref="StorageException.Operation"/> names it (for example <c>rados_write_full</c>). Null for any.</summary>
    public string? Operation { get; init; }

    /// <summary>Only calls made through this client (or the io contexts and listings opened from it). Null for any client.</summary>
    public IRadosClient? Client { get; init; }

    internal bool Matches(IRadosClient client, string? pool, string? objectName, string operation, RadosOperationKind kind)
    {
        if ((Kinds & kind) == 0
            || (Operation is not null && !string.Equals(Operation, operation, StringComparison.Ordinal))
            || (Client is not null && !ReferenceEquals(Client, client))
            || (Pool is not null && !string.Equals(Pool, pool, StringComparison.Ordinal)))
        {
            return false;
        }

        if (ObjectName is null && ObjectPredicate is null)
        {
            return true;
        }

        return objectName is not null
            && (ObjectName is null || ObjectNameRegex().IsMatch(objectName))
            && (ObjectPredicate is null || ObjectPredicate(objectName));
    }

    private Regex ObjectNameRegex()
    {
        if (_objectNameRegex is null)
        {
            var pattern = new StringBuilder("^");
            foreach (char ch in ObjectName!)
            {
                pattern.Append(ch switch
                {
                    '*' => "(?s:.*)",
                    '?' => "(?s:.)",
                    _ => Regex.Escape(ch.ToString()),
                });
            }

            _objectNameRegex = new Regex(pattern.Append("\\z").ToString(), RegexOptions.CultureInvariant);
        }

        return _objectNameRegex;
    }
}
