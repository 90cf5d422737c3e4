using System.Text.Json;

namespace RiskEngine.Tests.StepUps;

/// <summary>
/// During a rolling upgrade an API front of this version reads session views from silos of the version before, which
/// had no <c>pending_callbacks</c>: such a view is shown with none pending, not answered with a 500.
/// </summary>
public sealed class StepUpSessionViewCompatibilityTests
{
    /// <summary>An Approved session's view as a silo at commit 20c9e2c serialised it for the front.</summary>
    private const string FromTheVersionBefore =
        "IOhASTk3M2UzZGNhLWI0NzgtNDIzYS1iMTBhLTQ5ZDQwZDc5MjQxNkFBMDFhMjIyOTAwMGNiN2Y5Yzk0OGFhYTk0MDBkZWQ5MjBBB2FuYQEDAQUhAAUh6AABIYAA6EGlUlDfCIEAAAAAAAAAAODgIOgABSGAAC4FyVJQ3wiBAAAAAAAAAADg4OCBAAAAAAAAWECBAAAAAADgVkAhgAAcJNZWUN8IgQAAAAAAAAAA4OA=";

    [Fact]
    public void A_view_from_a_silo_of_the_version_before_shows_no_pending_callbacks()
    {
        var view = StorageSerializer.Instance.Deserialize<StepUpSessionView>(new BinaryData(Convert.FromBase64String(FromTheVersionBefore)))!;
        // As the API writes it: a null where the type promises a list is an error there.
        var json = JsonSerializer.Serialize(view, new JsonSerializerOptions(Json.Options) { RespectNullableAnnotations = true });

        Assert.Equal(("ana", SessionStatus.Approved, 96.0, 91.5), (view.UserId, view.Status, view.LivenessScore, view.FaceSimilarity));
        Assert.Empty(view.PendingCallbacks);
        Assert.Contains("\"pending_callbacks\":[]", json);
    }

    [Fact]
    public void A_view_with_pending_callbacks_keeps_them_across_the_wire()
    {
        var pending = new PendingCallback("evt_1", SessionStatus.Approved, 3, DateTimeOffset.UnixEpoch, "HTTP 503");
        var view = new StepUpSessionView("s", null, "u", null, SessionStatus.Approved, [], null, null, null, [pending]);

        var read = StorageSerializer.Instance.Deserialize<StepUpSessionView>(StorageSerializer.Instance.Serialize(view))!;

        Assert.Equal([pending], read.PendingCallbacks);
    }
}
