using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// The PostgreSQL engine's two rankings, answered by the database (the read replica where one is configured):
/// keywords by full-text search (BM25 or <c>ts_rank_cd</c> over each candidate chunk's terms; the query analysed with
/// every text-search configuration the library uses, its words OR-ed as BM25 does), vectors by the HNSW index (cosine).
/// </summary>
internal sealed class PostgresSearchEngine(PostgresLibraryDatabase database, IOptions<LibraryEngineOptions> options, TimeProvider time) : ISearchEngine
{
    private static readonly TimeSpan s_vectorsKnownFor = TimeSpan.FromSeconds(30);
    private long _vectorsSeenAt = long.MinValue;

    public async ValueTask<bool> HasVectorsAsync(CancellationToken cancellationToken)
    {
        var seen = Interlocked.Read(ref _vectorsSeenAt);
        if (seen != long.MinValue && time.GetElapsedTime(seen) < s_vectorsKnownFor)
        {
            return true;
        }
        await using var connection = await database.OpenForSearchAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select exists (select 1 from chunks where embedding is not null)", connection);
        var any = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (any)
        {
            Interlocked.Exchange(ref _vectorsSeenAt, time.GetTimestamp());
        }
        return any;
    }

    private static readonly TimeSpan s_languagesKnownFor = TimeSpan.FromSeconds(30);
    private volatile LanguagesSeen? _languages;

    private sealed record LanguagesSeen(LibraryLanguages Languages, long At);

