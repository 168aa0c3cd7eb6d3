using NewsNer.Entities;
using NewsNer.Tokenization;
using NewsNer.Training;

namespace NewsNer.Tests.Entities;

public class NerFeatureExtractorTests
{
    private static (ulong[] Features, int[] Counts) Extract(Token[] tokens, NerLexicons lexicons)
    {
        var features = new ulong[tokens.Length * NerFeatureExtractor.MaxFeatures];
        var counts = new int[tokens.Length];
        new NerFeatureExtractor(lexicons).Extract(tokens, new NerFeatureExtractor.TokenInfo[tokens.Length], features, counts);
        return (features, counts);
    }

    private static ulong[] Of((ulong[] Features, int[] Counts) x, int i) =>
        x.Features.AsSpan(i * NerFeatureExtractor.MaxFeatures, x.Counts[i]).ToArray();

    [Fact]
    public void Features_depend_on_the_tokens_only_not_on_offsets_or_instances()
    {
        var a = TrainingCorpus.MakeTokens(["Le", "président", "Vladimir", "Poutine", "a", "parlé", "."]);
        var text = "Hier,   Le président  Vladimir Poutine a parlé.";
        var tokens = FrenchTokenizer.Default.Tokenize(text).ToArray();
        var b = tokens.SkipWhile(t => t.Text != "Le").ToArray();
        Assert.Equal(a.Select(t => t.Text), b.Select(t => t.Text));
        var fa = Extract(a, NerLexicons.Default);
        var fb = Extract(b, NerLexicons.Default);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(Of(fa, i), Of(fb, i));
        }

