using System.Security.Cryptography;
using System.Text;

namespace Broker.Silo.Namespaces;

/// <summary>
/// When a department's periodic namespace pass first falls due. Departments onboarded or given quota together would
/// otherwise all pass in the same instant every interval (200 departments' reads at once, every five minutes); a fixed
/// offset per department, from a hash of its code, spreads them evenly over the interval and keeps each department's
/// own rhythm the same across restarts and silos.
/// </summary>
public static class ReconcileSpread
{
    /// <summary>One interval plus the department's offset within it: never sooner than one interval from now.</summary>
    public static TimeSpan FirstDue(string department, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            return interval;
        }

        var hash = BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(department)), 0);
        return interval + TimeSpan.FromTicks((long)(hash % (ulong)interval.Ticks));
    }
}
