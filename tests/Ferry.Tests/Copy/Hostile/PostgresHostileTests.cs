using System.Text.Json;
using Ferry.Copy;
using Ferry.Ddl;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy.Hostile;

/// <summary>
/// The PostgreSQL hostile corpus copied into every engine, PostgreSQL included (another database), and
/// compared cell by cell through the canonical encoding: each value arrives exactly or is refused by name,
/// and each object a target refuses is that one object, with its reason.
/// </summary>
/// <remarks>
/// PG->PG: elsewhere.things keeps its schema (into the other engines it lands in their default one); the
/// comparison reads the table wherever the plan writes it.
/// </remarks>
public sealed class PostgresHostileTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-hostile-pg-").FullName;
    private ScratchDatabase _source = null!;

    public async Task InitializeAsync()
    {
        _source = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(_source.Target, PostgresHostileCorpus.Sql);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ADumpHandsBackEveryValueAndRestoresAsTheSameDatabase()
    {
        // PostgreSQL's rows are kept in COPY's own format: ferry verify compares them after the restore, every table.
        var (_, rows) = await Dump.DumpHarness.RestoresAsTheSameAsync(_source.Target, "postgres", _folder);
        Assert.True(rows > 60, $"only {rows} rows compared");
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("sqld")]
    [InlineData("sqlite")]
    public async Task EveryValueArrivesOrIsRefusedByName(string engine)
    {
        CopyReport report = null!;
        var compared = await HostileComparison.CopyAndCompareAsync(_source.Target, engine, _folder, r => report = r);
        // Every table's clean rows were compared, not only refusals checked.
        Assert.True(compared > 700, $"only {compared} cells compared");

        // The one object a target refuses: MySQL's utf8mb4_bin pads with spaces, so 'trailing ' and 'trailing'
        // (two names to PostgreSQL) are one key there. 'Bob', 'bob' and 'BOB' stay three.
        var refusedObjects = report.Steps.Where(s => s.Status != StepStatus.Done).Select(s => (s.Step.Object, s.Status)).ToList();
        if (engine == "mysql")
        {
            Assert.Equal([("unique key (name)", StepStatus.Failed)], refusedObjects);
            Assert.Contains("Duplicate entry 'trailing '", report.Steps.Single(s => s.Status == StepStatus.Failed).Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(refusedObjects);
        }

        // What the target cannot keep of the schema is said in the plan, not left to a failed CREATE TABLE.
        // Within PostgreSQL the sequence a default names is made first, and the default kept as written.
        if (engine == "postgres")
            Assert.Equal(("sequence public.ticket_numbers", StepStatus.Done), report.Steps.Where(s => s.Step.Kind == StepKind.CreateSequence).Select(s => (s.Step.Object, s.Status)).Single());
        if (engine == "mysql")
            Assert.Contains("identities.other is an identity in the source; MySQL allows one AUTO_INCREMENT column a table (id), so it gets its values as a plain column.", report.Warnings);
        if (engine != "postgres")
        {
            // A refused row keeps its other values whole in the rejects file: to the microsecond, in ISO-8601.
            var rows = (await File.ReadAllLinesAsync(Path.Combine(_folder, $"rejects-{engine}.jsonl"))).Select(line => JsonDocument.Parse(line).RootElement)
                .Where(r => r.GetProperty("table").GetString() == "times")
                .ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("row").EnumerateArray().Select(v => v.GetString()).ToArray());
            Assert.Equal("2024-01-02 03:04:05.678901", rows["(id=93)"][1]);
            Assert.Equal("23:59:59.999999", rows["(id=94)"][4]);
            // The longest interval PostgreSQL holds without months is past TimeSpan's ticks: read as its exact text, not wrapped around.
            Assert.Equal("PT2562047788H54.775807S", rows["(id=80)"][6]);
        }
    }
}
