using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DaoPlatform.Index.Storage;

/// <summary>A block the index has processed as a cursor: number, hash and time (seconds since the epoch).</summary>
public readonly record struct IndexedBlock(ulong Number, string Hash, ulong Timestamp);

/// <summary>
/// The index's tables, in SQLite or PostgreSQL with the same SQL: <c>events</c> (one row per kept log, keyed by
/// block and log index), <c>blocks</c> (the recent cursor blocks, newest = the cursor, to detect reorgs by hash) and
/// <c>facts</c> (values read from the chain at a block, e.g. a proposal's quorum), <c>kept_kinds</c> (the event kinds
/// indexed since the start block). Every write is one transaction, so
/// the cursor and the events it covers move together; a reorg deletes everything above the block it resumes after.
/// </summary>
public sealed class IndexStore : IAsyncDisposable
{
    private const int RecentBlocks = 128;

    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS events (block_number BIGINT NOT NULL, log_index BIGINT NOT NULL, block_hash TEXT NOT NULL, block_time BIGINT NOT NULL, " +
            "tx_hash TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, actor TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (block_number, log_index))",
        "CREATE INDEX IF NOT EXISTS events_by_kind ON events (kind, subject, block_number, log_index)",
        // The lists ("the newest 50 proposals") read one kind in block order: without this index they sort every row of the kind.
        "CREATE INDEX IF NOT EXISTS events_by_kind_block ON events (kind, block_number, log_index)",
        "CREATE INDEX IF NOT EXISTS events_by_actor ON events (actor, kind)",
        "CREATE TABLE IF NOT EXISTS blocks (number BIGINT PRIMARY KEY, hash TEXT NOT NULL, block_time BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS facts (name TEXT PRIMARY KEY, value TEXT NOT NULL, block_number BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS signed (kind TEXT NOT NULL, subject TEXT NOT NULL, signer TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (kind, subject, signer))",
        // The event kinds whose every event from the start block through the cursor is in events: a kind the catalog
        // gained after the database was built is missing here until the follower has read it back (IndexFollower).
        "CREATE TABLE IF NOT EXISTS kept_kinds (kind TEXT PRIMARY KEY)",
    ];

    private readonly Func<DbConnection> _connect;
    private readonly NpgsqlDataSource? _dataSource;

    private IndexStore(Func<DbConnection> connect, NpgsqlDataSource? dataSource, string description)
    {
        _connect = connect;
        _dataSource = dataSource;
        Description = description;
    }

    /// <summary>Where the data lives, for logs ("SQLite /data/index.sqlite", "PostgreSQL host/db").</summary>
    public string Description { get; }

