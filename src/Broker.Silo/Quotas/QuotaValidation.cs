using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Quotas;

/// <summary>Checks vectors and TTLs against the configured dimensions; the API and the grain share it.</summary>
public sealed class QuotaValidation(IOptions<QuotaOptions> options)
{
    private readonly HashSet<string> _dimensions = options.Value.Dimensions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Dimensions => _dimensions;

    /// <summary>
    /// Errors in <paramref name="vector"/>, each naming its field (<c>vector.vcpu</c>). Limits may be zero; a request must
    /// be positive in every dimension it names and name at least one.
    /// </summary>
    public IReadOnlyList<BrokerError> Vector(string field, IReadOnlyDictionary<string, long>? vector, bool isLimit)
    {
        if (vector is null || (!isLimit && vector.Count == 0))
        {
            return [new BrokerError(BrokerErrorKind.Invalid, "vector.empty", field)];
        }

        var errors = new List<BrokerError>();
        foreach (var (dimension, amount) in vector)
        {
            var name = $"{field}.{dimension}";
            if (!_dimensions.Contains(dimension))
            {
                errors.Add(new BrokerError(BrokerErrorKind.Invalid, "vector.unknown-dimension", name, dimension));
            }
            else if (amount < 0 || (!isLimit && amount == 0))
            {
                errors.Add(new BrokerError(BrokerErrorKind.Invalid, isLimit ? "vector.negative" : "vector.not-positive", name));
            }
            else if (amount > options.Value.MaxAmount)
            {
                errors.Add(new BrokerError(BrokerErrorKind.Invalid, "vector.too-large", name, options.Value.MaxAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return errors;
    }

    public IReadOnlyList<BrokerError> Vector(string field, QuotaVector? vector, bool isLimit) => Vector(field, vector?.Amounts, isLimit);

    public BrokerError? Ttl(string field, TimeSpan ttl) =>
        ttl <= TimeSpan.Zero || ttl > options.Value.MaxReservationTtl
            ? new BrokerError(BrokerErrorKind.Invalid, "reservation.ttl-out-of-range", field, options.Value.MaxReservationTtl.ToString())
            : null;
}
