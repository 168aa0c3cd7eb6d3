using System.Globalization;
using System.Text;
using NewsNer.Cli.Output;
using NewsNer.Cli.Output.Parquet;
using NewsNer.Entities;
using NewsNer.Serialization;
using NewsNer.Tests.TestSupport;
using Parquet;

namespace NewsNer.Tests.Scale;

/// <summary>
/// <c>--format parquet</c>: the six tables read back with DuckDB, the way analysts read them, and compared with the JSON
/// Lines of the same run — counts, values and joins.
/// </summary>
public class ParquetOutputTests
{
    [Fact]
    public void Extract_and_render_tables_equal_the_json_lines_of_the_same_run()
    {
        using var temp = new TempFolder();
        var articles = temp.Combine("articles");
        SyntheticArticles.WriteFolder(articles, 40);
        temp.Bytes("articles/broken.txt", [0x43, 0x61, 0x66, 0xE9, 0x0A]);
        temp.File("articles/empty.txt", "");
        temp.File("articles/sub/sample.txt", File.ReadAllText(RepoPaths.SampleArticle));

        var jsonl = temp.Combine("out.jsonl");
        var extracted = ConsoleHarness.Run("extract", articles, "--format", "jsonl", "--output", jsonl, "--quiet");
        Assert.Equal(1, extracted.ExitCode); // broken.txt is an error record
        var results = ReadLines(jsonl);
        Assert.Equal(43, results.Count);
        Assert.Equal(42, results.Count(r => r.Document is not null));

        var rendered = temp.Combine("from-render");
        Assert.Equal(1, ConsoleHarness.Run("render", jsonl, "--format", "parquet", "--output", rendered).ExitCode);
        var direct = temp.Combine("from-extract");
        Assert.Equal(1, ConsoleHarness.Run("extract", articles, "--format", "parquet", "--output", direct, "--quiet").ExitCode);

        foreach (var directory in new[] { rendered, direct })
        {
            AssertTablesEqual(directory, results);
        }

        AssertDocumentedQueriesRun(direct, results);
    }

