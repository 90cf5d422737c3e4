using Orleans.Storage;

namespace RiskEngine;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Applies <paramref name="change"/> and writes. When another activation wrote since this one read
    /// (a silo failover), re-reads its state, applies the change to that, and writes once more.
    /// </summary>
    public static Task UpdateAsync<TState, TArg>(this IPersistentState<TState> state, TArg arg, Action<TState, TArg> change) =>
        state.UpdateAsync((arg, change), static (s, a) =>
        {
            a.change(s, a.arg);
            return (true, true);
        });

    /// <summary>
    /// Like <see cref="UpdateAsync{TState,TArg}"/> for a change that reports its result and whether it
    /// changed anything: nothing is written when it did not. After a write conflict the result is the change's
    /// on the re-read state.
    /// </summary>
    public static async Task<TResult> UpdateAsync<TState, TArg, TResult>(
        this IPersistentState<TState> state, TArg arg, Func<TState, TArg, (TResult Result, bool Changed)> change)
    {
        var (result, changed) = change(state.State, arg);
        if (!changed) return result;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            (result, changed) = change(state.State, arg);
            if (changed) await state.WriteStateAsync();
        }
        return result;
    }

    /// <summary>Deletes the state; after a write conflict, re-reads (the other activation's etag) and deletes that.</summary>
    public static async Task ClearAsync<TState>(this IPersistentState<TState> state)
    {
        try
        {
            await state.ClearStateAsync();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            await state.ClearStateAsync();
        }
    }

    /// <summary>
    /// Writes a state that <paramref name="reapply"/> has already changed. After a write conflict it re-reads
    /// the other activation's state, applies the same change to it, and writes that.
    /// </summary>
    public static Task WriteAsync<TState, TArg>(this IPersistentState<TState> state, TArg arg, Action<TState, TArg> reapply) =>
        state.WriteAsync((arg, reapply), static (s, a) =>
        {
            a.reapply(s, a.arg);
            return Task.FromResult(true);
        });

    /// <summary>
    /// Like the overload above, for a change that has to await something (another grain) on its way and says
    /// whether it changed the re-read state: when the other activation had already made it, nothing is written.
    /// </summary>
    public static async Task WriteAsync<TState, TArg>(this IPersistentState<TState> state, TArg arg, Func<TState, TArg, Task<bool>> reapply)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            if (await reapply(state.State, arg)) await state.WriteStateAsync();
        }
    }
}
