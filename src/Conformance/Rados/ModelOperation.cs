using System.Collections.Immutable;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>What an operation returned: a value rendered as text, or an errno.</summary>
internal readonly record struct Outcome(string? Value, Errno Errno)
{
    public static Outcome Ok(string value = "ok") => new(value, Errno.None);

    public static Outcome Fail(Errno errno) => new(null, errno);

    public static Outcome Bytes(IEnumerable<byte> bytes) => Ok(Convert.ToHexString(bytes.ToArray()));

    public static Outcome Map(IEnumerable<KeyValuePair<string, byte[]>> entries)
        => Map(entries.Select(e => KeyValuePair.Create(e.Key, new ReadOnlyMemory<byte>(e.Value))));

    public static Outcome Map(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> entries)
        => Ok(string.Join(";", entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={Convert.ToHexString(e.Value.Span)}")));

    public override string ToString() => Errno == Errno.None ? $"ok({Value})" : $"error {Errno}({(int)Errno})";
}

/// <summary>The kinds of step a random sequence is made of.</summary>
internal enum ModelOpKind
{
    WriteFull,
    Write,
    Append,
    Truncate,
    Remove,
    Read,
    Stat,
    Create,
    SetXattr,
    GetXattr,
    RemoveXattr,
    GetXattrs,
    SetOmap,
    RemoveOmapKey,
    GetOmap,
    ClearOmap,
}

/// <summary>
/// One step of a random sequence. Each step knows how to run itself on a real io context and what the
/// model says it must return and leave behind.
/// </summary>
internal sealed record ModelOperation(ModelOpKind Kind, string Object, int Offset, byte[] Data, string Name)
{
    public override string ToString() => Kind switch
    {
        ModelOpKind.Write => $"{Kind}({Object}, off={Offset}, {Data.Length}B)",
        ModelOpKind.Truncate or ModelOpKind.Read => $"{Kind}({Object}, {Offset})",
        ModelOpKind.WriteFull or ModelOpKind.Append => $"{Kind}({Object}, {Data.Length}B)",
        ModelOpKind.SetXattr or ModelOpKind.SetOmap => $"{Kind}({Object}, {Name}, {Data.Length}B)",
        ModelOpKind.GetXattr or ModelOpKind.RemoveXattr or ModelOpKind.RemoveOmapKey => $"{Kind}({Object}, {Name})",
        _ => $"{Kind}({Object})",
    };

    public Outcome Run(IRadosIoContext io)
    {
        try
        {
            switch (Kind)
            {
                case ModelOpKind.WriteFull: io.WriteFull(Object, Data); return Outcome.Ok();
                case ModelOpKind.Write: io.Write(Object, Data, Offset); return Outcome.Ok();
                case ModelOpKind.Append: io.Append(Object, Data); return Outcome.Ok();
                case ModelOpKind.Truncate: io.Truncate(Object, Offset); return Outcome.Ok();
                case ModelOpKind.Remove: io.Remove(Object); return Outcome.Ok();
                case ModelOpKind.Read: return Outcome.Bytes(io.Read(Object, 16, Offset));
                case ModelOpKind.Stat: return Outcome.Ok(io.Stat(Object).Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
                case ModelOpKind.Create: io.Create(Object, exclusive: Offset % 2 == 0); return Outcome.Ok();
                case ModelOpKind.SetXattr: io.SetXattr(Object, Name, Data); return Outcome.Ok();
                case ModelOpKind.GetXattr: return Outcome.Bytes(io.GetXattr(Object, Name));
                case ModelOpKind.RemoveXattr: io.RemoveXattr(Object, Name); return Outcome.Ok();
                case ModelOpKind.GetXattrs: return Outcome.Map(io.GetXattrs(Object));
                case ModelOpKind.SetOmap: io.SetOmap(Object, Name, Data); return Outcome.Ok();
                case ModelOpKind.RemoveOmapKey: io.RemoveOmapKeys(Object, [Name]); return Outcome.Ok();
                case ModelOpKind.GetOmap: return Outcome.Map(io.GetOmapValues(Object).Entries);
                case ModelOpKind.ClearOmap: io.ClearOmap(Object); return Outcome.Ok();
                default: throw new InvalidOperationException($"unknown step {Kind}");
            }
        }
        catch (StorageException ex)
        {
            return Outcome.Fail(ex.Errno);
        }
    }

    /// <summary>The outcome librados gives for this step on <paramref name="model"/>, and the model after it.</summary>
    public (Outcome Outcome, ObjectModel Next) Apply(ObjectModel model)
    {
        ModelObject? current = model.Find(Object);
        ModelObject state = current ?? ModelObject.Empty;
        switch (Kind)
        {
            case ModelOpKind.WriteFull:
                return (Outcome.Ok(), model.Put(Object, state with { Data = [.. Data] }));
            case ModelOpKind.Write:
                return (Outcome.Ok(), model.Put(Object, state.WriteAt(Offset, Data)));
            case ModelOpKind.Append:
                return (Outcome.Ok(), model.Put(Object, state.WriteAt(state.Data.Length, Data)));
            case ModelOpKind.Truncate:
                // The OSD treats truncate of a missing object as a successful no-op: nothing is created.
                return current is null ? (Outcome.Ok(), model) : (Outcome.Ok(), model.Put(Object, current.Resize(Offset)));
            case ModelOpKind.Remove:
                return current is null ? (Outcome.Fail(Errno.ENOENT), model) : (Outcome.Ok(), model.Drop(Object));
            case ModelOpKind.Read:
                return current is null
                    ? (Outcome.Fail(Errno.ENOENT), model)
                    : (Outcome.Bytes(current.Data.Skip(Offset).Take(16)), model);
            case ModelOpKind.Stat:
                return current is null
                    ? (Outcome.Fail(Errno.ENOENT), model)
                    : (Outcome.Ok(current.Data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), model);
            case ModelOpKind.Create:
                bool exclusive = Offset % 2 == 0;
                return current is not null && exclusive ? (Outcome.Fail(Errno.EEXIST), model) : (Outcome.Ok(), model.Put(Object, state));
            case ModelOpKind.SetXattr:
                return (Outcome.Ok(), model.Put(Object, state with { Xattrs = state.Xattrs.SetItem(Name, [.. Data]) }));
            case ModelOpKind.GetXattr:
                if (current is null)
                {
                    return (Outcome.Fail(Errno.ENOENT), model);
                }

                return current.Xattrs.TryGetValue(Name, out ImmutableArray<byte> value)
                    ? (Outcome.Bytes(value), model)
                    : (Outcome.Fail(Errno.ENODATA), model);
            case ModelOpKind.RemoveXattr:
                if (current is null)
                {
                    return (Outcome.Fail(Errno.ENOENT), model);
                }

                // Removing an absent attribute of an existing object succeeds.
                return (Outcome.Ok(), model.Put(Object, current with { Xattrs = current.Xattrs.Remove(Name) }));
            case ModelOpKind.GetXattrs:
                return current is null
                    ? (Outcome.Fail(Errno.ENOENT), model)
                    : (Outcome.Map(current.Xattrs.Select(e => KeyValuePair.Create(e.Key, e.Value.ToArray()))), model);
            case ModelOpKind.SetOmap:
                return (Outcome.Ok(), model.Put(Object, state with { Omap = state.Omap.SetItem(Name, [.. Data]) }));
            case ModelOpKind.RemoveOmapKey:
                return current is null
                    ? (Outcome.Fail(Errno.ENOENT), model)
                    : (Outcome.Ok(), model.Put(Object, current with { Omap = current.Omap.Remove(Name) }));
            case ModelOpKind.GetOmap:
                return current is null
                    ? (Outcome.Fail(Errno.ENOENT), model)
                    : (Outcome.Map(current.Omap.Select(e => KeyValuePair.Create(e.Key, e.Value.ToArray()))), model);
            case ModelOpKind.ClearOmap:
                return current is null
                    ? (Outcome.Fail(Errno.ENOENT), model)
                    : (Outcome.Ok(), model.Put(Object, current with { Omap = current.Omap.Clear() }));
            default:
                throw new InvalidOperationException($"unknown step {Kind}");
        }
    }
}
