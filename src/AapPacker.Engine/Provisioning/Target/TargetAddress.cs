using System;
using System.Net;
using System.Net.Sockets;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Checks whether AAP can plausibly reach an address. Packer reports its own view of the machine (packer-and-ci.md
/// §3.1 gotcha 2): <c>localhost</c> with session manager, link-local addresses on some hypervisors. AAP runs
/// elsewhere, so such addresses almost never work there.
/// </summary>
internal static class TargetAddress
{
    /// <summary>A warning text when the address looks unreachable from AAP, else null.</summary>
    public static string? ReachabilityWarning(string address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var host = address.Trim().Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return $"The target address '{address}' is this machine's loopback name; AAP's execution nodes resolve it to themselves, not to the build machine. Pass {Fields.TargetHost} with an address AAP can reach.";
        }

        if (!IPAddress.TryParse(host, out var ip))
        {
            return null;
        }

        if (IPAddress.IsLoopback(ip))
        {
            return $"The target address '{address}' is a loopback address; AAP's execution nodes cannot reach the build machine there (unless AAP runs on this machine). Pass {Fields.TargetHost} with an address AAP can reach.";
        }

        var bytes = ip.GetAddressBytes();
        var linkLocal = ip.AddressFamily == AddressFamily.InterNetwork
            ? bytes[0] == 169 && bytes[1] == 254
            : ip.IsIPv6LinkLocal;
        if (linkLocal)
        {
            return $"The target address '{address}' is link-local; it is only reachable on the build machine's own network segment, rarely from AAP. Pass {Fields.TargetHost} with an address AAP can reach.";
        }

        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            return $"The target address '{address}' is the unspecified address; AAP cannot connect to it. Pass {Fields.TargetHost} with an address AAP can reach.";
        }

        return null;
    }
}