    /// <summary>Opens the store <paramref name="options"/> name and creates its tables when missing.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL without a connection string.</exception>
    /// <exception cref="DbException">The database refused the connection or the schema.</exception>
    public static async Task<IndexStore> OpenAsync(IndexOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        IndexStore store;
        if (options.Database == IndexDatabase.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException("Index:Database is PostgreSql but Index:ConnectionString is empty");
            }
            NpgsqlDataSource source = NpgsqlDataSource.Create(options.ConnectionString);
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            store = new IndexStore(source.CreateConnection, source, $"PostgreSQL {builder.Host}/{builder.Database}");
        }
        else
        {
            string connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.DataDirectory, "index.sqlite") }.ToString()
                : options.ConnectionString;
            string file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
            store = new IndexStore(() => new SqliteConnection(connectionString), null, $"SQLite {file}");
        }
        await using DbConnection connection = await store.ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (connection is SqliteConnection)
        {
            // Readers (the hub's pages) and the follower's writer at once.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", [], cancellationToken).ConfigureAwait(false);
        }
        foreach (string statement in Schema)
        {
            await ExecuteAsync(connection, null, statement, [], cancellationToken).ConfigureAwait(false);
        }
        return store;
    }

    /// <summary>The cursor (the newest processed block), or null before the first.</summary>
    public async Task<IndexedBlock?> CursorAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<IndexedBlock> newest = await RecentAsync(1, cancellationToken).ConfigureAwait(false);
        return newest.Count == 0 ? null : newest[0];
    }

    /// <summary>The recent cursor blocks, newest first.</summary>
    public async Task<IReadOnlyList<IndexedBlock>> RecentAsync(int limit = RecentBlocks, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand command = Command(connection, null, "SELECT number, hash, block_time FROM blocks ORDER BY number DESC LIMIT @limit", [("limit", limit)]);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var blocks = new List<IndexedBlock>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            blocks.Add(new IndexedBlock((ulong)reader.GetInt64(0), reader.GetString(1), (ulong)reader.GetInt64(2)));
        }
        return blocks;
    }

    /// <summary>Adds <paramref name="events"/> (all at or below <paramref name="cursor"/>) and moves the cursor, in one transaction.</summary>
    public async Task AppendAsync(IReadOnlyList<IndexedEvent> events, IndexedBlock cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (IndexedEvent e in events)
        {
            await InsertAsync(connection, transaction, e, "", cancellationToken).ConfigureAwait(false);
        }
        await ExecuteAsync(connection, transaction, "INSERT INTO blocks (number, hash, block_time) VALUES (@number, @hash, @time) ON CONFLICT (number) DO UPDATE SET hash = @hash, block_time = @time",
            [("number", (long)cursor.Number), ("hash", cursor.Hash), ("time", (long)cursor.Timestamp)], cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction,
            "DELETE FROM blocks WHERE number < (SELECT MIN(number) FROM (SELECT number FROM blocks ORDER BY number DESC LIMIT @keep) AS newest)",
            [("keep", RecentBlocks)], cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The event kinds whose every event from the start block through the cursor is kept.</summary>
    public async Task<IReadOnlySet<string>> KeptKindsAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand command = Command(connection, null, "SELECT kind FROM kept_kinds", []);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            kinds.Add(reader.GetString(0));
        }
        return kinds;
    }

    /// <summary>
    /// Adds <paramref name="events"/> read back below the cursor (the kinds of <see cref="KeptKindsAsync"/> lacks), skipping
    /// those already kept, and, when <paramref name="kept"/> is given, records those kinds as kept, in one transaction.
    /// </summary>
    public async Task BackfillAsync(IReadOnlyList<IndexedEvent> events, IReadOnlyList<string>? kept, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (IndexedEvent e in events)
        {
            await InsertAsync(connection, transaction, e, " ON CONFLICT (block_number, log_index) DO NOTHING", cancellationToken).ConfigureAwait(false);
        }
        foreach (string kind in kept ?? [])
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO kept_kinds (kind) VALUES (@kind) ON CONFLICT (kind) DO NOTHING", [("kind", kind)], cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets everything above block <paramref name="keepThrough"/> (a reorg replaced it), or everything when null, in one transaction.</summary>
    public async Task RewindAsync(ulong? keepThrough, CancellationToken cancellationToken = default)
    {
        long keep = keepThrough is { } k ? (long)k : -1;
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (string table in new[] { "events WHERE block_number", "blocks WHERE number", "facts WHERE block_number" })
        {
            await ExecuteAsync(connection, transaction, $"DELETE FROM {table} > @keep", [("keep", keep)], cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a value read from the chain at <paramref name="blockNumber"/> (forgotten if a reorg removes that block).</summary>
    public async Task SetFactAsync(string name, string value, ulong blockNumber, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT INTO facts (name, value, block_number) VALUES (@name, @value, @block) ON CONFLICT (name) DO UPDATE SET value = @value, block_number = @block",
            [("name", name), ("value", value), ("block", (long)blockNumber)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The facts whose names start with <paramref name="prefix"/>, by name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FactsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand command = Command(connection, null, "SELECT name, value FROM facts WHERE name LIKE @prefix", [("prefix", prefix + "%")]);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            facts[reader.GetString(0)] = reader.GetString(1);
        }
        return facts;
    }

    /// <summary>
    /// Keeps something a member signed or proposed off chain (a ballot for relaying, a vault transaction and its
    /// approvals): one row per kind, subject and signer, replaced when the same signer sends it again. Not touched by
    /// reorgs: a signature stays valid or is refused by the chain when used.
    /// </summary>
    public async Task PutSignedAsync(string kind, string subject, string signer, string payload, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            "INSERT INTO signed (kind, subject, signer, payload) VALUES (@kind, @subject, @signer, @payload) ON CONFLICT (kind, subject, signer) DO UPDATE SET payload = @payload",
            [("kind", kind), ("subject", subject), ("signer", signer), ("payload", payload)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What was kept under <paramref name="kind"/> (and <paramref name="subject"/> when given): (subject, signer, payload).</summary>
    public async Task<IReadOnlyList<(string Subject, string Signer, string Payload)>> SignedAsync(string kind, string? subject = null, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand command = subject is null
            ? Command(connection, null, "SELECT subject, signer, payload FROM signed WHERE kind = @kind ORDER BY subject, signer", [("kind", kind)])
            : Command(connection, null, "SELECT subject, signer, payload FROM signed WHERE kind = @kind AND subject = @subject ORDER BY signer", [("kind", kind), ("subject", subject)]);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(string, string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return rows;
    }

    /// <summary>
    /// The events of the given kinds, optionally about one subject or by one actor, oldest first (or newest first
    /// when <paramref name="newestFirst"/>), at most <paramref name="limit"/> after skipping <paramref name="offset"/>.
    /// </summary>
    public Task<IReadOnlyList<IndexedEvent>> EventsAsync(
        IReadOnlyList<string> kinds, string? subject = null, string? actor = null, bool newestFirst = false, int limit = 1000, int offset = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var parameters = new List<(string, object)>();
        string where = In("kind", "k", kinds, parameters);
        if (subject is not null)
        {
            where += " AND subject = @subject";
            parameters.Add(("subject", subject));
        }
        if (actor is not null)
        {
            where += " AND actor = @actor";
            parameters.Add(("actor", actor));
        }
        return SelectEventsAsync(where, parameters, newestFirst, limit, offset, cancellationToken);
    }

    /// <summary>
    /// The events of the given kinds about any of <paramref name="subjects"/> (a list page's items), oldest first, in
    /// one query: the list views group them by subject instead of asking once per item.
    /// </summary>
    public Task<IReadOnlyList<IndexedEvent>> EventsAboutAsync(IReadOnlyList<string> kinds, IReadOnlyList<string> subjects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(subjects);
        if (subjects.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<IndexedEvent>>([]);
        }
        var parameters = new List<(string, object)>();
        string where = In("kind", "k", kinds, parameters) + " AND " + In("subject", "s", subjects, parameters);
        return SelectEventsAsync(where, parameters, newestFirst: false, int.MaxValue, 0, cancellationToken);
    }

    /// <summary>The number of events of the given kinds.</summary>
    public async Task<long> CountAsync(IReadOnlyList<string> kinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var parameters = new List<(string, object)>();
        string where = In("kind", "k", kinds, parameters);
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand command = Command(connection, null, $"SELECT COUNT(*) FROM events WHERE {where}", parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The facts named <paramref name="names"/> that the index has, by name, in one query.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FactsNamedAsync(IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (names.Count == 0)
        {
            return facts;
        }
        var parameters = new List<(string, object)>();
        string where = In("name", "n", names, parameters);
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand command = Command(connection, null, $"SELECT name, value FROM facts WHERE {where}", parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            facts[reader.GetString(0)] = reader.GetString(1);
        }
        return facts;
    }

    private async Task<IReadOnlyList<IndexedEvent>> SelectEventsAsync(
        string where, List<(string, object)> parameters, bool newestFirst, int limit, int offset, CancellationToken cancellationToken)
    {
        parameters.Add(("limit", limit));
        parameters.Add(("offset", offset));
        string order = newestFirst ? "DESC" : "ASC";
        await using DbConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand command = Command(connection, null,
            $"SELECT block_number, block_hash, block_time, tx_hash, log_index, kind, subject, actor, payload FROM events WHERE {where} " +
            $"ORDER BY block_number {order}, log_index {order} LIMIT @limit OFFSET @offset", parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<IndexedEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new IndexedEvent(
                (ulong)reader.GetInt64(0), reader.GetString(1), (ulong)reader.GetInt64(2), reader.GetString(3), (ulong)reader.GetInt64(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8)));
        }
        return events;
    }

    /// <summary><c>column IN (@p0, @p1, ...)</c> with one parameter per value (both databases plan it on the column's index).</summary>
    private static string In(string column, string prefix, IReadOnlyList<string> values, List<(string, object)> parameters)
    {
        var names = new string[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            names[i] = "@" + prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add((names[i][1..], values[i]));
        }
        return $"{column} IN ({string.Join(", ", names)})";
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = _connect();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is built from constants and parameter names only; values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach ((string name, object value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static Task InsertAsync(DbConnection connection, DbTransaction transaction, IndexedEvent e, string onConflict, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction,
            "INSERT INTO events (block_number, log_index, block_hash, block_time, tx_hash, kind, subject, actor, payload) " +
            "VALUES (@block, @log, @hash, @time, @tx, @kind, @subject, @actor, @payload)" + onConflict,
            [("block", (long)e.BlockNumber), ("log", (long)e.LogIndex), ("hash", e.BlockHash), ("time", (long)e.Timestamp), ("tx", e.TransactionHash),
             ("kind", e.Kind), ("subject", e.Subject), ("actor", e.Actor), ("payload", e.Payload)], cancellationToken);

    private static async Task ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string, object)> parameters, CancellationToken cancellationToken)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
