namespace Broker.Api.Demo;

public sealed class DemoOptions
{
    public const string SectionName = "Broker:Demo";

    /// <summary>Create the demo departments at start when they are missing (<c>./run.sh</c> turns this on).</summary>
    public bool Seed { get; set; }
}
