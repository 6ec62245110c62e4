using Microsoft.Extensions.Options;

namespace Broker.Silo.Orders;

/// <summary>
/// Reports every bad approval setting at start, not the first one: a policy nobody can satisfy (a level without a role,
/// an "all" level without approvers) would otherwise leave orders waiting until someone reads the escalations.
/// </summary>
public sealed class ApprovalOptionsValidator : IValidateOptions<ApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalOptions options)
    {
        var failures = new List<string>();
        if (options.EscalateAfter <= TimeSpan.Zero)
        {
            failures.Add($"{ApprovalOptions.SectionName}:EscalateAfter must be positive.");
        }

        if (options.CheckEvery <= TimeSpan.Zero)
        {
            failures.Add($"{ApprovalOptions.SectionName}:CheckEvery must be positive.");
        }

        Rule(failures, "AutoApprove", options.AutoApprove);
        foreach (var (department, rule) in options.Departments)
        {
            Rule(failures, $"Departments:{department}", rule);
        }

        for (var i = 0; i < options.Levels.Count; i++)
        {
            var level = options.Levels[i];
            var at = $"{ApprovalOptions.SectionName}:Levels:{i}";
            if (string.IsNullOrWhiteSpace(level.Role))
            {
                failures.Add($"{at}:Role is required.");
            }

            if (level.Mode is not ("any" or "all"))
            {
                failures.Add($"{at}:Mode must be 'any' or 'all' (was '{level.Mode}').");
            }
            else if (level.Mode == "all" && level.Approvers.Count == 0)
            {
                failures.Add($"{at}:Approvers must name who must all approve when Mode is 'all'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Rule(List<string> failures, string key, AutoApprovalRule rule)
    {
        if (rule.MaxTotalVcpu < 0)
        {
            failures.Add($"{ApprovalOptions.SectionName}:{key}:MaxTotalVcpu cannot be negative.");
        }
    }
}