        Assert.Equal(Of(fa, 2), Of(Extract(a, NerLexicons.Default), 2));
    }

    [Fact]
    public void Typographic_and_ascii_apostrophes_give_the_same_features()
    {
        var a = Extract(TrainingCorpus.MakeTokens(["l'", "Élysée"]), NerLexicons.Default);
        var b = Extract(TrainingCorpus.MakeTokens(["l’", "Élysée"]), NerLexicons.Default);
        Assert.Equal(Of(a, 1), Of(b, 1));
        Assert.Equal(Of(a, 0), Of(b, 0));
    }

    [Fact]
    public void Feature_count_stays_within_the_bound_for_long_odd_tokens()
    {
        var tokens = TrainingCorpus.MakeTokens(["Saint-Jean-de-Luz", "côte", "d'Ivoire", "Côte", "d", "'", "Ivoire", new string('x', 500), "É.-U.", "🙂"]);
        var x = Extract(tokens, NerLexicons.Default);
        Assert.All(x.Counts, c => Assert.InRange(c, 5, NerFeatureExtractor.MaxFeatures));
    }

    [Fact]
    public void Gazetteer_phrases_match_across_tokenizations()
    {
        var lexicons = NerLexicons.Default;
        var tokens = new NerFeatureExtractor.TokenInfo[4];
        var features = new ulong[4 * NerFeatureExtractor.MaxFeatures];
        var counts = new int[4];
        var extractor = new NerFeatureExtractor(lexicons);
        extractor.Extract(TrainingCorpus.MakeTokens(["en", "Côte", "d'", "Ivoire"]), tokens, features, counts);
        var split = tokens[1].GazBegin;
        var tokens2 = new NerFeatureExtractor.TokenInfo[5];
        extractor.Extract(TrainingCorpus.MakeTokens(["en", "Côte", "d", "'", "Ivoire"]), tokens2, new ulong[5 * NerFeatureExtractor.MaxFeatures], new int[5]);
        Assert.True(split.HasFlag(GazetteerCategory.Country));
        Assert.True(tokens2[1].GazBegin.HasFlag(GazetteerCategory.Country));
        Assert.True(tokens2[4].GazInside.HasFlag(GazetteerCategory.Country));
    }

    [Fact]
    public void Gazetteer_matching_equals_the_direct_scan_of_every_phrase_start()
    {
        // The extractor reads each token's letters once; the result must equal hashing the letters and digits of up to
        // MaxPhraseTokens tokens from every start, as the lexicon compiler keys phrases.
        var text = "Le président de la Côte d'Ivoire, Alassane Ouattara, a reçu à Abidjan le Premier ministre du Burkina Faso "
            + "et le secrétaire général des Nations unies ; l'Organisation des Nations unies (ONU) et l'Union africaine - "
            + "réunies à Saint-Jean-de-Luz, New York et Rio de Janeiro - saluent l'accord. Côte d ' Ivoire , Côte-d'Ivoire !";
        var tokens = FrenchTokenizer.Default.Tokenize(text).ToArray();
        var info = new NerFeatureExtractor.TokenInfo[tokens.Length];
        new NerFeatureExtractor(NerLexicons.Default).Extract(tokens, info, new ulong[tokens.Length * NerFeatureExtractor.MaxFeatures], new int[tokens.Length]);
        var begin = new GazetteerCategory[tokens.Length];
        var inside = new GazetteerCategory[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!tokens[i].Text.Any(char.IsLetter))
            {
                continue;
            }

            var h = FeatureHash.Seed;
            var letters = 0;
            for (var j = i; j < Math.Min(tokens.Length, i + NerFeatureExtractor.MaxPhraseTokens); j++)
            {
                var keyed = tokens[j].Text.Where(char.IsLetterOrDigit).Select(TokenNormalizer.NormalizeChar).ToArray();
                if (keyed.Length == 0)
                {
                    if (j == i || tokens[j].Length > 1)
                    {
                        break;
                    }

                    continue;
                }

                h = keyed.Aggregate(h, FeatureHash.Add);
                letters += keyed.Length;
                var category = letters < 2 ? GazetteerCategory.None : NerLexicons.Default.Phrase(h);
                begin[i] |= category;
                for (var k = i + 1; k <= j && category != GazetteerCategory.None; k++)
                {
                    inside[k] |= category;
                }
            }
        }

        Assert.Equal(begin, info.Select(t => t.GazBegin));
        Assert.Equal(inside, info.Select(t => t.GazInside));
        Assert.Contains(begin, c => c.HasFlag(GazetteerCategory.Country));
    }

    [Fact]
    public void Extraction_does_not_allocate()
    {
        var tokens = TrainingCorpus.MakeTokens(["Le", "président", "russe", "Vladimir", "Poutine", "a", "accueilli", "al-Chaar", "au", "Kremlin", "."]);
        var info = new NerFeatureExtractor.TokenInfo[tokens.Length];
        var features = new ulong[tokens.Length * NerFeatureExtractor.MaxFeatures];
        var counts = new int[tokens.Length];
        var extractor = new NerFeatureExtractor(NerLexicons.Default);
        extractor.Extract(tokens, info, features, counts);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 10; k++)
        {
            extractor.Extract(tokens, info, features, counts);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Lexicons_know_common_words_and_trigger_words()
    {
        var lexicons = NerLexicons.Default;
        Assert.True(lexicons.IsCommonWord(FeatureHash.OfNormalized("maison")));
        Assert.True(lexicons.IsCommonWord(FeatureHash.OfNormalized("Mangeaient")));
        Assert.False(lexicons.IsCommonWord(FeatureHash.OfNormalized("Poutine-Xyzzy")));
        Assert.True(lexicons.Trigger(FeatureHash.OfNormalized("Président")).HasFlag(TriggerClass.Function));
        Assert.True(lexicons.Trigger(FeatureHash.OfNormalized("M.")).HasFlag(TriggerClass.Title));
    }

    private static NerFeatureExtractor.TokenInfo[] Describe(params string[] words)
    {
        var tokens = TrainingCorpus.MakeTokens(words);
        var info = new NerFeatureExtractor.TokenInfo[tokens.Length];
        new NerFeatureExtractor(NerLexicons.Default).Extract(tokens, info, new ulong[tokens.Length * NerFeatureExtractor.MaxFeatures], new int[tokens.Length]);
        return info;
    }

    [Fact]
    public void A_capitalized_word_knows_the_first_word_of_the_name_it_continues()
    {
        var info = Describe("à", "l'", "Université", "du", "Texas", "à", "Austin", ".");
        Assert.Equal(FeatureHash.OfNormalized("université"), info[4].ChunkHead);
        Assert.Equal(FeatureHash.OfNormalized("université"), info[6].ChunkHead);
        Assert.True(info[6].ChunkTrigger.HasFlag(TriggerClass.Organization));
        Assert.Equal(0UL, info[2].ChunkHead);

        var ministry = Describe("le", "ministère", "de", "l'", "Intérieur", "a", "dit");
        Assert.True(ministry[4].ChunkTrigger.HasFlag(TriggerClass.Organization));
        Assert.True(ministry[4].ChunkTriggerBefore);
        Assert.Equal(TriggerClass.None, ministry[5].ChunkTrigger);
    }

    [Theory]
    [InlineData("l' Organisation mondiale de la santé ( OMS ) a dit", 1, 5)]
    [InlineData("le Mouvement des entreprises de France ( MEDEF ) a dit", 1, 5)]
    [InlineData("la Banque centrale européenne ( BCE ) a dit", 1, 3)]
    public void An_acronym_in_parentheses_marks_its_expansion(string sentence, int first, int last)
    {
        var words = sentence.Split(' ');
        var info = Describe(words);
        var acronym = Array.IndexOf(words, "(") + 1;
        Assert.Equal(3, info[acronym].Acronym & 3);
        for (var k = 0; k < words.Length; k++)
        {
            Assert.Equal(k >= first && k <= last, (info[k].Acronym & 4) != 0);
        }
    }

    [Fact]
    public void An_acronym_followed_by_its_expansion_in_parentheses_is_matched_and_a_mismatch_is_not()
    {
        var info = Describe("l'", "OMS", "(", "Organisation", "mondiale", "de", "la", "santé", ")", "a", "dit");
        Assert.Equal(2, info[1].Acronym & 2);
        Assert.True((info[3].Acronym & 4) != 0 && (info[7].Acronym & 4) != 0);

        var other = Describe("le", "chef", "de", "la", "police", "(", "ONU", ")");
        Assert.Equal(1, other[6].Acronym & 3);
        Assert.All(other[..5], t => Assert.Equal(0, t.Acronym & 4));
    }

    [Fact]
    public void Tokens_inside_parentheses_and_quotes_are_marked()
    {
        var info = Describe("Il", "a", "lu", "«", "Le", "Monde", "»", "(", "Paris", ")", "hier");
        Assert.Equal(new byte[] { 0, 0, 0, 0, 2, 2, 0, 0, 1, 0, 0 }, info.Select(t => t.Enclosed).ToArray());
    }
}
