using System.Globalization;

namespace Broker.Api.Localization;

/// <summary>
/// User-facing texts in zh-CN and en, keyed by the stable error code that clients match on. The culture comes from
/// Accept-Language through request localization; Chinese is the default because the users are city departments.
/// </summary>
public static class Messages
{
    private static readonly Dictionary<string, (string Zh, string En)> Texts = Merge(Core(), Catalog.CatalogMessages.All, Orders.OrderMessages.All, Systems.SystemsMessages.All, Finance.FinanceMessages.All, Metering.MeteringMessages.All, Capacity.CapacityMessages.All, Http.HttpMessages.All, Sla.MeasurementMessages.All, Sla.SlaMessages.All);

    /// <summary>Feature folders keep their own texts; this is the one place they are joined, so a duplicate code fails fast.</summary>
    private static Dictionary<string, (string Zh, string En)> Merge(params IReadOnlyDictionary<string, (string Zh, string En)>[] sources)
    {
        var all = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal);
        foreach (var (code, text) in sources.SelectMany(s => s))
        {
            all.Add(code, text);
        }

        return all;
    }

    private static Dictionary<string, (string Zh, string En)> Core() => new(StringComparer.Ordinal)
    {
        ["request.invalid"] = ("请求内容有误。", "The request is not valid."),
        ["json.malformed"] = ("请求体不是有效的 JSON，或字段类型不符：{0}。", "The request body is not valid JSON or a field has the wrong type: {0}."),
        ["field.required"] = ("必须填写此字段。", "This field is required."),
        ["field.too-long"] = ("此字段过长（最多 {0} 个字符）。", "This field is too long (at most {0} characters)."),
        ["field.invalid-character"] = (
            "此字段含有不允许的字符 {0}（控制字符、不可见字符或改变文字方向的字符）。",
            "This field holds {0}, a character it does not accept (a control, invisible or direction-changing character)."),
        ["field.too-many"] = ("条目过多（最多 {0} 项）。", "Too many entries (at most {0})."),
        ["code.invalid"] = ("部门代码须为小写字母、数字和连字符，以字母开头，最多 48 个字符。", "A department code is lower-case letters, digits and hyphens, starts with a letter, at most 48 characters."),
        ["status.invalid"] = ("状态须为 active 或 suspended。", "Status must be 'active' or 'suspended'."),
        ["page.invalid"] = ("分页参数超出范围（1 到 {0}）。", "Paging is out of range (1 to {0})."),
        ["time.invalid"] = ("时间须为 ISO 8601 格式并带时区。", "Times must be ISO 8601 with an offset."),
        ["vector.empty"] = ("至少须给出一个维度。", "Give at least one dimension."),
        ["vector.unknown-dimension"] = ("未知的配额维度“{0}”。", "Unknown quota dimension '{0}'."),
        ["vector.negative"] = ("配额不能为负数。", "A quota cannot be negative."),
        ["vector.not-positive"] = ("申请数量须大于零。", "A requested amount must be greater than zero."),
        ["vector.too-large"] = ("数量超过上限 {0}。", "The amount exceeds the maximum of {0}."),
        ["reservation.ttl-out-of-range"] = ("预留时长须大于零且不超过 {0}。", "A reservation's time to live must be positive and at most {0}."),
        ["reservation.id-invalid"] = ("预留编号须为 1 到 200 个可见 ASCII 字符。", "A reservation id is 1 to 200 visible ASCII characters."),
        ["department.not-found"] = ("部门不存在。", "The department does not exist."),
        ["department.exists"] = ("该代码的部门已存在，且内容不同。", "A department with this code already exists with different content."),
        ["department.in-use"] = ("部门仍有 {0} 项预留或在用资源，不能删除。", "The department still holds {0} reservations or resources and cannot be deleted."),
        ["department.suspended"] = ("部门已停用，不能申请新资源。", "The department is suspended; nothing new can be reserved."),
        ["parent.not-found"] = ("上级部门不存在。", "The parent department does not exist."),
        ["parent.self"] = ("部门不能是自己的上级。", "A department cannot be its own parent."),
        ["reservation.not-found"] = ("预留不存在。", "The reservation does not exist."),
        ["reservation.id-reused"] = ("该预留编号已用于不同的申请。", "This reservation id was already used for a different request."),
        ["reservation.not-held"] = ("预留当前状态为 {0}，不能提交。", "The reservation is {0} and cannot be committed."),
        ["quota.exceeded"] = ("配额不足：{0}。", "Quota exceeded: {0}."),
        ["idempotency.key-invalid"] = ("Idempotency-Key 须为 1 到 200 个可见 ASCII 字符。", "Idempotency-Key must be 1 to 200 visible ASCII characters."),
        ["idempotency.key-reused"] = ("该 Idempotency-Key 已用于内容不同的请求。", "This Idempotency-Key was already used with a different request."),
        ["not-found"] = ("未找到。", "Not found."),
        ["conflict"] = ("请求与当前状态冲突。", "The request conflicts with the current state."),
        ["forbidden"] = ("您的角色无权执行此操作。", "Your role does not allow this."),
        ["audit.out-of-scope"] = ("您的角色只能查阅以下对象类型的审计记录（请在 objectType 中指定）：{0}。", "Your role reads only the audit entries of these object types (name one in objectType): {0}."),
        ["unavailable"] = ("服务暂时不可用，请稍后重试。", "The service is briefly unavailable; try again."),
        ["too-many-requests"] = ("请求过于频繁。", "Too many requests."),
        ["rate-limited"] = ("请求过于频繁，已超出限额，请在 {0} 秒后重试。", "Too many requests: the rate limit is reached; try again in {0} s."),
    };

    public static readonly CultureInfo[] Supported = [new("zh-CN"), new("en")];

    public static string Get(string code, params object?[] args)
    {
        var (zh, en) = Texts.TryGetValue(code, out var text) ? text : (code, code);
        var template = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? zh : en;
        return args.Length == 0 ? template : string.Format(CultureInfo.CurrentCulture, template, args);
    }

    public static bool Has(string code) => Texts.ContainsKey(code);
}
