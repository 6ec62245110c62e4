namespace Broker.Api.Capacity;

/// <summary>Texts for capacity answers, in zh-CN and en.</summary>
public static class CapacityMessages
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal)
    {
        ["capacity.exhausted"] = ("机房资源池容量不足，配额虽够也无法满足该申请（最接近的资源池 {1} 缺少：{0}）。请稍后再试或联系平台团队。",
            "The machine room's pools are full: the order fits your quota but no pool can take it (closest pool {1} is short of: {0}). Try later or contact the platform team."),
        ["capacity.too-large"] = ("该申请超过任何资源池的总容量（最接近的资源池 {1} 缺少：{0}），请拆分申请或联系平台团队。",
            "The order is larger than any pool can ever hold (closest pool {1} is short of: {0}); split it or contact the platform team."),
        ["capacity.no-pool-for-zone"] = ("没有为网络区域 {0} 提供该类资源的资源池，请联系平台团队。",
            "No pool serves network zone {0} for this kind of resource; contact the platform team."),
        ["capacity.pool-full"] = ("资源所在的资源池容量不足（{0}）。", "The resource's pool has no room for this ({0})."),
        ["capacity.zone-invalid"] = ("网络区域须为 extranet、internet 或 dedicated-line。", "The network zone must be extranet, internet or dedicated-line."),
    };
}
