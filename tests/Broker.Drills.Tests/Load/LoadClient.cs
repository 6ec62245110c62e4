using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Broker.Drills.Tests.Load;

/// <summary>
/// One of the load's clients: a department's member reserving, releasing, reading its quota and now and then placing an
/// order, as its own tooling would. Every write carries an id (and an Idempotency-Key), so after a failed call it sends
/// the same write again until it hears an answer: a retry can never make a second reservation or order.
/// </summary>
public sealed class LoadClient(int number, string department, HttpClient http, CallLog log, Ledger ledger, int maxOrders)
{
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(200);
    private readonly Random _random = new(number);
    private readonly List<string> _held = [];
    private int _sequence;
    private int _orders;
    private CancellationToken _giveUp;

    /// <summary>Until <paramref name="stop"/>; a write under way is retried until it is decided or <paramref name="giveUp"/> fires.</summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken giveUp)
    {
        _giveUp = giveUp;
        while (!stop.IsCancellationRequested)
        {
            var step = _sequence++;
            if (step % 10 == 9)
            {
                await ReadQuotaAsync(stop);
            }
            else if (step % 25 == 24 && _orders < maxOrders)
            {
                await PlaceOrderAsync(stop);
            }
            else if (_held.Count > 2 || (_held.Count > 0 && _random.Next(3) == 0))
            {
                await ReleaseAsync(stop);
            }
            else
            {
                await ReserveAsync(stop);
            }
        }
    }

    private async Task ReserveAsync(CancellationToken stop)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"c{number}-r{_sequence}");
        var body = new { id, vector = new Dictionary<string, long> { ["vcpu"] = 1, ["memory_gib"] = 2 }, ttlSeconds = 3600 };
        var status = await UntilAnsweredAsync("reserve", id, () => Post($"/api/departments/{department}/reservations", body, id), stop);
        if (status == HttpStatusCode.Created)
        {
            ledger.Reservations[(department, id)] = false;
            _held.Add(id);
        }
    }

    private async Task ReleaseAsync(CancellationToken stop)
    {
        var id = _held[_random.Next(_held.Count)];
        var status = await UntilAnsweredAsync("release", id, () => Post($"/api/departments/{department}/reservations/{id}/release", null, null), stop);
        if (status == HttpStatusCode.OK)
        {
            ledger.Reservations[(department, id)] = true;
            _held.Remove(id);
        }
    }

    private async Task PlaceOrderAsync(CancellationToken stop)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"c{number}-o{_sequence}");
        var body = new { systemId = "drill", planCode = "vm-small", slaTier = "silver", quantity = 1, image = "debian-12" };
        string? orderId = null;
        var status = await UntilAnsweredAsync("order", key, async () =>
        {
            var response = await Post($"/api/departments/{department}/orders", body, key);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                orderId = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["id"];
            }

            return response;
        }, stop);
        _orders++;
        if (status == HttpStatusCode.Created && orderId is not null)
        {
            ledger.Orders[(department, orderId)] = true;
        }
    }

    private async Task ReadQuotaAsync(CancellationToken stop)
    {
        JsonNode? quota = null;
        await UntilAnsweredAsync("quota", null, async () =>
        {
            var response = await http.GetAsync(new Uri($"/api/departments/{department}/quota", UriKind.Relative), stop);
            if (response.IsSuccessStatusCode)
            {
                quota = JsonNode.Parse(await response.Content.ReadAsStringAsync(stop));
            }

            return response;
        }, stop);
        if (quota is null)
        {
            return;
        }

        Interlocked.Increment(ref ledger.QuotaReads);
        foreach (var line in quota["dimensions"]!.AsArray())
        {
            var (limit, used, reserved) = ((long)line!["limit"]!, (long)line["used"]!, (long)line["reserved"]!);
            if (used + reserved > limit)
            {
                ledger.Overcommits.Enqueue($"{department} {(string)line["dimension"]!}: used {used} + reserved {reserved} > limit {limit}");
            }
        }
    }

    private Task<HttpResponseMessage> Post(string url, object? body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative))
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return http.SendAsync(request);
    }

    /// <summary>
    /// Sends until the cluster answers with a decision (2xx or 4xx); each attempt is logged. A read stops with the load;
    /// a write goes on until the load gives up, and one still undecided then is recorded as unknown: it may or may not
    /// have happened, and the checks leave it out.
    /// </summary>
    private async Task<HttpStatusCode?> UntilAnsweredAsync(string kind, string? id, Func<Task<HttpResponseMessage>> send, CancellationToken stop)
    {
        var unanswered = false;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var at = DateTimeOffset.UtcNow;
            try
            {
                using var response = await send();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                    ? (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))?["code"]
                    : null;
                log.Add(new CallLog.Call(at, kind, (int)response.StatusCode, elapsed, problem, response.Headers.RetryAfter?.ToString()));
                var status = (int)response.StatusCode;
                if (status < 500 && status != 429)
                {
                    // A release retried after an attempt whose answer was lost may find the reservation released already.
                    return kind == "release" && unanswered && response.StatusCode == HttpStatusCode.Conflict ? HttpStatusCode.OK : response.StatusCode;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                log.Add(new CallLog.Call(at, kind, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name, null));
            }

            unanswered = true;
            if ((id is null ? stop : _giveUp).IsCancellationRequested)
            {
                if (id is not null)
                {
                    ledger.Unknown[(department, id)] = kind;
                }

                return null;
            }

            await Task.Delay(Backoff, CancellationToken.None);
        }
    }
}
