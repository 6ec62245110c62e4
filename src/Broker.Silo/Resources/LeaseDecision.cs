namespace Broker.Silo.Resources;

/// <summary>What <see cref="LeasePolicy"/> decided: whether to record the warning now, then what to do to the resource.</summary>
public sealed record LeaseDecision(bool Warn, LeaseStep Step)
{
    public static readonly LeaseDecision Nothing = new(false, LeaseStep.None);
}
