using System.Text;

namespace AapPacker.Simulator.Auth;

/// <summary>The outcome of DRF-style authentication of one request.</summary>
internal sealed record Authentication(AuthKind Kind, SimUser? User, bool ReadScope, bool BadBasicPassword)
{
    /// <summary>Why a session-authenticated unsafe request fails DRF's CSRF check (null: it passes).</summary>
    public string? CsrfFailure { get; init; }

    public bool IsAuthenticated => User is not null;

    /// <summary>May this request change things? Read-scope tokens and auditors may not.</summary>
    public bool CanWrite => User is not null && !ReadScope && !User.IsAuditor;

    /// <summary>
    /// Bearer first (an unknown token is simply "not authenticated", as OAuth2Authentication does),
    /// then Basic (a wrong password is an error: 401 "Invalid username/password.").
    /// </summary>
    public static Authentication From(string? header, IReadOnlyList<SimUser> users, IReadOnlyList<SimToken> tokens)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return new Authentication(AuthKind.None, null, false, false);
        }
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        var value = space < 0 ? string.Empty : header[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var token = tokens.FirstOrDefault(t => string.Equals(t.Token, value, StringComparison.Ordinal));
            var user = token is null ? null : users.FirstOrDefault(u => u.Id == token.UserId);
            return new Authentication(AuthKind.Bearer, user, token?.Scope == "read", false);
        }
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            }
            catch (FormatException)
            {
                return new Authentication(AuthKind.Basic, null, false, true);
            }
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? decoded : decoded[..colon];
            var password = colon < 0 ? string.Empty : decoded[(colon + 1)..];
            var user = users.FirstOrDefault(u => string.Equals(u.Username, name, StringComparison.Ordinal)
                                                 && string.Equals(u.Password, password, StringComparison.Ordinal));
            return new Authentication(AuthKind.Basic, user, false, user is null);
        }
        return new Authentication(AuthKind.Other, null, false, false);
    }
}
