using Orleans.Storage;

namespace RiskEngine;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Applies <paramref name="change"/> and writes. When another activation wrote since this one read
    /// (a silo failover), re-reads its state, applies the change to that, and writes once more.
    /// </summary>
    public static async Task UpdateAsync<TState, TArg>(this IPersistentState<TState> state, TArg arg, Action<TState, TArg> change)
    {
        change(state.State, arg);
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            change(state.State, arg);
            await state.WriteStateAsync();
        }
    }
}
