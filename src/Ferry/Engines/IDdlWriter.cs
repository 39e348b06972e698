using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines;

/// <summary>
/// Turns the neutral model into one engine's DDL: text in, text out, no connection, so --dry-run
/// prints exactly what a run would execute and tests compare exact strings.
/// </summary>
public interface IDdlWriter
{
    /// <summary>
    /// True where foreign keys and unique constraints must be written inside CREATE TABLE because the
    /// engine cannot add them afterwards (SQLite); elsewhere they are added after the load, which is faster.
    /// </summary>
    bool ConstraintsInCreateTable { get; }

    /// <summary>
    /// True where keys, indexes and statistics of the loaded tables are better made several at once, each on its own
    /// connection (PostgreSQL: one core per statement, and CREATE INDEX does not wait for another on the same table).
    /// </summary>
    bool BuildsSideBySide => false;

    /// <summary>The type this engine stores a chosen neutral type as (identity columns included).</summary>
    string TypeName(TypeChoice choice, bool identity);

    /// <summary>
    /// The type CREATE TABLE declares for <paramref name="column"/> in place of its chosen type's, where the engine
    /// makes it (MySQL: a text key column bounded so it can be indexed, a column unbounded so the row fits), else null.
    /// What verify expects of a column a copy created comes from here and <see cref="TypeName"/>, as the copy's does.
    /// </summary>
    string? DeclaredInstead(Table table, Column column) => null;

    /// <summary>
    /// An expression default (the current time, a random id) by its meaning in this dialect, or null with
    /// the reason it cannot be written. Constants are values: converted as the column's rows are, written by <see cref="Literal"/>.
    /// </summary>
    (string? Sql, string? Problem) Default(DefaultValue value, TypeChoice column);

    /// <summary>A value, as the column's converter made it for a row, as a literal of this dialect for that column.</summary>
    string Literal(object? value, TypeChoice column);

    /// <summary>CREATE TABLE with columns and primary key; checks, foreign keys and uniques only where they cannot be added later.</summary>
    string CreateTable(Table table);

    /// <summary>The primary key added after the load, or null where CREATE TABLE carries it.</summary>
    string? AddPrimaryKey(Table table);

    string CreateIndex(Table table, Schema.Index index);

    /// <summary>An index built without blocking the table's writers (PostgreSQL CONCURRENTLY), for a target in use; elsewhere the plain one.</summary>
    string CreateIndex(Table table, Schema.Index index, bool online) => CreateIndex(table, index);

    string AddUnique(Table table, UniqueConstraint unique);

    string AddForeignKey(Table table, ForeignKey foreignKey, bool notValid);

    /// <summary>A check added after the load, so an expression the target rejects costs the check, not the table.</summary>
    string AddCheck(Table table, CheckConstraint check);

    /// <summary>
    /// Moves the column's identity/sequence past the largest loaded key and past <paramref name="highWater"/>,
    /// the source's last handed-out key, computed by the server so the statement is known before the load;
    /// null where the column generates no key or continues by itself (a SQLite rowid).
    /// </summary>
    string? ResetIdentity(Table table, Column column, long highWater);

    /// <summary>
    /// Within one engine: sets the column's identity sequence to the state <paramref name="source"/> was in
    /// (its value, and whether that value was handed out), so it generates what the source would have next.
    /// Null where the engine has no such state to set.
    /// </summary>
    string? RestoreSequence(Table table, Column column, Sequence source) => null;

    /// <summary>Makes a schema (namespace) objects are kept in, if it is not there; null where the database is the only namespace.</summary>
    string? CreateSchema(string schema) => null;

    /// <summary>Drops a schema a copy made, with all it holds, when the copy is undone.</summary>
    string? DropSchema(string schema) => null;

    /// <summary>Makes a type the tables need before they are created (an enum, a domain); null where the engine has none or an extension makes it.</summary>
    string? CreateType(UserType type) => null;

    /// <summary>Makes a sequence no column owns, with its options, and sets it where the source's stands; null where the engine has none.</summary>
    string? CreateSequence(Sequence sequence) => null;

    /// <summary>Installs an extension the source had, if the target has not; null where the engine has none.</summary>
    string? CreateExtension(Extension extension) => null;

    /// <summary>Turns row-level security on for a table (and on for its owner too, when forced).</summary>
    string? EnableRowSecurity(Table table, bool forced) => null;

    string Analyze(Table table);

    /// <summary>Drops an existing target table for --if-exists drop, even while other copied tables reference it.</summary>
    string DropTable(Table table);

    /// <summary>Deletes every row of an existing target table for --if-exists truncate, even while other copied tables reference it.</summary>
    string EmptyTable(Table table);
}
