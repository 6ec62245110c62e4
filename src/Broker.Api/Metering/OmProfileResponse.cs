using Broker.Silo.Metering;

namespace Broker.Api.Metering;

/// <param name="IsDefault">True when finance never set this system's profile and statements use the normal levels.</param>
public sealed record OmProfileResponse(string Department, string System, OmProfile Profile, bool IsDefault);
