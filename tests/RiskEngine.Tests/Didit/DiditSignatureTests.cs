using System.Text;
using RiskEngine.Didit;

namespace RiskEngine.Tests.Didit;

/// <summary>
/// Vectors computed with Didit's reference algorithm in Python:
/// <c>json.dumps(whole_floats_to_int(json.loads(body)), sort_keys=True, ensure_ascii=False, separators=(",", ":"))</c>,
/// then HMAC-SHA256 with the secret below. Any deviation in ordering, escaping or number form changes them.
/// </summary>
public sealed class DiditSignatureTests
{
    private const string Secret = "whsec_test_5f2b9c";

    public static TheoryData<string, string, string, string, string> Vectors => new()
    {
        { "nested_and_floats", "{\"status\":\"Approved\",\"session_id\":\"11111111-2222-3333-4444-555555555555\",\"timestamp\":1795870800,\"decision\":{\"liveness_checks\":[{\"score\":96.0,\"method\":\"PASSIVE\"}],\"face_matches\":[{\"score\":91.50}]},\"metadata\":{\"reason\":\"high_value_txn\",\"amount\":2500.00,\"decision_id\":\"d-1\"}}", "{\"decision\":{\"face_matches\":[{\"score\":91.5}],\"liveness_checks\":[{\"method\":\"PASSIVE\",\"score\":96}]},\"metadata\":{\"amount\":2500,\"decision_id\":\"d-1\",\"reason\":\"high_value_txn\"},\"session_id\":\"11111111-2222-3333-4444-555555555555\",\"status\":\"Approved\",\"timestamp\":1795870800}", "f354436061bf5da7fdc650cc21f164afd5c2c9ae06dc900119f4233ee0d4648a", "043ca729521920562fc75af3ca04052db3d41c77351f857d4105088dbfbf01a7" },
        { "unicode_ascii_escaped", "{\"vendor_data\":\"Zo\\u00eb M\\u00fcller \\u2013 \\u6771\\u4eac \\ud83d\\ude00\",\"note\":\"line\\nbreak \\\"quoted\\\" back\\\\slash tab\\t\",\"ctrl\":\"\\u0001\\u001f\",\"slash\":\"a/b\"}", "{\"ctrl\":\"\\u0001\\u001f\",\"note\":\"line\\nbreak \\\"quoted\\\" back\\\\slash tab\\t\",\"slash\":\"a/b\",\"vendor_data\":\"Zo\u00eb M\u00fcller \u2013 \u6771\u4eac \ud83d\ude00\"}", "110cc58cd5987526caf60329388869e8b3842ca2858c643cea0820e859913b00", "a4eefa19ce96842366cc771de2824dd92430e6e25de18f34f1227430695c8764" },
        { "pretty_unsorted", "{\n  \"z\": [ {\"b\": true, \"a\": null}, [3, 2, 1] ],\n  \"a\": { \"y\": false, \"x\": \"X\" },\n  \"m\": []\n}", "{\"a\":{\"x\":\"X\",\"y\":false},\"m\":[],\"z\":[{\"a\":null,\"b\":true},[3,2,1]]}", "52a2a82b21cc407ededcf076c6df3b337e21390fbf1fc6a56bd1d919625114c5", "113fe44e79cc731e60841c61ef1628be5f1b1a84ed4d2101d0fcf8922c59b807" },
        { "numbers", "{\"tiny\":1e-7,\"huge\":1.5e300,\"tenth\":0.1,\"negzero\":-0.0,\"big\":1e16,\"exact\":12345678901234567890,\"pi\":3.14159,\"quarter\":100.25,\"neg\":-2.50,\"small\":0.0001,\"smaller\":0.00001,\"int\":-42}", "{\"big\":10000000000000000,\"exact\":12345678901234567890,\"huge\":1500000000000000078757140382806630373056702871662238732373781173267703686983362293679557062620671796065556665749325817265413784853040645863467188277180060474272580801389863705606745350692182135089053429852456199917621678558451461320111979114170213741868888183230085264257173504208294580298189100810240,\"int\":-42,\"neg\":-2.5,\"negzero\":0,\"pi\":3.14159,\"quarter\":100.25,\"small\":0.0001,\"smaller\":1e-05,\"tenth\":0.1,\"tiny\":1e-07}", "c664ba0e5ed3b9a5fc9c814838ac54b2198c71f946cbf58ae7bf3ce57d7d2f4e", "f7928ff6769fb726a7dc35bd923baeeacd9381bac3e5c1f2b7dcbe9c0b40147c" },
        { "key_order_code_points", "{\"\\uffff\":1,\"\\ud83d\\ude00\":2,\"a\":3,\"B\":4,\"\\u00e9\":5}", "{\"B\":4,\"a\":3,\"\u00e9\":5,\"\uffff\":1,\"\ud83d\ude00\":2}", "6720e642b068538fb2a255d5faca7c1338d6426c071867438e632ad6bc77e362", "471241985693cb150502befd6582cbf81a1e367bd515defe078878c3f7346575" },
    };

    [Theory, MemberData(nameof(Vectors))]
    public void Canonical_form_and_signatures_match_the_reference(string _, string body, string canonical, string v2, string raw)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Assert.Equal(canonical, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(bytes)));
        Assert.Equal(v2, DiditSignature.SignV2(bytes, Secret));
        Assert.True(DiditSignature.Matches(Encoding.UTF8.GetBytes(canonical), v2, [Secret]));
        Assert.Equal(raw, DiditSignature.SignRaw(bytes, Secret));
    }

    [Fact]
    public void The_same_event_pretty_printed_or_reordered_has_the_same_v2_signature()
    {
        var compact = """{"b":1,"a":{"d":2.50,"c":"é"}}""";
        var pretty = "{\n  \"a\": { \"c\": \"\\u00e9\", \"d\": 2.5 },\n  \"b\": 1.0\n}";

        Assert.Equal(DiditSignature.SignV2(Encoding.UTF8.GetBytes(compact), Secret), DiditSignature.SignV2(Encoding.UTF8.GetBytes(pretty), Secret));
    }

    [Fact]
    public void A_signature_matches_under_the_previous_secret_during_rotation()
    {
        var message = "{}"u8.ToArray();
        var signature = DiditSignature.SignRaw(message, "old-secret");

        Assert.True(DiditSignature.Matches(message, signature, ["new-secret", "old-secret"]));
        Assert.False(DiditSignature.Matches(message, signature, ["new-secret"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("f354436061bf5da7fdc650cc21f164afd5c2c9ae06dc900119f4233ee0d4648")]
    public void A_missing_or_malformed_signature_never_matches(string? signature)
    {
        Assert.False(DiditSignature.Matches("{}"u8, signature, [Secret]));
    }

    [Fact]
    public void A_body_that_is_not_json_cannot_be_canonicalized()
    {
        Assert.ThrowsAny<JsonException>(() => CanonicalJson.Canonicalize("{\"a\":"u8.ToArray()));
    }
}
