namespace Ferry.Engines.Libsql;

/// <summary>
/// One Hrana stream: a SQLite connection on the server, tied together across HTTP requests by a
/// baton. Batons are single-use — each response hands over the next — so requests on a stream are
/// strictly one after another, and a <c>base_url</c> in a response is where the stream's next request
/// must go. sqld closes a stream left idle for 10 seconds; Ferry keeps streams to one operation.
/// </summary>
internal sealed class HranaStream(HranaClient client) : IAsyncDisposable
{
    private string? _baton;
    private string? _baseUrl;
    private bool _used;
    private bool _closed;
    private bool _busy;

    /// <summary>Whether the server still holds this stream open (it sent a baton for it).</summary>
    public bool IsOpen => _used && !_closed;

    /// <summary>Runs requests in order on this stream, in one round trip. Each has its own result or error.</summary>
    public async Task<IReadOnlyList<HranaStreamResult>> PipelineAsync(IReadOnlyList<HranaRequest> requests, CancellationToken ct)
    {
        Enter();
        try
        {
            var (results, baton, baseUrl) = await client.PipelineAsync(_baseUrl, _baton, requests, ct).ConfigureAwait(false);
            Advance(baton, baseUrl);
            return results;
        }
        catch
        {
            // An HTTP error ends the stream on the server's side (the spec: "the stream is no longer valid").
            _closed = true;
            throw;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>
    /// Runs a batch through a cursor, whose rows arrive as the server produces them. The stream takes no
    /// other request until the cursor is disposed.
    /// </summary>
    public async Task<HranaCursor> OpenCursorAsync(HranaBatch batch, CancellationToken ct)
    {
        if (!client.SupportsCursor) return await EmulatedCursorAsync(batch, ct).ConfigureAwait(false);
        Enter();
        try
        {
            var (cursor, baton, baseUrl) = await client.CursorAsync(_baseUrl, _baton, batch, ct).ConfigureAwait(false);
            Advance(baton, baseUrl);
            return cursor;
        }
        catch
        {
            _closed = true;
            throw;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Hrana 2 has no cursor: run the batch in a pipeline and replay its result as cursor entries.</summary>
    private async Task<HranaCursor> EmulatedCursorAsync(HranaBatch batch, CancellationToken ct)
    {
        var result = (await PipelineAsync([new HranaRequest.Batch(batch)], ct).ConfigureAwait(false))[0].Get<HranaBatchResult>();
        var entries = new List<HranaCursorEntry>();
        for (var i = 0; i < batch.Steps.Count; i++)
        {
            if (result.StepErrors[i] is { } error) entries.Add(new HranaCursorEntry.StepError(i, error));
            if (result.StepResults[i] is not { } step) continue;
            entries.Add(new HranaCursorEntry.StepBegin(i, step.Columns));
            entries.AddRange(step.Rows.Select(r => new HranaCursorEntry.Row(r)));
            entries.Add(new HranaCursorEntry.StepEnd(step.AffectedRowCount, step.LastInsertRowId));
        }
        return HranaCursor.FromEntries(entries);
    }

    /// <summary>Closes the stream on the server, if it is open there; best effort, as the server will expire it anyway.</summary>
    public async ValueTask CloseAsync(CancellationToken ct)
    {
        if (!IsOpen || _busy) return;
        try
        {
            await PipelineAsync([new HranaRequest.Close()], ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HranaException or HttpRequestException or TaskCanceledException)
        {
            // Already expired, or the server went away: either way the stream is gone.
        }
        _closed = true;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(HranaClient.ConnectTimeout);
        await CloseAsync(timeout.Token).ConfigureAwait(false);
    }

    private void Enter()
    {
        if (_closed) throw new HranaException("This libSQL stream is closed.");
        // Batons are single-use: a second request before the first answers would be refused anyway.
        if (_busy) throw new InvalidOperationException("A Hrana stream takes one request at a time.");
        _busy = true;
    }

    private void Advance(string? baton, string? baseUrl)
    {
        _used = true;
        _baton = baton;
        if (baseUrl is not null) _baseUrl = baseUrl;
        // A null baton means the server has closed the stream (after a close request, or on its own).
        if (baton is null) _closed = true;
    }
}
