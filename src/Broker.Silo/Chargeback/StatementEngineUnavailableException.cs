namespace Broker.Silo.Chargeback;

/// <summary>No <see cref="Metering.IStatementEngine"/> is registered in this host; finance views answer 503.</summary>
public sealed class StatementEngineUnavailableException() : InvalidOperationException("No statement engine is registered in this host.");
