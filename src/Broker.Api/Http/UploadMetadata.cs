namespace Broker.Api.Http;

/// <summary>Marks an endpoint that takes a file: its body may reach <see cref="RequestLimitsOptions.MaxUploadBytes"/> and is streamed, not buffered.</summary>
public sealed class UploadMetadata;

public static class UploadExtensions
{
    public static RouteHandlerBuilder WithUploadLimit(this RouteHandlerBuilder builder) => builder.WithMetadata(new UploadMetadata());
}
