using System.Security.Cryptography;
using System.Text;

namespace Broker.Provisioners.Simulated;

/// <summary>
/// VM addresses in 10.240.0.0/12, a range kept for simulated VMs. An address is derived from the resource id (so the
/// same id gets the same address in every run) and, if another live VM already has it, the next free one is taken:
/// with a million addresses, hash collisions are rare but not so rare that a demo room would never show one.
/// </summary>
internal sealed class SimulatedAddresses
{
    private const uint Network = (10u << 24) | (240u << 16);
    private const uint Size = 1u << 20;
    private readonly HashSet<uint> inUse = [];

    public string Assign(string resourceId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(resourceId));
        var offset = BitConverter.ToUInt32(hash, 0) % Size;
        for (uint probe = 0; probe < Size; probe++)
        {
            var candidate = Network + ((offset + probe) % Size);
            // .0 and .255 in the last octet look like network and broadcast addresses to people; skip them.
            if ((candidate & 0xFF) is not (0 or 255) && inUse.Add(candidate))
            {
                return Format(candidate);
            }
        }

        throw new InvalidOperationException("The simulated VM address range is exhausted.");
    }

    public void Release(string address) => inUse.Remove(Parse(address));

    private static string Format(uint a) => $"{a >> 24}.{(a >> 16) & 0xFF}.{(a >> 8) & 0xFF}.{a & 0xFF}";

    private static uint Parse(string address) =>
        address.Split('.').Select(uint.Parse).Aggregate(0u, (acc, octet) => (acc << 8) | octet);
}
