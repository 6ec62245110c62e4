namespace Broker.Api.Systems;

/// <summary>
/// zh-CN and en texts for the systems feature's error codes, merged into <see cref="Localization.Messages"/>. The three
/// shared-platform refusals name the platform to use instead (seed 004).
/// </summary>
public static class SystemsMessages
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal)
    {
        ["system.not-found"] = ("系统不存在。", "The system does not exist."),
        ["system.id-invalid"] = (
            "系统标识须为小写字母、数字和连字符，以字母开头、以字母或数字结尾，最多 40 个字符。",
            "A system id is lower-case letters, digits and hyphens, starts with a letter, ends with a letter or digit, at most 40 characters."),
        ["system.tier-invalid"] = (
            "运维等级须为 1（全市性系统）、2（区级系统）或 3（内部办公系统或门户网站）。",
            "The O&M tier must be 1 (city-wide system), 2 (district system) or 3 (internal office system or website)."),
        ["system.investment-invalid"] = (
            "建设总投资须大于零、最多两位小数，且不超过 1 万亿元。",
            "The build investment must be greater than zero, have at most two decimal places and not exceed 1 trillion CNY."),
        ["system.category-invalid"] = (
            "类别须为 business-application、data-service、other、public-service、internal-collaboration 或 information-publishing。",
            "The category must be business-application, data-service, other, public-service, internal-collaboration or information-publishing."),
        ["system.network-zone-invalid"] = (
            "网络须为 extranet（政务外网）、internet（互联网）或 dedicated-line（专线）。",
            "The network zone must be extranet (government extranet), internet or dedicated-line."),
        ["system.sharing-scope-invalid"] = (
            "数据共享范围须为 cross-department、department、office、none 或 standalone。",
            "The data sharing scope must be cross-department, department, office, none or standalone."),
        ["system.status-invalid"] = ("状态须为 proposed、approved 或 rejected。", "Status must be proposed, approved or rejected."),
        ["system.not-on-cloud-reason-required"] = (
            "基础设施不上政务云的系统须说明理由。",
            "A system whose infrastructure does not go onto the shared cloud must give the reason."),
        ["system.catalog-entries-required"] = (
            "跨部门或部门内共享数据的系统须列出其在政务信息资源目录中的条目。",
            "A system sharing data across departments or within its department must list its entries in the government information resource catalog."),
        ["system.catalog-entries-too-many"] = ("目录条目最多 {0} 项。", "At most {0} catalog entries."),
        ["system.shared-platform.public-service"] = (
            "面向公众的服务系统不得单独建设，请使用全市统一的政务服务平台。如确需单独建设，请在 exemptionJustification 中说明理由，由评审决定是否豁免。",
            "Public-facing service systems may not be built separately: use the shared government service platform. If this one must be, give the reason in exemptionJustification for the review to grant an exemption."),
        ["system.shared-platform.internal-collaboration"] = (
            "内部协同办公系统不得单独建设，请使用统一的协同办公系统。如确需单独建设，请在 exemptionJustification 中说明理由，由评审决定是否豁免。",
            "Internal collaboration systems may not be built separately: use the shared office system. If this one must be, give the reason in exemptionJustification for the review to grant an exemption."),
        ["system.shared-platform.information-publishing"] = (
            "信息发布系统不得单独建设，请使用政府网站集约化平台。如确需单独建设，请在 exemptionJustification 中说明理由，由评审决定是否豁免。",
            "Information publishing systems may not be built separately: use the shared website platform. If this one must be, give the reason in exemptionJustification for the review to grant an exemption."),
        ["system.approved-frozen"] = (
            "系统已获批准，登记内容不能再更改。",
            "The system is approved; its registration can no longer change."),
        ["system.already-reviewed"] = ("系统已评审（{0}），不能再作其他决定。", "The system was already reviewed ({0}); no other decision can be recorded."),
        ["system.self-review"] = ("不能评审自己登记或重新提交的系统。", "You cannot review a system you registered or re-submitted."),
        ["system.not-approved"] = ("系统尚未获批准（当前：{0}），不能申请资源。", "The system is not approved (currently {0}) and cannot order resources."),
        ["system.exemption-required"] = (
            "此类系统原则上不得单独建设，批准时须在 exemptionReason 中写明豁免理由。",
            "Systems of this category may not normally be built separately; approving one needs the exemption's reason in exemptionReason."),
        ["system.exemption-not-applicable"] = (
            "豁免只适用于批准不得单独建设的类别的系统。",
            "An exemption applies only when approving a system of a category that may not be built separately."),
        ["system.envelope-period-invalid"] = ("额度期间须为 per-year（每年）或 total（总计）。", "The envelope period must be per-year or total."),
        ["system.allocation-id-invalid"] = ("分配编号须为 1 到 200 个字符。", "An allocation id is 1 to 200 characters."),
        ["system.allocation-id-reused"] = ("该分配编号已用于不同的资源数量。", "This allocation id was already used with a different vector."),
    };
}
