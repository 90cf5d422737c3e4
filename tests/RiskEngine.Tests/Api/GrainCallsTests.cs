using System.Runtime.CompilerServices;
using Orleans.Runtime;
using RiskEngine.Api.Errors;

namespace RiskEngine.Tests.Api;

public sealed class GrainCallsTests
{
    [Fact]
    public async Task A_call_that_never_reached_its_grain_is_made_again_with_the_same_state()
    {
        var attempts = new StrongBox<int>();

        var answer = await GrainCalls.CallAsync(attempts, static a => ++a.Value == 1
            ? throw new SiloUnavailableException("the silo had just died")
            : ValueTask.FromResult($"answered on attempt {a.Value}"));

        Assert.Equal("answered on attempt 2", answer);
    }

    [Fact]
    public async Task A_call_that_reached_its_grain_is_not_made_again()
    {
        var attempts = new StrongBox<int>();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await GrainCalls.CallAsync(attempts,
            static ValueTask<bool> (a) => ++a.Value > 0 ? throw new InvalidOperationException("the grain threw") : ValueTask.FromResult(true)));

        Assert.Equal(1, attempts.Value);
    }
}
