using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Provision;
using AapPacker.Engine.Api;
using AapPacker.Models;

namespace AapPacker.Infrastructure;

/// <summary>
/// The connection a tab completion asks, chosen as the command being typed would choose it: the <c>-Connection</c>
/// on the command line, else the session's Connect-Aap connection; for a command that connects by itself
/// (Invoke-AapPackerProvision), <c>-Uri</c>/<c>-Token</c>/<c>-AapUserName</c> on the command line or, without a
/// session connection, the AAP_HOSTNAME/AAP_TOKEN environment. That client is kept (one per runspace, replaced
/// when the settings change, closed with the runspace) so each key press does not connect again. It never
/// retries and logs nothing.
/// </summary>
internal sealed class CompletionConnection
{
    private static readonly string[] SettingPrefixes = { "AAP_", "CONTROLLER_", "TOWER_", "AWXKIT_" };
    private readonly AapClient? _session;
    private readonly ConnectionStore _store;
    private readonly AapSettingsInput? _settings;

    private CompletionConnection(ConnectionStore store, AapClient? session, AapSettingsInput? settings)
    {
        _store = store;
        _session = session;
        _settings = settings;
    }

    /// <summary>The connection to ask, or null when the command has none (then completion offers nothing).</summary>
    public static CompletionConnection? From(ConnectionStore store, IDictionary? fakeBoundParameters, bool connectsFromEnvironment)
    {
        if (Value(fakeBoundParameters, "Connection") is AapConnectionInfo named)
        {
            return store.Find(named) is AapClient client ? new CompletionConnection(store, client, null) : null;
        }

        var settings = new AapSettingsInput
        {
            Uri = AapNameCompleter.Text(fakeBoundParameters, "Uri"),
            Token = Value(fakeBoundParameters, "Token") as SecureString,
            UserName = AapNameCompleter.Text(fakeBoundParameters, "AapUserName"),
            Password = Value(fakeBoundParameters, "AapPassword") as SecureString,
            SkipCertificateCheck = Value(fakeBoundParameters, "SkipCertificateCheck") is SwitchParameter skip ? skip.IsPresent
                : Value(fakeBoundParameters, "SkipCertificateCheck") is bool flag ? flag : (bool?)null,
        };
        var given = settings.Uri != null || settings.Token != null || settings.UserName != null || settings.Password != null;
        if (!connectsFromEnvironment || !given)
        {
            var current = store.Current;
            if (current != null && store.Find(current) is AapClient client)
            {
                return new CompletionConnection(store, client, null);
            }
        }

        return connectsFromEnvironment ? new CompletionConnection(store, null, settings) : null;
    }

    /// <summary>The client: the session's, or the kept environment client (connecting it first when needed).</summary>
    public async Task<AapClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (_session != null)
        {
            return _session;
        }

        var environment = ProcessEnvironment.Read();
        var key = Key(environment);
        var kept = _store.FindCompletionClient(key);
        if (kept != null)
        {
            return kept;
        }

        // Throws (and completion offers nothing) when neither the command line nor the environment names a server.
        var client = await AapConnectionFactory.ConnectAsync(_settings!, environment, null, AapConnectionFactory.Use.Completion, cancellationToken).ConfigureAwait(false);
        return _store.KeepCompletionClient(key, client);
    }

    /// <summary>
    /// What the environment client was made from, hashed so no secret is kept in it: the command line's values (a
    /// SecureString by identity) and every AAP_, CONTROLLER_, TOWER_ and AWXKIT_ variable.
    /// </summary>
    private string Key(System.Collections.Generic.IDictionary<string, string?> environment)
    {
        var text = new StringBuilder();
        text.Append(_settings!.Uri).Append('\n').Append(_settings.UserName).Append('\n').Append(_settings.SkipCertificateCheck).Append('\n')
            .Append(_settings.Token is null ? 0 : RuntimeHelpers.GetHashCode(_settings.Token)).Append('\n')
            .Append(_settings.Password is null ? 0 : RuntimeHelpers.GetHashCode(_settings.Password)).Append('\n');
        foreach (var pair in environment.Where(p => SettingPrefixes.Any(prefix => p.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(pair.Key).Append('=').Append(pair.Value).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
#if NET5_0_OR_GREATER
        return Convert.ToBase64String(SHA256.HashData(bytes));
#else
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(bytes));
#endif
    }

    private static object? Value(IDictionary? fakeBoundParameters, string name)
    {
        var value = fakeBoundParameters is null || !fakeBoundParameters.Contains(name) ? null : fakeBoundParameters[name];
        return value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
