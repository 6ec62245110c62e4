namespace Broker.Silo.Metering;

/// <summary>One row of an external usage file, after parsing; <see cref="Line"/> is where finance finds it in the file.</summary>
public sealed record ImportedRecord(int Line, string Department, string SystemId, string Meter, decimal Quantity, string Unit, BillingMonth Period, string SourceId);

/// <summary>Why a row was refused: the line, the field and a stable code (texts in the API's messages).</summary>
public sealed record ImportError(int Line, string Field, string Code, string? Value = null);
