using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RiskEngine.Api.Authentication;

/// <summary>
/// Knows every configured key only by its SHA-256. A presented key is hashed and compared with every
/// known hash in constant time, without stopping at a match, so timing tells nothing about any key.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    private const int MaxKeyLength = 256;
    private readonly (byte[] Hash, Tenant Tenant, ApiScopes Scopes)[] _keys;

    public ApiKeyAuthenticator(IOptions<RiskEngineOptions> options) =>
        _keys = options.Value.Tenants
            .SelectMany(t => t.Value.ApiKeys.Select(k =>
            {
                var hash = SHA256.HashData(Encoding.UTF8.GetBytes(k.Key));
                // Unnamed keys are told apart by 32 bits of their hash: enough to recognise, far too few to guess from.
                var name = string.IsNullOrWhiteSpace(k.Name) ? $"key {Convert.ToHexStringLower(hash, 0, 4)}" : k.Name;
                return (hash, new Tenant(t.Key, name), ApiScopeNames.TryParse(k.Scopes, out var scopes) ? scopes : ApiScopes.None);
            }))
            .ToArray();

    public bool TryAuthenticate(ReadOnlySpan<char> presented, [NotNullWhen(true)] out Tenant? tenant, out ApiScopes scopes)
    {
        tenant = null;
        scopes = ApiScopes.None;
        if (presented.IsEmpty || presented.Length > MaxKeyLength) return false;

        Span<byte> utf8 = stackalloc byte[MaxKeyLength * 3];
        var length = Encoding.UTF8.GetBytes(presented, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);

        var match = -1;
        for (var i = 0; i < _keys.Length; i++)
            match = CryptographicOperations.FixedTimeEquals(hash, _keys[i].Hash) ? i : match;
        if (match < 0) return false;

        (_, tenant, scopes) = _keys[match];
        return true;
    }
}
