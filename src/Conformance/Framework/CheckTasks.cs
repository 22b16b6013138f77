using System.Threading.Channels;

namespace StorageKit.Conformance.Framework;

/// <summary>
/// Waiting in conformance cases, which are synchronous: every wait has a generous real-time cap, so an
/// implementation that never completes fails the case instead of hanging the suite. Never use these to let
/// time pass (that is <see cref="ConformanceSession.Elapse"/>): they only wait for something already due.
/// </summary>
public static class CheckTasks
{
    /// <summary>How long a case waits for something that should happen at once.</summary>
    public static TimeSpan Cap { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The task's result; fails when it does not complete within <see cref="Cap"/>. Its own exception propagates.</summary>
    public static T Result<T>(Task<T> task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        Completes(task, what);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Waits for the task; fails when it does not complete within <see cref="Cap"/>. Its own exception propagates.</summary>
    public static void Completes(Task task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            task.WaitAsync(Cap).GetAwaiter().GetResult();
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new ConformanceFailedException($"{what}: did not complete within {Cap.TotalSeconds} s");
        }
    }

    /// <summary>The next item of the channel; fails when none arrives within <see cref="Cap"/>.</summary>
    public static T Next<T>(ChannelReader<T> reader, string what)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Result(reader.ReadAsync().AsTask(), what);
    }

    /// <summary>Fails unless the channel completes (with or without an error) within <see cref="Cap"/>, returning its error.</summary>
    public static Exception? Completion<T>(ChannelReader<T> reader, string what)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            Completes(reader.Completion, what);
            return null;
        }
        catch (Exception ex) when (ex is not ConformanceFailedException)
        {
            return ex;
        }
    }
}