    [Fact]
    public void Every_column_of_a_full_document_reads_back()
    {
        using var temp = new TempFolder();
        var document = SampleDocuments.Full();
        using (var writer = ParquetDatasetWriter.Create(temp.Path, ParquetDataset.PartName(0)))
        {
            writer.Add("doc-1", document);
            writer.AddError("doc-2", "broken.txt", "cannot read: boom");
            writer.Complete();
        }

        var d = temp.Path;
        var documents = DuckDb.Query($"SELECT document_id, source, error, language, strftime(publication_date, '%Y-%m-%d'), title, url, "
            + $"metadata['title'], cardinality(metadata), text, token_count, sentence_count, entity_count, event_count "
            + $"FROM {DuckDb.Table(d, "documents")} ORDER BY document_id");
        Assert.Equal(2, documents.Count);
        Assert.Equal(
            ["doc-1", document.Source, null, "fr", "2025-10-15", document.Metadata["title"], document.Metadata["url"], document.Metadata["title"], (ulong)document.Metadata.Count],
            documents[0][..9]);

        // UTF-8 cannot hold the lone surrogate of the text: it reads back as U+FFFD, one UTF-16 unit for one.
        Assert.Equal(document.Text.Replace('\uD800', '\uFFFD'), documents[0][9]);
        Assert.Equal(document.Text.Length, ((string)documents[0][9]!).Length);
        Assert.Equal<object?[]>([document.Tokens.Length, document.Sentences.Length, document.Entities.Length, document.Events.Length], documents[0][10..]);
        Assert.Equal<object?[]>(["doc-2", "broken.txt", "cannot read: boom", null, null, null, null, null, 0UL, null, null, null, null, null], documents[1]);

        var entity = document.Entities[0];
        var entityRow = Assert.Single(DuckDb.Query($"SELECT entity_id, type, canonical, kind, country, actor_code, array_to_string(roles, '|'), "
            + $"round(confidence::DOUBLE, 3), mention_count, first_start FROM {DuckDb.Table(d, "entities")} WHERE entity_id = '{entity.Id}'"));
        Assert.Equal<object?[]>(
            [entity.Id, "PER", entity.Canonical, entity.Kind, entity.Country, entity.ActorCode, string.Join('|', entity.Roles),
             Math.Round((double)entity.Confidence, 3), entity.Mentions.Length, entity.Mentions[0].Start],
            entityRow);

        var mentions = DuckDb.Query($"SELECT entity_id, mention_index, start, \"end\", text, sentence_index, first_token, token_count, type, kind "
            + $"FROM {DuckDb.Table(d, "mentions")} ORDER BY entity_id, mention_index");
        var expectedMentions = document.Entities
            .SelectMany(e => e.Mentions.Select((m, i) => new object?[]
            {
                e.Id, i, m.Start, m.End, document.GetText(m), m.Sentence, m.FirstToken, m.TokenCount, m.Type.ToLabel(), m.Kind.ToString().ToLowerInvariant(),
            }))
            .OrderBy(r => (string)r[0]!, StringComparer.Ordinal).ThenBy(r => (int)r[1]!)
            .ToList();
        Assert.Equal(expectedMentions, mentions);

        var meeting = document.Events[0];
        var eventRow = Assert.Single(DuckDb.Query($"SELECT event_id, type, subtype, status, trigger_text, trigger_start, location_text, location_entity_id, "
            + $"date_text, date_value, array_to_string(places, '|'), array_to_string(topics, '|'), array_to_string(delegation, '|'), "
            + $"len(evidence_start), array_to_string(cameo_codes, '|'), array_to_string(cameo, '|'), plover_category, plover_mode, "
            + $"plover_actor_entity_id, plover_recipient_entity_id, plover_actor, plover_recipient "
            + $"FROM {DuckDb.Table(d, "events")} WHERE event_id = '{meeting.Id}'"));
        Assert.Equal<object?[]>(
        [
            meeting.Id, "MEETING", Names.Subtype(meeting.Subtype), Names.Status(meeting.Status), meeting.Trigger!.Text, meeting.Trigger.Start,
            meeting.Location!.Text, meeting.Location.EntityId, meeting.Date!.Text, meeting.Date.Value,
            string.Join('|', meeting.Places.Select(p => p.Text)), string.Join('|', meeting.Topics.Select(p => p.Text)), string.Join('|', meeting.Delegation),
            (long)meeting.Evidence.Length, string.Join('|', meeting.Cameo.Select(c => c.Code)), "042 SYRGOV>RUSGOV|043 RUSGOV>SYRGOV",
            meeting.Plover!.Category, meeting.Plover.Mode, meeting.Plover.ActorEntityId, meeting.Plover.RecipientEntityId, meeting.Plover.Actor, meeting.Plover.Recipient,
        ],
            eventRow);

        // An event without a place, date or topic has empty lists, not nulls.
        Assert.All(DuckDb.Query($"SELECT len(places), len(topics), len(cameo) FROM {DuckDb.Table(d, "events")} WHERE location_text IS NULL"),
            row => Assert.All(row, value => Assert.NotNull(value)));

        var participants = DuckDb.Strings($"SELECT event_id || ' ' || participant_index || ' ' || entity_id || ' ' || role FROM {DuckDb.Table(d, "event_participants")}");
        Assert.Equal(
            document.Events.SelectMany(v => v.Participants.Select((p, i) => $"{v.Id} {i} {p.EntityId} {Names.Role(p.Role)}")).Order(StringComparer.Ordinal),
            participants);
    }

