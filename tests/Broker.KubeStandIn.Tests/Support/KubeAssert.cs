using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Broker.KubeStandIn.Tests.Support;

/// <summary>Assertions on how the real client sees failures: the exception, the HTTP code and the Status body.</summary>
public static class KubeAssert
{
    public static async Task<V1Status> FailsAsync(int code, string reason, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(code, (int)error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Status", status.Kind);
        Assert.Equal("v1", status.ApiVersion);
        Assert.Equal("Failure", status.Status);
        Assert.Equal(reason, status.Reason);
        Assert.Equal(code, status.Code);
        return status;
    }
}
