using Microsoft.Data.Sqlite;
using Npgsql;

namespace DaoPlatform.Assets.Nonces;

/// <summary>Which database keeps sign-in nonces.</summary>
public enum NonceDatabase
{
    /// <summary>A SQLite file (the default; nothing to run).</summary>
    Sqlite,
    /// <summary>A PostgreSQL database (for several nodes behind one name).</summary>
    PostgreSql,
}

/// <summary>Configuration of the sign-in nonce store.</summary>
public sealed class NonceStoreOptions
{
    /// <summary>The database kind. Default <see cref="NonceDatabase.Sqlite"/>.</summary>
    public NonceDatabase Database { get; set; } = NonceDatabase.Sqlite;

    /// <summary>
    /// The ADO.NET connection string: for SQLite e.g. <c>Data Source=/var/lib/daoplatform/nonces.db</c>, for
    /// PostgreSQL e.g. <c>Host=127.0.0.1;Username=node;Database=daoplatform</c>.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=nonces.db";

    /// <summary>How long an issued nonce is accepted. Default 5 minutes.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Creates the store these options describe.</summary>
    /// <exception cref="InvalidOperationException">The connection string is empty or the database unknown.</exception>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public SqlNonceStore CreateStore(TimeProvider? time = null)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException("The nonce store needs a connection string (NonceStore:ConnectionString).");
        }
        return Database switch
        {
            NonceDatabase.Sqlite => new SqlNonceStore(SqliteFactory.Instance.CreateDataSource(ConnectionString), time),
            NonceDatabase.PostgreSql => new SqlNonceStore(NpgsqlDataSource.Create(ConnectionString), time),
            _ => throw new InvalidOperationException($"Unknown nonce database {Database}."),
        };
    }
}
