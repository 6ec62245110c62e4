using DotNet.Testcontainers.Containers;

namespace Broker.Drills.Tests.Harness;

/// <summary>One broker container: a silo or the API, at a fixed address on the drill's network.</summary>
public sealed class BrokerNode(string name, string role, string address, IContainer container)
{
    public string Name { get; } = name;

    /// <summary><c>silo</c> or <c>api</c>.</summary>
    public string Role { get; } = role;

    public string Address { get; } = address;

    public IContainer Container { get; } = container;

    public string Id => Container.Id;

    public override string ToString() => $"{Name} ({Role}, {Address})";
}