    /// <summary>Chunks per language, counted at most every 30 s (a scan of the chunks' language column).</summary>
    public async ValueTask<LibraryLanguages> GetLanguagesAsync(CancellationToken cancellationToken)
    {
        if (_languages is { } seen && time.GetElapsedTime(seen.At) < s_languagesKnownFor)
        {
            return seen.Languages;
        }
        await using var connection = await database.OpenForSearchAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select language, count(*)::int from chunks group by language", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var count = reader.GetInt32(1);
            total += count;
            if (!reader.IsDBNull(0))
            {
                counts[reader.GetString(0)] = count;
            }
        }
        var languages = new LibraryLanguages(counts, total);
        _languages = new LanguagesSeen(languages, time.GetTimestamp());
        return languages;
    }

    public async Task<IReadOnlyList<ScoredChunk>> SearchKeywordsAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var extra = KeywordLexemes.NeedsApiAnalysis(query) ? string.Join(' ', KeywordLexemes.Analyse(null, query)) : null;
        await using var connection = await database.OpenForSearchAsync(cancellationToken);
        await using var command = new NpgsqlCommand(options.Value.KeywordScoring == KeywordScoring.Bm25 ? Bm25Sql : TsRankCdSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = query });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)extra ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)options.Value.KeywordCandidates });
        return await ReadScoresAsync(command, cancellationToken);
    }

    /// <summary>
    /// The query's terms (its words analysed with every configuration the library uses, plus terms the API analysed)
    /// with their chunk frequencies and BM25 idf; and the tsquery that picks the candidates: the rarest terms, while
    /// their chunks together stay within <see cref="LibraryEngineOptions.KeywordCandidates"/> (the rarest one always;
    /// every term in a library of no more chunks than that).
    /// A term in most of a large library would otherwise make every chunk a candidate to score: seconds per search at
    /// a million chunks, for the term that weighs least. Every candidate is still scored with all the query's terms.
    /// Each step is materialised: inlined, the tsquery would be built again for every chunk.
    /// </summary>
    private const string CandidatesSql = """
        with configs as (select coalesce((select array_agg(config) from library_text_configs), array['english'::regconfig]) as list),
        words as materialized (select distinct l.lexeme from configs, library_query_lexemes(configs.list, $1, $2) as l(lexeme)),
        stats as materialized (select greatest(chunk_count, 1)::float8 as n, greatest(term_total::float8 / greatest(chunk_count, 1), 1) as avgdl from library_state),
        weights as materialized (
            select w.lexeme, s.df, ln(1 + (stats.n - s.df + 0.5) / (s.df + 0.5)) as idf
            from words w join library_term_stats s on s.term = w.lexeme and s.df > 0, stats),
        chosen as (
            select lexeme from (
                select lexeme, sum(df) over (order by df, lexeme) as running, row_number() over (order by df, lexeme) as rarity from weights) t, stats
            where running <= $4 or rarity = 1 or stats.n <= $4),
        query as materialized (
            select (select nullif(string_agg('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''', ' | '), '')::tsquery from chosen) as candidates,
                (select nullif(string_agg('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''', ' | '), '')::tsquery from weights) as terms,
                (select array_agg(lexeme) from weights) as lexemes)

        """;

    /// <summary>Cover density over each candidate's terms (<c>ts_rank_cd</c>), the query's terms OR-ed.</summary>
    private const string TsRankCdSql = CandidatesSql + """
        select c.id, ts_rank_cd(c.lexemes, query.terms) as score
        from query, chunks c
        where c.lexemes @@ query.candidates
        order by score desc, c.id
        limit $3
        """;

    /// <summary>
    /// BM25 (k1 1.2, b 0.75, Lucene's idf) over the candidates (the GIN index finds them): term frequencies from each
    /// chunk's positions of the query's terms (cut out of its terms in C: marked with weight A, the only weight stored
    /// terms never carry, and filtered; 4 times faster than unnesting every term), document frequencies and lengths
    /// from the statistics ingestion keeps.
    /// </summary>
    private const string Bm25Sql = CandidatesSql + """
        select c.id, sum(w.idf * x.tf * 2.2 / (x.tf + 1.2 * (0.25 + 0.75 * c.term_count / stats.avgdl)))::real as score
        from query, stats, chunks c
            cross join lateral (
                select u.lexeme, coalesce(array_length(u.positions, 1), 1)::float8 as tf
                from unnest(ts_filter(setweight(c.lexemes, 'A', query.lexemes), '{a}')) u) x
            join weights w on w.lexeme = x.lexeme
        where c.lexemes @@ query.candidates
        group by c.id
        order by score desc, c.id
        limit $3
        """;

    public async Task<IReadOnlyList<ScoredChunk>> SearchVectorsAsync(ReadOnlyMemory<float> queryVector, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForSearchAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        // Session settings for this search: the HNSW breadth, and iterative scans so a filtered search still fills its limit.
        var settings = new NpgsqlBatchCommand("select set_config('hnsw.ef_search', $1, false), set_config('hnsw.iterative_scan', 'relaxed_order', false)");
        settings.Parameters.Add(new NpgsqlParameter { Value = Math.Max(options.Value.HnswEfSearch, limit).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var search = new NpgsqlBatchCommand("""
            select id, 1 - (embedding <=> $1) as score from chunks
            where embedding is not null
            order by embedding <=> $1
            limit $2
            """);
        search.Parameters.Add(new NpgsqlParameter { Value = new Vector(queryVector) });
        search.Parameters.Add(new NpgsqlParameter { Value = limit });
        batch.BatchCommands.Add(settings);
        batch.BatchCommands.Add(search);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var ranking = new List<ScoredChunk>(limit);
        while (await reader.ReadAsync(cancellationToken))
        {
            ranking.Add(new ScoredChunk(reader.GetString(0), (float)reader.GetDouble(1)));
        }
        return ranking;
    }

    public async Task<IReadOnlySet<string>> WithoutVectorsAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        if (chunkIds.Count == 0)
        {
            return missing;
        }
        await using var connection = await database.OpenForSearchAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select id from chunks where id = any($1) and embedding is null", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = chunkIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            missing.Add(reader.GetString(0));
        }
        return missing;
    }

    public async Task<IReadOnlyDictionary<string, IndexedChunk>> GetChunksAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, IndexedChunk>(StringComparer.Ordinal);
        if (chunkIds.Count == 0)
        {
            return found;
        }
        await using var connection = await database.OpenForSearchAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            select c.id, c.document_id, c.ordinal, c.text, c.section, c.page, c.tokens, c.language, d.title
            from chunks c join documents d on d.id = c.document_id
            where c.id = any($1)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = chunkIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var chunk = PostgresLibraryStore.ReadChunk(reader);
            found[chunk.Id] = new IndexedChunk(chunk, reader.GetString(8), null);
        }
        return found;
    }

    private static async Task<IReadOnlyList<ScoredChunk>> ReadScoresAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ranking = new List<ScoredChunk>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ranking.Add(new ScoredChunk(reader.GetString(0), reader.GetFloat(1)));
        }
        return ranking;
    }
}
