namespace RiskEngine.Tests.Policies;

/// <summary>
/// A policy saved before a threshold existed reads back with that threshold's default, not zero: a
/// <c>new_device_step_up_limit</c> of 0 would block every step-up from a new device.
/// </summary>
public sealed class PolicyThresholdsCompatibilityTests
{
    /// <summary>Thresholds with lock_after_declines 4 and recent_step_up_seconds 600, as stored at commit 1c64680.</summary>
    private const string FromTheVersionBefore =
        "IOgg6EAhAAAAAAAAAADoAwAAAAAAAMEB4CHoQCEAAAAAAAAAABAnAAAAAAAAwQHgASkh6EAhAAAAAAAAAAAgTgAAAAAAAMEB4IEAAAAAACCMQIEAAAAAAABZQEEhAAAAAAAAAAADAAAAAAAAAAEVAcISAREBYeA=";

    [Fact]
    public void Thresholds_stored_before_the_new_device_step_up_limit_read_back_with_its_default()
    {
        var read = StorageSerializer.Instance.Deserialize<PolicyThresholds>(new BinaryData(Convert.FromBase64String(FromTheVersionBefore)))!;

        Assert.Equal((4, 600), (read.LockAfterDeclines, read.RecentStepUpSeconds));
        Assert.Equal((5, 10), (read.NewDeviceStepUpLimit, read.NewDeviceStepUpWindowMinutes));
    }
}
