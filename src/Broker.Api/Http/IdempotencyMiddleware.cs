using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Broker.Api.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Api.Http;

/// <summary>Marks an endpoint whose creates honour the Idempotency-Key header.</summary>
public sealed class IdempotentCreateMetadata;

/// <summary>
/// Honours Idempotency-Key on marked creates: the first successful answer is stored with a hash of the request; a
/// retry with the same key and body gets that answer again, with another body a 409. Keys are scoped by caller
/// and route, so two users cannot collide. The handlers are idempotent themselves (the key names the object), so
/// a crash between acting and storing the answer only means the retry acts again, harmlessly.
/// </summary>
public sealed partial class IdempotencyMiddleware(
    RequestDelegate next, NpgsqlDataSource dataSource, IOptions<AuthOptions> auth, IOptions<IdempotencyOptions> options, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    private const string FindSql = "select request_hash, status_code, response, location from broker.idempotency_keys where scope = @scope and key = @key";
    private const string StoreSql = """
        insert into broker.idempotency_keys (scope, key, request_hash, status_code, response, location)
        values (@scope, @key, @hash, @status, @response, @location) on conflict (scope, key) do nothing
        """;

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentCreateMetadata>() is null || key.Length == 0 || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        if (!SaneKey().IsMatch(key))
        {
            await Problems.Invalid(Header, "idempotency.key-invalid").ExecuteAsync(context);
            return;
        }

        context.Request.EnableBuffering();
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(context.Request.Body, context.RequestAborted));
        context.Request.Body.Position = 0;
        var user = BrokerUser.From(context.User, auth.Value.DepartmentClaim);
        var scope = $"{user.Subject}|{context.Request.Method} {context.Request.Path.Value?.ToLowerInvariant()}";

        // Bounded (LookupTimeout): past it the TimeoutException answers 503 with Retry-After (BrokerExceptionHandler).
        if (await BoundedAsync(ct => FindAsync(scope, key, ct), context.RequestAborted) is { } stored)
        {
            if (stored.Hash != hash)
            {
                await Problems.Conflict("idempotency.key-reused", Header).ExecuteAsync(context);
                return;
            }

            context.Response.StatusCode = stored.Status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers[ReplayedHeader] = "true";
            if (stored.Location is not null)
            {
                context.Response.Headers.Location = stored.Location;
            }

            await context.Response.WriteAsync(stored.Body, context.RequestAborted);
            return;
        }

        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        captured.Position = 0;
        if (context.Response.StatusCode is >= 200 and < 300)
        {
            var body = new StreamReader(captured).ReadToEnd();
            var (status, location) = (context.Response.StatusCode, context.Response.Headers.Location.ToString());
            try
            {
                await BoundedAsync(ct => StoreAsync(scope, key, hash, status, body, location, ct), context.RequestAborted);
            }
            catch (Exception ex) when (ex is TimeoutException or NpgsqlException)
            {
                // The change is made and durable: answer it. A retry with this key acts again, which the handler makes
                // harmless (the key names the object), rather than the caller hearing 503 for what was done.
                LogNotStored(logger, ex.GetType().Name, CorrelationIdMiddleware.Get(context));
            }

            captured.Position = 0;
        }

        await captured.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// Waits at most <see cref="IdempotencyOptions.LookupTimeout"/> for <paramref name="query"/>. The statement itself is
    /// not cancelled at the deadline, only abandoned: it ends by itself within Npgsql's own timeouts, and a connection it
    /// was opening joins the pool. Cancelling it instead kept a slow but live server's pool from ever warming up (every
    /// request's open cancelled at the deadline, so the next one opened again), and cancelling a statement on a server
    /// that answers nothing blocks a thread on Npgsql's cancel request.
    /// </summary>
    private async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> query, CancellationToken aborted)
    {
        var running = query(aborted);
        try
        {
            return await running.WaitAsync(options.Value.LookupTimeout, aborted);
        }
        catch (TimeoutException ex)
        {
            _ = running.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new TimeoutException($"PostgreSQL did not answer the Idempotency-Key statement within {options.Value.LookupTimeout}.", ex);
        }
    }

    private async Task<(string Hash, int Status, string Body, string? Location)?> FindAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FindSql);
        command.Parameters.Add(new NpgsqlParameter<string>("scope", scope));
        command.Parameters.Add(new NpgsqlParameter<string>("key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3))
            : null;
    }

    private async Task<int> StoreAsync(string scope, string key, string hash, int status, string body, string? location, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StoreSql);
        command.Parameters.Add(new NpgsqlParameter<string>("scope", scope));
        command.Parameters.Add(new NpgsqlParameter<string>("key", key));
        command.Parameters.Add(new NpgsqlParameter<string>("hash", hash));
        command.Parameters.Add(new NpgsqlParameter<int>("status", status));
        command.Parameters.Add(new NpgsqlParameter<string>("response", body));
        command.Parameters.Add(new NpgsqlParameter("location", NpgsqlTypes.NpgsqlDbType.Text) { Value = string.IsNullOrEmpty(location) ? DBNull.Value : location });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An Idempotency-Key's answer could not be stored ({Reason}); answered without it (correlation {CorrelationId})")]
    private static partial void LogNotStored(ILogger logger, string reason, string correlationId);

    [GeneratedRegex("^[\\x21-\\x7e]{1,200}\\z")]
    private static partial Regex SaneKey();
}

public static class IdempotencyExtensions
{
    public static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotentCreateMetadata());
}
