using System.Globalization;
using System.Text;
using Ferry.Errors;
using Microsoft.Data.Sqlite;

namespace Ferry.Samples;

/// <summary>Row counts of the sample at a scale factor: scale 1 is 1,000,000 messages, 1,101,012 rows in all.</summary>
public sealed record ChatSampleSize(int Users, int Characters, int Conversations, int Messages, int Payments, int Migrations)
{
    public static ChatSampleSize At(double scale)
    {
        if (scale <= 0 || double.IsNaN(scale)) throw new FerryException(FerryErrorKind.Usage, "The scale must be a number above 0, such as 0.01 or 1.");
        int Scaled(int n) => Math.Max(1, (int)Math.Round(n * scale));
        return new ChatSampleSize(Scaled(500), 100, Scaled(100_000), Scaled(1_000_000), Scaled(400), 12);
    }

    public long TotalRows => (long)Users + Characters + Conversations + Messages + Payments + Migrations;
}

/// <summary>
/// Builds the sample chat database: deterministic (same scale, same bytes of data), Korean text and
/// emoji in every message, and the traps real SQLite databases hold (see <see cref="ChatSampleSchema"/>).
/// The demo inspects and moves it; the benchmark generates it at scale 1 and 5.
/// </summary>
public static class ChatSample
{
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Phrases =
    [
        "안녕하세요! 오늘 하루는 어땠어요?", "춘심이가 기다리고 있었어요 💕", "그 얘기 더 해줘요, 궁금해요 🤔",
        "저녁은 맛있게 먹었어요? 🍜", "내일 날씨가 맑대요 ☀️", "힘들 땐 언제든 말해줘요 🫂", "ㅋㅋㅋ 진짜 웃기다 😂",
        "주말에 뭐 할 거예요?", "그 영화 봤어요? 🎬", "오늘도 수고 많았어요 👏", "비 오는 날엔 파전이죠 🌧️",
        "Let's keep talking in English too ✨", "새로운 캐릭터를 만들어 볼까요? 🎨", "좋은 꿈 꿔요 🌙",
    ];

    private static readonly string[] Roles = ["user", "assistant", "assistant", "user", "system"];
    private static readonly string[] Statuses = ["paid", "paid", "paid", "refunded", "pending", "failed"];

    public static async Task CreateAsync(string path, double scale, CancellationToken ct)
    {
        var size = ChatSampleSize.At(scale);
        if (File.Exists(path)) throw new FerryException(FerryErrorKind.Usage, $"{path} already exists; Ferry does not overwrite a database. Remove it or choose another path.");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;", ct).ConfigureAwait(false);
        await Execute(connection, ChatSampleSchema.Ddl, ct).ConfigureAwait(false);

        var random = new Random(20250101);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            await Insert(connection, transaction, "INSERT INTO `User` VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", size.Users, i =>
            [
                UserId(i), $"user{i}@example.kr", i % 7 == 0 ? null : $"사용자 {i}", i % 3 == 0 ? null : $"https://img.example.kr/u/{i}.png",
                i % 50 == 0 ? 1L : 0L, (long)random.Next(0, 100_000), Seconds(i * 3600L), Seconds(i * 3600L + 86400),
            ], ct).ConfigureAwait(false);
            await Insert(connection, transaction, "INSERT INTO `Character` VALUES ($1, $2, $3, $4, $5, $6)", size.Characters, i =>
            [
                CharacterId(i), i % 4 == 0 ? null : UserId(i % size.Users), $"캐릭터 {i} 🐰", Phrases[i % Phrases.Length] + " " + Phrases[(i + 3) % Phrases.Length],
                i % 5 == 0 ? 0L : 1L, Epoch.AddHours(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ], ct).ConfigureAwait(false);
            await Insert(connection, transaction, "INSERT INTO `Conversation` VALUES ($1, $2, $3, $4, $5, $6)", size.Conversations, i =>
            [
                ConversationId(i), UserId(i % size.Users), CharacterId(i % size.Characters), i % 9 == 0 ? null : $"대화 #{i}",
                Seconds(i * 60L), Seconds(i * 60L + 3600),
            ], ct).ConfigureAwait(false);
            var content = new StringBuilder();
            await Insert(connection, transaction, "INSERT INTO `Message` (`conversationId`, `role`, `content`, `tokens`, `metadata`, `createdAt`) VALUES ($1, $2, $3, $4, $5, $6)", size.Messages, i =>
            {
                content.Clear();
                // About 300 bytes: Korean is three bytes a character in UTF-8, emoji four.
                while (Encoding.UTF8.GetByteCount(content.ToString()) < 280) content.Append(Phrases[random.Next(Phrases.Length)]).Append(' ');
                return
                [
                    ConversationId(i % size.Conversations), Roles[i % Roles.Length], content.ToString().TrimEnd(),
                    i % 11 == 0 ? null : (long)random.Next(5, 900),
                    i % 4 == 0 ? null : $"{{\"model\":\"chat-{i % 3}\",\"latencyMs\":{random.Next(80, 4000)}}}",
                    Epoch.ToUnixTimeMilliseconds() + i * 1000L,
                ];
            }, ct).ConfigureAwait(false);
            await Insert(connection, transaction, "INSERT INTO `Payment` VALUES ($1, $2, $3, $4, $5, $6, $7)", size.Payments, i =>
            [
                $"pay_{i:D6}", UserId(i % size.Users), Math.Round(random.Next(100, 500_000) / 100.0, 2), i % 10 == 0 ? "USD" : "KRW",
                Statuses[i % Statuses.Length],
                i % 6 == 4 ? null : i % 2 == 0 ? Epoch.AddMinutes(i * 17).ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
                                               : Epoch.AddMinutes(i * 17).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Seconds(i * 1800L),
            ], ct).ConfigureAwait(false);
            await Insert(connection, transaction, "INSERT INTO \"_drizzle_migrations\" (hash, created_at) VALUES ($1, $2)", size.Migrations, i =>
            [
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"migration {i}"))),
                Epoch.ToUnixTimeMilliseconds() + i * 86_400_000L,
            ], ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        // Real databases have statistics; sqlite_stat1 is SQLite's own table and must never be copied as data.
        await Execute(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;", ct).ConfigureAwait(false);
    }

    private static string UserId(int i) => $"usr_{i:D6}";
    private static string CharacterId(int i) => $"chr_{i:D4}";
    private static string ConversationId(int i) => $"cnv_{i:D8}";
    private static long Seconds(long offset) => Epoch.ToUnixTimeSeconds() + offset;

    private static async Task Insert(SqliteConnection connection, SqliteTransaction transaction, string sql, int count, Func<int, object?[]> row, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var first = row(0);
        var parameters = new SqliteParameter[first.Length];
        for (var p = 0; p < parameters.Length; p++) parameters[p] = command.Parameters.Add(new SqliteParameter("$" + (p + 1).ToString(CultureInfo.InvariantCulture), null));
        command.Prepare();
        for (var i = 0; i < count; i++)
        {
            var values = i == 0 ? first : row(i);
            for (var p = 0; p < values.Length; p++) parameters[p].Value = values[p] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
