namespace Broker.Api.Http;

/// <summary>Texts for what the web server and the request pipeline refuse before a handler runs; merged into <c>Messages</c>.</summary>
public static class HttpMessages
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal)
    {
        ["authentication.required"] = ("需要有效的访问令牌。", "A valid access token is required."),
        ["route.not-found"] = ("没有这个地址。", "There is no such address."),
        ["route.value-invalid"] = ("路径参数须为 1 到 {0} 个可见 ASCII 字符，且不能是“.”或“..”。", "A path parameter is 1 to {0} visible ASCII characters, and not '.' or '..'."),
        ["parameter.invalid"] = ("参数“{0}”的值无效。", "The value of '{0}' is not valid."),
        ["request.method-not-allowed"] = ("此地址不接受该请求方法（可用的方法见 Allow 头）。", "This address does not take this method (the Allow header lists those it takes)."),
        ["request.unsupported-media-type"] = ("不支持此请求体类型：JSON 请求体须以 Content-Type: application/json 发送。", "This body type is not supported: send JSON bodies with Content-Type: application/json."),
        ["request.too-large"] = ("请求体过大（此地址最多 {0} 字节）。", "The request body is too large (at most {0} bytes here)."),
        ["request.uri-too-long"] = ("请求地址过长（最多 {0} 个字符）。", "The request address is too long (at most {0} characters)."),
        ["body.required"] = ("须提供 JSON 请求体。", "A JSON request body is required."),
        ["json.unknown-field"] = ("未知字段“{0}”：请检查拼写。", "Unknown field '{0}': check its spelling."),
    };
}
