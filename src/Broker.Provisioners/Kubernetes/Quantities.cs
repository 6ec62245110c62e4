using System.Globalization;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// Kubernetes quantities in the canonical form the API server answers with, so that comparing what was applied with
/// what is read back never sees drift in <c>2000m</c> against <c>2</c>.
/// </summary>
internal static class Quantities
{
    private static readonly string[] BinarySuffixes = ["Mi", "Gi", "Ti", "Pi"];

    public static string Millicores(long millicores) => millicores % 1000 == 0
        ? (millicores / 1000).ToString(CultureInfo.InvariantCulture)
        : $"{millicores.ToString(CultureInfo.InvariantCulture)}m";

    public static string Mebibytes(long mebibytes)
    {
        if (mebibytes == 0)
        {
            return "0";
        }

        var suffix = 0;
        while (suffix < BinarySuffixes.Length - 1 && mebibytes % 1024 == 0)
        {
            mebibytes /= 1024;
            suffix++;
        }

        return $"{mebibytes.ToString(CultureInfo.InvariantCulture)}{BinarySuffixes[suffix]}";
    }
}
