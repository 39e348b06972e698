using Xunit;
using Ferry.Engines;
using Ferry.Engines.Libsql;
using Ferry.Errors;

namespace Ferry.Tests.Engines.Libsql;

/// <summary>sqld forgets a stream after 10 seconds without a request; the error must say so.</summary>
public class HranaStreamExpiryTests
{
    [Fact]
    public async Task AnExpiredStreamGivesAClearError()
    {
        await using var ns = await SqldNamespace.CreateAsync("ferry-expiry");
        var target = SqldNamespace.Parse(ns.Url);
        using var client = new HranaClient(target.HttpBaseUri, null, target.HostHeader);
        var stream = client.OpenStream();
        await using (stream)
        {
            await stream.PipelineAsync([new HranaRequest.Execute(new HranaStatement("SELECT 1"))], CancellationToken.None);
            Assert.True(stream.IsOpen);
            await Task.Delay(TimeSpan.FromSeconds(11.5));
            var e = await Assert.ThrowsAsync<HranaException>(() =>
                stream.PipelineAsync([new HranaRequest.Execute(new HranaStatement("SELECT 2"))], CancellationToken.None));
            Assert.Equal(HranaException.StreamExpired, e.Code);
            var described = Assert.IsType<FerryException>(LibsqlErrors.Describe(e, target));
            Assert.Contains("expired", described.Message, StringComparison.Ordinal);
            Assert.Contains("10 seconds", described.Message, StringComparison.Ordinal);
            Assert.False(stream.IsOpen);
        }
    }
}
