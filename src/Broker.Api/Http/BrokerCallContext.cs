using Broker.Api.Identity;
using Broker.Contracts.Common;
using Broker.Contracts.Tenancy;
using Microsoft.Extensions.Options;

namespace Broker.Api.Http;

/// <summary>Handler dependencies bundled for <c>[AsParameters]</c>: the cluster, the caller and the correlation id.</summary>
public sealed class BrokerCallContext(IGrainFactory grains, IHttpContextAccessor accessor, IOptions<AuthOptions> auth)
{
    public IGrainFactory Grains { get; } = grains;

    public HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No current HTTP request.");

    public BrokerUser User => BrokerUser.From(Http.User, auth.Value.DepartmentClaim);

    public string CorrelationId => CorrelationIdMiddleware.Get(Http);

    public Actor Actor => User.ToActor(CorrelationId);

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>Whether the department exists: requests about an unknown one are answered 404, not with empty figures.</summary>
    public async Task<bool> DepartmentExistsAsync(string code) => await Grains.GetGrain<IDepartmentGrain>(code).GetAsync() is not null;
}
