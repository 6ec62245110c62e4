using System.Text.RegularExpressions;
using Broker.Contracts.Common;
using Broker.Contracts.Tenancy;

namespace Broker.Api.Tenancy;

/// <summary>Field checks for department requests; each error names its JSON field.</summary>
public static partial class DepartmentValidation
{
    public static bool IsCode(string? code) => code is not null && Code().IsMatch(code);

    public static List<(string Field, string Code, object?[] Args)> Profile(
        string? nameZh, string? nameEn, string? parentCode, string? budgetCode, List<ContactRequest>? contacts, string? status, out DepartmentProfile? profile)
    {
        var errors = new List<(string, string, object?[])>();
        Text(errors, "nameZh", nameZh, FieldLimits.Name, required: true);
        Text(errors, "nameEn", nameEn, FieldLimits.Name, required: true);
        Text(errors, "budgetCode", budgetCode, FieldLimits.Label, required: false);
        if (parentCode is not null && !IsCode(parentCode))
        {
            errors.Add(("parentCode", "code.invalid", []));
        }

        DepartmentStatus parsed = DepartmentStatus.Active;
        if (status is not null && !TryStatus(status, out parsed))
        {
            errors.Add(("status", "status.invalid", []));
        }

        var list = new List<Contact>();
        if (contacts?.Count > FieldLimits.Contacts)
        {
            errors.Add(("contacts", "field.too-many", [FieldLimits.Contacts]));
            contacts = [];
        }

        for (var i = 0; i < (contacts?.Count ?? 0); i++)
        {
            var c = contacts![i];
            if (c is null)
            {
                errors.Add(($"contacts[{i}]", "field.required", []));
                continue;
            }

            Text(errors, $"contacts[{i}].name", c.Name, FieldLimits.Name, required: true);
            Text(errors, $"contacts[{i}].email", c.Email, FieldLimits.Email, required: false);
            Text(errors, $"contacts[{i}].phone", c.Phone, FieldLimits.Label, required: false);
            Text(errors, $"contacts[{i}].role", c.Role, FieldLimits.Label, required: false);
            list.Add(new Contact(c.Name?.Trim() ?? "", c.Email, c.Phone, c.Role));
        }

        profile = errors.Count == 0
            ? new DepartmentProfile(nameZh!.Trim(), nameEn!.Trim(), parentCode, budgetCode, list, parsed)
            : null;
        return errors;
    }

    public static bool TryStatus(string value, out DepartmentStatus status)
    {
        (var ok, status) = value switch
        {
            "active" => (true, DepartmentStatus.Active),
            "suspended" => (true, DepartmentStatus.Suspended),
            _ => (false, DepartmentStatus.Active),
        };
        return ok;
    }

    private static void Text(List<(string, string, object?[])> errors, string field, string? value, int max, bool required)
    {
        if (TextRules.Check(field, value, max, TextShape.Line, required) is { } error)
        {
            errors.Add((field, error.Code, error.Detail is null ? [] : [error.Detail]));
        }
    }

    // DNS-label safe with room for the "dept-" namespace prefix within 63 characters.
    [GeneratedRegex("^[a-z]([a-z0-9-]{0,46}[a-z0-9])?\\z")]
    private static partial Regex Code();
}
