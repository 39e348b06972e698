namespace Ferry.Engines.Libsql;

/// <summary>
/// A read snapshot of a libSQL database: one Hrana stream holding <c>BEGIN TRANSACTION READONLY</c> across requests,
/// through which every read of the database goes, one at a time, until it is disposed. Its first read fixes the
/// moment (SQLite's read transaction starts at its first read, not at BEGIN), so it is taken at once. sqld closes a
/// stream idle for 10 seconds, and a verification's other side may keep this one waiting longer: a SELECT 1 keeps
/// it alive while nobody reads.
/// </summary>
internal sealed class LibsqlSnapshot : IAsyncDisposable
{
    private static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(3);

    private readonly HranaStream _stream;
    private readonly Action _ended;
    // Batons are single-use: the stream takes one request at a time, and one cursor for its whole life.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keepAlive;

    private LibsqlSnapshot(HranaStream stream, Action ended)
    {
        _stream = stream;
        _ended = ended;
        _keepAlive = KeepAliveAsync();
    }

    /// <param name="ended">Called once the snapshot is over, so the database reads through streams of their own again.</param>
    public static async Task<LibsqlSnapshot> BeginAsync(HranaClient client, Action ended, CancellationToken ct)
    {
        var stream = client.OpenStream();
        try
        {
            var results = await stream.PipelineAsync(
                [new HranaRequest.Execute(new HranaStatement("BEGIN TRANSACTION READONLY", WantRows: false)),
                 new HranaRequest.Execute(new HranaStatement("SELECT count(*) FROM sqlite_schema"))], ct).ConfigureAwait(false);
            foreach (var result in results) result.Get<HranaStatementResult>();
            return new LibsqlSnapshot(stream, ended);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The snapshot's stream, for one request or one cursor: the lease's disposal gives it back.</summary>
    public async Task<Lease> TakeAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct).ConfigureAwait(false);
        return new Lease(_stream, this);
    }

    private async Task KeepAliveAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(KeepAliveEvery, _stop.Token).ConfigureAwait(false);
                // A read under way keeps the stream busy, and so alive.
                if (!await _turn.WaitAsync(0).ConfigureAwait(false)) continue;
                try
                {
                    await _stream.PipelineAsync([new HranaRequest.Execute(new HranaStatement("SELECT 1"))], _stop.Token).ConfigureAwait(false);
                }
                finally
                {
                    _turn.Release();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HranaException or HttpRequestException)
        {
            // Stopped, or the stream is gone: the next read says so with its own error.
        }
    }

    /// <summary>ROLLBACK and close: nothing was written, and the server frees the connection now.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _keepAlive.ConfigureAwait(false);
        _ended();
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stream.IsOpen)
            {
                using var timeout = new CancellationTokenSource(HranaClient.ConnectTimeout);
                await _stream.PipelineAsync([new HranaRequest.Execute(new HranaStatement("ROLLBACK", WantRows: false)), new HranaRequest.Close()], timeout.Token)
                    .ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HranaException or HttpRequestException)
        {
            // Expired or gone: the server rolls back a stream it closes.
        }
        finally
        {
            _turn.Release();
            _turn.Dispose();
            _stop.Dispose();
        }
    }

    /// <summary>
    /// A stream to read through: the snapshot's, given back on disposal, or (<see cref="Own"/>) one of the read's own,
    /// closed on disposal. <see cref="InSnapshot"/> says which: a read in the snapshot is already in a transaction.
    /// </summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly LibsqlSnapshot? _snapshot;

        internal Lease(HranaStream stream, LibsqlSnapshot? snapshot)
        {
            Stream = stream;
            _snapshot = snapshot;
        }

        public static Lease Own(HranaClient client) => new(client.OpenStream(), null);

        public HranaStream Stream { get; }

        public bool InSnapshot => _snapshot is not null;

        public async ValueTask DisposeAsync()
        {
            if (_snapshot is null) await Stream.DisposeAsync().ConfigureAwait(false);
            else _snapshot._turn.Release();
        }
    }
}