    [Fact]
    public async Task Rows_are_flushed_in_row_groups_of_n_documents()
    {
        using var temp = new TempFolder();
        var pipeline = NewsPipeline.CreateDefault();
        using (var writer = ParquetDatasetWriter.Create(temp.Path, ParquetDataset.PartName(0), rowGroupDocuments: 10))
        {
            for (var i = 0; i < 25; i++)
            {
                writer.Add("d" + i.ToString(CultureInfo.InvariantCulture), pipeline.Process(SyntheticArticles.Text(i)));
            }

            // Two row groups are already on disk, under the temporary name; nothing is visible under the final name.
            Assert.Empty(ParquetDataset.Parts(temp.Path, "documents"));
            writer.Complete();
        }

        var part = Assert.Single(ParquetDataset.Parts(temp.Path, "documents"));
        await using (var reader = await ParquetReader.CreateAsync(part))
        {
            Assert.Equal(3, reader.RowGroupCount);
            Assert.Equal(["newsner-parquet/1", "documents"], [reader.CustomMetadata["newsner.schema"], reader.CustomMetadata["newsner.table"]]);
        }

        Assert.Equal(25L, DuckDb.Scalar($"SELECT count(*) FROM {DuckDb.Table(temp.Path, "documents")}"));
        Assert.Equal(25L, DuckDb.Scalar($"SELECT count(DISTINCT document_id) FROM {DuckDb.Table(temp.Path, "sentences")}"));
        Assert.Empty(Directory.EnumerateFiles(temp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_unfinished_part_leaves_no_file_behind()
    {
        using var temp = new TempFolder();
        using (var writer = ParquetDatasetWriter.Create(temp.Path, ParquetDataset.PartName(3), rowGroupDocuments: 1))
        {
            writer.Add("d1", NewsPipeline.CreateDefault().Process(SyntheticArticles.Text(1)));
            Assert.NotEmpty(Directory.EnumerateFiles(temp.Path, "*.tmp", SearchOption.AllDirectories));
        }

        Assert.Empty(Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Document_ids_are_unique_within_a_run()
    {
        using var temp = new TempFolder();
        var document = NewsPipeline.CreateDefault().Process("Emmanuel Macron a reçu mardi Olaf Scholz.", new DocumentOptions { Source = "a.txt" });
        var anonymous = NewsPipeline.CreateDefault().Process("Rien à signaler.");
        using (var sink = new ParquetSink(temp.Path))
        {
            sink.Write(document);
            sink.Write(anonymous);
            sink.Write(document);
            sink.WriteError(null, "cannot read");
            sink.WriteError("a.txt", "again");
        }

        Assert.Equal(["#2", "#4", "a.txt", "a.txt#2", "a.txt#3"], DuckDb.Strings($"SELECT document_id FROM {DuckDb.Table(temp.Path, "documents")}"));
        Assert.Equal(2L, DuckDb.Scalar($"SELECT count(DISTINCT document_id) FROM {DuckDb.Table(temp.Path, "entities")}"));
    }

    [Fact]
    public async Task A_new_run_replaces_the_tables_and_keeps_other_files()
    {
        using var temp = new TempFolder();
        temp.File("notes.txt", "mine");
        temp.File("documents/part-00007.parquet", "stale");
        using (var sink = new ParquetSink(temp.Path))
        {
            sink.Write(NewsPipeline.CreateDefault().Process("Texte.", new DocumentOptions { Source = "x" }));
        }

        Assert.Equal(["part-00000.parquet"], ParquetDataset.Parts(temp.Path, "documents").Select(Path.GetFileName));
        Assert.True(File.Exists(temp.Combine("notes.txt")));
        Assert.Equal(1, ParquetDataset.NextPartNumber(temp.Path));
        Assert.Equal(["x"], await ParquetDataset.ReadDocumentIdsAsync(temp.Path));
    }

    [Theory]
    [InlineData("--output", "", "give --output DIR")]
    [InlineData("--output", "file.parquet", "is a file")]
    public void Parquet_needs_an_output_folder(string option, string value, string message)
    {
        using var temp = new TempFolder();
        temp.File("in.txt", "Texte.");
        temp.File("file.parquet", "x");
        string[] args = value.Length == 0
            ? ["extract", temp.Combine("in.txt"), "--format", "parquet"]
            : ["extract", temp.Combine("in.txt"), "--format", "parquet", option, temp.Combine(value)];
        var run = ConsoleHarness.Run(args, stdin: "", currentDirectory: temp.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_document_lists_every_column_with_its_type()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "parquet-schema.md"));
        foreach (var table in ParquetDatasetWriter.CreateTables())
        {
            var section = Section(doc, "### `" + table.Name + "`");
            var documented = section.Split('\n')
                .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
                .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
                .Select(cells => (Name: cells[1].Trim('`'), Type: cells[2].Replace("`", "", StringComparison.Ordinal)))
                .ToList();
            Assert.Equal(table.Columns.Select(c => (c.Name, c.TypeName)), documented);
        }
    }

    internal static void AssertTablesEqual(string directory, IReadOnlyList<DocumentResult> results)
    {
        string T(string table) => DuckDb.Table(directory, table);
        var documents = results.Where(r => r.Document is not null).Select(r => (Id: r.Document!.Source!, Doc: r.Document)).ToList();

        Assert.Equal(
            results.Select(r => r.Document is { } d ? $"{d.Source} ok {d.Metadata.GetValueOrDefault("title")} {Date(d.PublicationDate)} {d.Text.Length}" : $"{r.Id} error {r.Error!.Message}").Order(StringComparer.Ordinal),
            DuckDb.Strings($"SELECT document_id || CASE WHEN error IS NULL THEN ' ok ' || coalesce(title, '') || ' ' || coalesce(strftime(publication_date, '%Y-%m-%d'), '') "
                + $"|| ' ' || length(text) ELSE ' error ' || error END FROM {T("documents")}"));

        Assert.Equal(
            documents.SelectMany(d => d.Doc.Sentences.Select((s, i) => $"{d.Id} {i} {s.Start} {s.End} {s.FirstToken} {s.TokenCount} {d.Doc.GetText(s)}")).Order(StringComparer.Ordinal),
            DuckDb.Strings($"SELECT concat_ws(' ', document_id, sentence_index, start, \"end\", first_token, token_count, text) FROM {T("sentences")}"));

        Assert.Equal(
            documents.SelectMany(d => d.Doc.Entities.Select(e => $"{d.Id} {e.Id} {e.Type.ToLabel()} {e.Canonical} [{string.Join(',', e.Roles)}] {e.Mentions.Length} {e.Country} {e.ActorCode}")).Order(StringComparer.Ordinal),
            DuckDb.Strings($"SELECT concat_ws(' ', document_id, entity_id, type, canonical, '[' || array_to_string(roles, ',') || ']', mention_count, coalesce(country, ''), coalesce(actor_code, '')) FROM {T("entities")}"));

        Assert.Equal(
            documents.SelectMany(d => d.Doc.Entities.SelectMany(e => e.Mentions.Select(m => $"{d.Id} {e.Id} {m.Start} {m.End} {m.Sentence} {d.Doc.GetText(m)}"))).Order(StringComparer.Ordinal),
            DuckDb.Strings($"SELECT concat_ws(' ', document_id, entity_id, start, \"end\", sentence_index, text) FROM {T("mentions")}"));

        Assert.Equal(
            documents.SelectMany(d => d.Doc.Events.Select(v => $"{d.Id} {v.Id} {Names.Subtype(v.Subtype)} {Names.Status(v.Status)} {v.Trigger?.Text} {v.Location?.Text} {v.Date?.Value} [{string.Join(',', v.Places.Select(p => p.Text))}]")).Order(StringComparer.Ordinal),
            DuckDb.Strings($"SELECT concat_ws(' ', document_id, event_id, subtype, status, coalesce(trigger_text, ''), coalesce(location_text, ''), coalesce(date_value, ''), '[' || array_to_string(places, ',') || ']') FROM {T("events")}"));

        // The join analysts write: who met whom, by name.
        Assert.Equal(
            documents.SelectMany(d => d.Doc.Events.SelectMany(v => v.Participants.Select(p => $"{d.Id} {v.Id} {d.Doc.FindEntity(p.EntityId)!.Canonical} {Names.Role(p.Role)}"))).Order(StringComparer.Ordinal),
            DuckDb.Strings($"SELECT concat_ws(' ', p.document_id, p.event_id, e.canonical, p.role) FROM {T("event_participants")} p "
                + $"JOIN {T("entities")} e ON e.document_id = p.document_id AND e.entity_id = p.entity_id"));
        Assert.True(documents.Sum(d => d.Doc.Events.Length) > 20, "the synthetic articles should give events");
    }

    // The SQL of the README and of docs/parquet-schema.md runs on real tables, and the meeting-pairs query counts what
    // the JSON says.
    private static void AssertDocumentedQueriesRun(string directory, IReadOnlyList<DocumentResult> results)
    {
        var queries = new[] { "README.md", "docs/parquet-schema.md" }
            .SelectMany(file => SqlBlocks(File.ReadAllText(Path.Combine(RepoPaths.Root, file))))
            .Select(sql => sql.Replace("'out/", "'" + directory.Replace("'", "''", StringComparison.Ordinal) + "/", StringComparison.Ordinal))
            .ToList();
        Assert.True(queries.Count >= 4, "the README and the schema page show SQL queries");
        foreach (var sql in queries)
        {
            DuckDb.Query(sql);
        }

        var expected = results.Where(r => r.Document is not null)
            .SelectMany(r => r.Document!.Events.SelectMany(v =>
            {
                var names = v.Participants.Select(p => r.Document.FindEntity(p.EntityId)!.Canonical).Distinct().Order(StringComparer.Ordinal).ToList();
                return names.SelectMany((a, i) => names.Skip(i + 1).Select(b => (a, b)));
            }))
            .GroupBy(pair => pair)
            .ToDictionary(g => g.Key, g => (long)g.Count());
        var pairs = DuckDb.Query(queries.First(q => q.Contains("meetings", StringComparison.Ordinal)).Replace("LIMIT 20", "", StringComparison.Ordinal));
        Assert.NotEmpty(pairs);
        Assert.Equal(expected.Count, pairs.Count);
        Assert.All(pairs, row => Assert.Equal(expected[((string)row[0]!, (string)row[1]!)], (long)row[2]!));
    }

    private static IEnumerable<string> SqlBlocks(string markdown)
    {
        var start = 0;
        while ((start = markdown.IndexOf("```sql\n", start, StringComparison.Ordinal)) >= 0)
        {
            var end = markdown.IndexOf("```", start + 7, StringComparison.Ordinal);
            yield return markdown[(start + 7)..end];
            start = end + 3;
        }
    }

    internal static List<DocumentResult> ReadLines(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return [.. NewsJson.ReadLines(reader)];
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/parquet-schema.md has no section " + heading);
        var end = markdown.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }
}
