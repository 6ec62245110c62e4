using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Broker.Api.Tests.Http;

/// <summary>
/// Requests written byte for byte on a socket, for what HttpClient will not send (a NUL or newline in the target, dot
/// segments, header bytes that are not UTF-8, a body the server refuses half way), and the answer read back as it came.
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string ContentType => Headers.TryGetValue("content-type", out var type) ? type : "";

        public JsonNode Json() => JsonNode.Parse(Body) ?? throw new InvalidOperationException("empty body");
    }

    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, without the blank line) and a body, with its length or
    /// chunked. The answer is read while the body is still being written: a server that refuses a large body answers
    /// early and stops reading, and the answer must not be lost to the reset that follows.
    /// </summary>
    public static async Task<Answer> SendAsync(Uri server, byte[] head, byte[]? body = null, bool chunked = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var framing = body is null ? "" : chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n";
        var writing = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(head);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"\r\nHost: {server.Authority}\r\nConnection: close\r\n{framing}\r\n"));
                if (body is not null)
                {
                    await WriteBodyAsync(stream, body, chunked);
                }
            }
            catch (IOException)
            {
                // The server answered and closed before taking the whole body: that is what is being tested.
            }
        });

        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received);
        }
        catch (IOException) when (received.Length > 0)
        {
        }

        await writing;
        return Parse(received.ToArray());
    }

    public static Task<Answer> SendAsync(Uri server, string head, byte[]? body = null, bool chunked = false) =>
        SendAsync(server, Encoding.UTF8.GetBytes(head), body, chunked);

    private static async Task WriteBodyAsync(NetworkStream stream, byte[] body, bool chunked)
    {
        const int chunk = 64 * 1024;
        for (var at = 0; at < body.Length; at += chunk)
        {
            var size = Math.Min(chunk, body.Length - at);
            if (chunked)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            }

            await stream.WriteAsync(body.AsMemory(at, size));
            if (chunked)
            {
                await stream.WriteAsync("\r\n"u8.ToArray());
            }
        }

        if (chunked)
        {
            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
    }

    private static Answer Parse(byte[] raw)
    {
        var split = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        var lines = Encoding.ASCII.GetString(raw, 0, split).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = raw.AsSpan(split + 4).ToArray();
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new Answer(status, headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var output = new MemoryStream();
        var at = 0;
        while (true)
        {
            var end = chunked.AsSpan(at).IndexOf("\r\n"u8) + at;
            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, end - at).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return output.ToArray();
            }

            output.Write(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
    }
}
