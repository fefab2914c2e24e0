using StackExchange.Redis;

namespace TacticalRag.Api.Storage;

/// <summary>Tells a store that is unreachable for now (Redis down, restarting or timing out) from a bug.</summary>
public static class StorageFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal) || server.Message.StartsWith("BUSY", StringComparison.Ordinal),
        // PostgreSQL (the library engine): a dropped or refused connection, a server shutting down or starting up.
        Npgsql.PostgresException postgres => postgres.IsTransient || postgres.SqlState is "57P01" or "57P02" or "57P03",
        Npgsql.NpgsqlException { IsTransient: true } => true,
                AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnavailable),
        // A connection dropping mid-command can surface as the bare base type with the cause inside.
        RedisException { InnerException: { } inner } => IsUnavailable(inner) || inner is IOException or System.Net.Sockets.SocketException,
        _ => exception.InnerException is { } cause && IsUnavailable(cause),
    };
}
