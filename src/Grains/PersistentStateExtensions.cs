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
    /// changed anything: nothing is written when it did not.
    /// </summary>
    public static async Task<TResult> UpdateAsync<TState, TArg, TResult>(
        this IPersistentState<TState> state, TArg arg, Func<TState, TArg, (TResult Result, bool Changed)> change)
    {
        var (result, changed) = change(state.State, arg);
        if (!changed) return result;
        try
        {
            await state.WriteStateAsync();
            return result;
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            (result, changed) = change(state.State, arg);
            if (changed) await state.WriteStateAsync();
            return result;
        }
    }
}
