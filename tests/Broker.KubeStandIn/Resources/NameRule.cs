namespace Broker.KubeStandIn.Resources;

/// <summary>Which of the API server's name validations a kind uses.</summary>
public enum NameRule
{
    /// <summary>RFC 1123 subdomain: lower-case alphanumerics, '-' and '.', at most 253 characters (most kinds).</summary>
    Subdomain,

    /// <summary>RFC 1123 label: lower-case alphanumerics and '-', at most 63 characters (Namespace).</summary>
    Label,

    /// <summary>RFC 1035 label: like an RFC 1123 label but starting with a letter (Service).</summary>
    Rfc1035Label,
}
