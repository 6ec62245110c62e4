namespace Broker.Api.Catalog;

/// <summary>The catalog's user-facing texts in zh-CN and en, keyed by error code; merged into <c>Messages</c>.</summary>
public static class CatalogMessages
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal)
    {
        ["plan.not-found"] = ("套餐不存在。", "The plan does not exist."),
        ["plan.version-not-found"] = ("套餐没有此版本。", "The plan has no such version."),
        ["plan.exists"] = ("该代码的套餐已存在，且内容不同。", "A plan with this code already exists with different content."),
        ["plan.retired"] = ("套餐已退役，不能再修改。", "The plan is retired and cannot be changed."),
        ["plan.code-invalid"] = ("套餐代码须为小写字母、数字和连字符，以字母开头，最多 48 个字符。", "A plan code is lower-case letters, digits and hyphens, starts with a letter, at most 48 characters."),
        ["plan.kind-invalid"] = ("类型须为 vm 或 database。", "Kind must be 'vm' or 'database'."),
        ["plan.kind-immutable"] = ("套餐类型不能更改（当前为 {0}）。", "A plan's kind cannot change (it is '{0}')."),
        ["plan.status-invalid"] = ("状态须为 active、deprecated 或 retired。", "Status must be 'active', 'deprecated' or 'retired'."),
        ["plan.spec-unexpected"] = ("此类型的套餐不接受这一规格。", "This kind of plan does not take this specification."),
        ["plan.sla-tiers-empty"] = ("至少须允许一个服务等级。", "Allow at least one SLA tier."),
        ["plan.sla-tier-duplicate"] = ("服务等级“{0}”重复。", "SLA tier '{0}' is listed twice."),
        ["plan.images-empty"] = ("至少须提供一个镜像。", "Give at least one image."),
        ["plan.image-invalid"] = ("镜像名须为小写字母、数字、点、下划线和连字符，最多 64 个字符。", "An image name is lower-case letters, digits, dots, underscores and hyphens, at most 64 characters."),
        ["plan.image-duplicate"] = ("镜像“{0}”重复。", "Image '{0}' is listed twice."),
        ["plan.engine-unsupported"] = ("不支持数据库引擎“{0}”（目前仅支持 postgresql）。", "Database engine '{0}' is not supported (only 'postgresql' for now)."),
        ["plan.engine-version-invalid"] = ("引擎版本须为主版本号或主版本号.次版本号，如 16 或 16.4。", "An engine version is major or major.minor, such as 16 or 16.4."),
        ["plan.instances-invalid"] = ("实例数须为 1（单实例）或 3（高可用）。", "Instances must be 1 (single) or 3 (high availability)."),
        ["plan.per-unit-mismatch"] = ("单位配额与规格不符，应为 {0}。", "The per-unit quota does not match the specification; it must be {0}."),
        ["catalog.out-of-range"] = ("取值须在 {0} 之间。", "The value must be within {0}."),
        ["sla-tier.not-found"] = ("服务等级不存在。", "The SLA tier does not exist."),
        ["sla-tier.unknown"] = ("未知的服务等级“{0}”。", "Unknown SLA tier '{0}'."),
        ["sla-tier.availability-invalid"] = ("可用性目标须大于 0 且小于 100，最多 3 位小数。", "The availability target must be above 0 and below 100, with at most 3 decimals."),
        ["sla-tier.service-hours-invalid"] = ("服务时间须为 5x8 或 7x24。", "Service hours must be '5x8' or '7x24'."),
        ["sla-tier.multiplier-invalid"] = ("价格系数须大于 0 且不超过 100，最多 4 位小数。", "The price multiplier must be above 0 and at most 100, with at most 4 decimals."),
    };
}
