using NewsNer.Training.Conll;
using NewsNer.Training.Evaluation;

namespace NewsNer.Tests.Entities;

public class NerScoresTests
{
    // Hand-counted: gold PER[0,2) LOC[3,4) ORG[5,7) | LOC[0,1) ; pred PER[0,2) LOC[3,4) ORG[5,6) MISC[6,7) | LOC[0,1) PER[2,3).
    // PER: tp 1, fp 1 (sentence 2), fn 0. LOC: tp 2. ORG: tp 0, fp 1, fn 1. MISC: fp 1.
    private const string Tagged = """
        Jean	B-PER	B-PER
        Dupont	I-PER	I-PER
        à	O	O
        Paris	B-LOC	B-LOC
        chez	O	O
        Air	B-ORG	B-ORG
        France	I-ORG	B-MISC

        Lyon	B-LOC	B-LOC
        et	O	O
        Marc	O	B-PER

        """;

    [Fact]
    public void Counts_match_hand_computed_values()
    {
        var scores = Score(Tagged);
        Assert.Equal(new SpanCounts(1, 1, 0), scores.ByType["PER"]);
        Assert.Equal(new SpanCounts(2, 0, 0), scores.ByType["LOC"]);
        Assert.Equal(new SpanCounts(0, 1, 1), scores.ByType["ORG"]);
        Assert.Equal(new SpanCounts(0, 1, 0), scores.ByType["MISC"]);
        var overall = scores.Overall;
        Assert.Equal(new SpanCounts(3, 3, 1), overall);
        Assert.Equal(0.5, overall.Precision, 6);
        Assert.Equal(0.75, overall.Recall, 6);
        Assert.Equal(0.6, overall.F1, 6);
    }

    [Fact]
    public void Reads_iob1_like_conlleval()
    {
        // An I- that does not continue a same-type span starts one; a type change ends the span.
        var spans = NerScores.Spans(["I-PER", "I-PER", "O", "I-LOC", "I-ORG", "B-ORG", "I-ORG"]);
        Assert.Equal(
            new HashSet<(int, int, string)> { (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 7, "ORG") },
            spans);
    }

    [Fact]
    public void Reader_handles_doc_markers_comments_and_space_separated_columns()
    {
        var docs = ConllReader.Read(new StringReader("# doc A\n\nLe O\nMonde B-ORG\n\n# comment\nici O\n\n# doc B\n\nParis B-LOC\n"));
        Assert.Equal(2, docs.Count);
        Assert.Equal("A", docs[0].Id);
        Assert.Equal(2, docs[0].Sentences.Length);
        Assert.Equal(["Le", "Monde"], docs[0].Sentences[0].Tokens.ToArray());
        Assert.Equal("B-LOC", docs[1].Sentences[0].Tags[0]);
    }

    [Fact]
    public void Format_prints_conlleval_style_lines()
    {
        var text = Score(Tagged).Format();
        Assert.Contains("overall F1 0.6000", text, StringComparison.Ordinal);
        Assert.Contains("PER   P 0.5000 R 1.0000 F1 0.6667  (gold 1, pred 2)", text, StringComparison.Ordinal);
    }

    private static NerScores Score(string tagged)
    {
        var gold = ConllReader.Read(new StringReader(tagged), 1);
        var pred = ConllReader.Read(new StringReader(tagged), 2);
        var scores = new NerScores();
        for (var s = 0; s < gold[0].Sentences.Length; s++)
        {
            scores.Add(gold[0].Sentences[s].Tags, pred[0].Sentences[s].Tags);
        }

        return scores;
    }
}
