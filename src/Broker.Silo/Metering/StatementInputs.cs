namespace Broker.Silo.Metering;

/// <summary>
/// What an open month's statements were computed from, as far as the database can say cheaply: the counter that every
/// write to a table a statement reads bumps (<c>broker.statement_inputs</c>), and for all departments at once a hash of
/// the department codes (a new department gets an empty statement).
/// </summary>
public readonly record struct StatementInputs(long Version, string? Departments);
