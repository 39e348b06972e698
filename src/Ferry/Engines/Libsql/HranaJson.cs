using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ferry.Engines.Libsql;

/// <summary>
/// Hrana 3's JSON encoding: request bodies written with <see cref="Utf8JsonWriter"/> (no reflection),
/// responses read from <see cref="JsonElement"/>s. Unknown fields are ignored, as the spec requires.
/// </summary>
internal static class HranaJson
{
    // The body goes to a server, not into HTML: Korean text and emoji need not become \uXXXX escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] PipelineBody(string? baton, IReadOnlyList<HranaRequest> requests) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("baton", baton);
        json.WriteStartArray("requests");
        foreach (var request in requests) WriteRequest(json, request);
        json.WriteEndArray();
        json.WriteEndObject();
    });

    public static byte[] CursorBody(string? baton, HranaBatch batch) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("baton", baton);
        json.WritePropertyName("batch");
        WriteBatch(json, batch);
        json.WriteEndObject();
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions)) body(json);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRequest(Utf8JsonWriter json, HranaRequest request)
    {
        json.WriteStartObject();
        switch (request)
        {
            case HranaRequest.Execute e:
                json.WriteString("type", "execute");
                json.WritePropertyName("stmt");
                WriteStatement(json, e.Statement);
                break;
            case HranaRequest.Batch b:
                json.WriteString("type", "batch");
                json.WritePropertyName("batch");
                WriteBatch(json, b.Value);
                break;
            case HranaRequest.Describe d:
                json.WriteString("type", "describe");
                json.WriteString("sql", d.Sql);
                break;
            case HranaRequest.GetAutocommit:
                json.WriteString("type", "get_autocommit");
                break;
            case HranaRequest.Close:
                json.WriteString("type", "close");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, "unknown Hrana request");
        }
        json.WriteEndObject();
    }

    private static void WriteStatement(Utf8JsonWriter json, HranaStatement statement)
    {
        json.WriteStartObject();
        json.WriteString("sql", statement.Sql);
        if (statement.Args is { Count: > 0 } args)
        {
            json.WriteStartArray("args");
            foreach (var arg in args) HranaValue.Write(json, arg);
            json.WriteEndArray();
        }
        json.WriteBoolean("want_rows", statement.WantRows);
        json.WriteEndObject();
    }

    private static void WriteBatch(Utf8JsonWriter json, HranaBatch batch)
    {
        json.WriteStartObject();
        json.WriteStartArray("steps");
        foreach (var step in batch.Steps)
        {
            json.WriteStartObject();
            if (step.Condition is not null)
            {
                json.WritePropertyName("condition");
                WriteCondition(json, step.Condition);
            }
            json.WritePropertyName("stmt");
            WriteStatement(json, step.Statement);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter json, HranaCondition condition)
    {
        json.WriteStartObject();
        switch (condition)
        {
            case HranaCondition.Ok ok:
                json.WriteString("type", "ok");
                json.WriteNumber("step", ok.Step);
                break;
            case HranaCondition.Error error:
                json.WriteString("type", "error");
                json.WriteNumber("step", error.Step);
                break;
            case HranaCondition.Not not:
                json.WriteString("type", "not");
                json.WritePropertyName("cond");
                WriteCondition(json, not.Condition);
                break;
            case HranaCondition.And and:
                json.WriteString("type", "and");
                WriteConditions(json, and.Conditions);
                break;
            case HranaCondition.Or or:
                json.WriteString("type", "or");
                WriteConditions(json, or.Conditions);
                break;
            case HranaCondition.IsAutocommit:
                json.WriteString("type", "is_autocommit");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown Hrana condition");
        }
        json.WriteEndObject();
    }

    private static void WriteConditions(Utf8JsonWriter json, IReadOnlyList<HranaCondition> conditions)
    {
        json.WriteStartArray("conds");
        foreach (var c in conditions) WriteCondition(json, c);
        json.WriteEndArray();
    }

    // ---- responses ----

    /// <summary>A <c>StreamResult</c> of a pipeline: <c>{"type":"ok","response":...}</c> or <c>{"type":"error","error":...}</c>.</summary>
    public static HranaStreamResult ReadStreamResult(JsonElement result)
    {
        if (String(result, "type") == "error") return new HranaStreamResult(null, ReadError(result.GetProperty("error")));
        var response = result.GetProperty("response");
        object? value = String(response, "type") switch
        {
            "execute" => ReadStatementResult(response.GetProperty("result")),
            "batch" => ReadBatchResult(response.GetProperty("result")),
            "describe" => ReadDescribeResult(response.GetProperty("result")),
            "get_autocommit" => response.GetProperty("is_autocommit").GetBoolean(),
            _ => null,
        };
        return new HranaStreamResult(value, null);
    }

    public static HranaError ReadError(JsonElement error) =>
        new(String(error, "message") ?? "unknown error", String(error, "code"));

    public static HranaStatementResult ReadStatementResult(JsonElement result)
    {
        var rows = new List<object?[]>();
        foreach (var row in result.GetProperty("rows").EnumerateArray()) rows.Add(ReadRow(row));
        return new HranaStatementResult(ReadColumns(result.GetProperty("cols")), rows,
            result.TryGetProperty("affected_row_count", out var affected) && affected.ValueKind == JsonValueKind.Number ? affected.GetInt64() : 0,
            ReadRowId(result));
    }

    public static object?[] ReadRow(JsonElement row)
    {
        var values = new object?[row.GetArrayLength()];
        var i = 0;
        foreach (var value in row.EnumerateArray()) values[i++] = HranaValue.Decode(value);
        return values;
    }

    public static IReadOnlyList<HranaColumn> ReadColumns(JsonElement columns) =>
        columns.EnumerateArray().Select(c => new HranaColumn(String(c, "name"), String(c, "decltype"))).ToList();

    /// <summary><c>last_insert_rowid</c>: a string in JSON, like every 64-bit integer.</summary>
    public static long? ReadRowId(JsonElement result) =>
        result.TryGetProperty("last_insert_rowid", out var id) ? id.ValueKind switch
        {
            JsonValueKind.String => long.Parse(id.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            JsonValueKind.Number => id.GetInt64(),
            _ => null,
        } : null;

    private static HranaBatchResult ReadBatchResult(JsonElement result) => new(
        result.GetProperty("step_results").EnumerateArray()
            .Select(r => r.ValueKind == JsonValueKind.Null ? null : ReadStatementResult(r)).ToList(),
        result.GetProperty("step_errors").EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Null ? null : ReadError(e)).ToList());

    private static HranaDescribeResult ReadDescribeResult(JsonElement result) => new(
        result.GetProperty("is_readonly").GetBoolean(),
        result.TryGetProperty("is_explain", out var explain) && explain.ValueKind == JsonValueKind.True,
        result.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Array ? parameters.GetArrayLength() : 0);

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
