using NewsNer.Events.Reading;
using NewsNer.Events;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Events;

/// <summary>French date expressions found in text and resolved against a publication date (Wednesday 15 May 2024).</summary>
public class DateExpressionTests
{
    private static readonly DateOnly s_wednesday = new(2024, 5, 15);

    private static DateExpression Single(string text)
    {
        var view = Views.Of(text);
        var found = DateFinder.FindAll(view);
        return Assert.Single(found);
    }

    [Theory]
    [InlineData("Ils se sont vus mercredi.", "mercredi", "reported", "2024-05-15")]
    [InlineData("Ils se sont vus mardi.", "mardi", "reported", "2024-05-14")]
    [InlineData("Ils se sont vus jeudi.", "jeudi", "reported", "2024-05-09")]
    [InlineData("Ils se verront jeudi.", "jeudi", "planned", "2024-05-16")]
    [InlineData("Ils se verront mardi.", "mardi", "planned", "2024-05-21")]
    [InlineData("Ils se verront mardi prochain.", "mardi prochain", "reported", "2024-05-21")]
    [InlineData("Ils se sont vus mardi dernier.", "mardi dernier", "planned", "2024-05-14")]
    [InlineData("Ils se sont vus ce dimanche.", "dimanche", "reported", "2024-05-12")]
    [InlineData("Ils se sont vus mercredi soir.", "mercredi soir", "reported", "2024-05-15")]
    [InlineData("Ils se voient aujourd'hui.", "aujourd'hui", "reported", "2024-05-15")]
    [InlineData("Ils se sont vus hier.", "hier", "reported", "2024-05-14")]
    [InlineData("Ils se sont vus avant-hier.", "avant-hier", "reported", "2024-05-13")]
    [InlineData("Ils se verront demain.", "demain", "planned", "2024-05-16")]
    [InlineData("Ils se verront après-demain.", "après-demain", "planned", "2024-05-17")]
    [InlineData("Ils se sont vus le 15 octobre.", "15 octobre", "reported", "2023-10-15")]
    [InlineData("Ils se verront le 15 octobre.", "15 octobre", "planned", "2024-10-15")]
    [InlineData("Ils se verront le 1er mars.", "1er mars", "planned", "2025-03-01")]
    [InlineData("Ils se sont vus le 2 mai.", "2 mai", "reported", "2024-05-02")]
    [InlineData("Ils se sont vus le 15 octobre 2022.", "15 octobre 2022", "reported", "2022-10-15")]
    [InlineData("Ils se sont vus mercredi 13 avril 2022.", "mercredi 13 avril 2022", "reported", "2022-04-13")]
    [InlineData("Ils se verront la semaine prochaine.", "la semaine prochaine", "planned", "2024-W21")]
    [InlineData("Ils se sont vus la semaine dernière.", "la semaine dernière", "reported", "2024-W19")]
    [InlineData("Ils se voient cette semaine.", "cette semaine", "reported", "2024-W20")]
    [InlineData("Ils se verront le mois prochain.", "le mois prochain", "planned", "2024-06")]
    [InlineData("Ils se sont vus le mois dernier.", "le mois dernier", "reported", "2024-04")]
    [InlineData("Ils s'étaient vus l'an dernier.", "l'an dernier", "past", "2023")]
    [InlineData("Ils se verront l'année prochaine.", "l'année prochaine", "planned", "2025")]
    [InlineData("Ils s'étaient vus en décembre dernier.", "décembre dernier", "past", "2023-12")]
    [InlineData("Ils se sont vus en mars.", "mars", "reported", "2024-03")]
    [InlineData("Ils se verront en septembre.", "septembre", "planned", "2024-09")]
    [InlineData("Ils se verront début juin.", "début juin", "planned", "2024-06")]
    [InlineData("Ils s'étaient vus en 2019.", "2019", "past", "2019")]
    [InlineData("Ils se sont vus il y a deux ans.", "il y a deux ans", "past", "2022")]
    [InlineData("Ils se sont vus il y a 3 jours.", "il y a 3 jours", "reported", "2024-05-12")]
    [InlineData("Il est en visite depuis dimanche.", "dimanche", "reported", "2024-05-12")]
    [InlineData("Il sera en visite du 20 au 22 mai.", "20 au 22 mai", "planned", "2024-05-20")]
    [InlineData("La veille, ils s'étaient parlé.", "La veille", "reported", "2024-05-14")]
    [InlineData("Ils se verront le lendemain.", "le lendemain", "planned", "2024-05-16")]
    public void Resolves_against_the_publication_date(string text, string expression, string status, string value)
    {
        var date = Single(text);
        Assert.Equal(expression, text[date.Start..date.End]);
        Assert.Equal(value, date.Resolve(s_wednesday, Enum.Parse<EventStatus>(status, ignoreCase: true)));
    }

    [Theory]
    [InlineData("La veille, ils s'étaient parlé.", "2024-05-09")]
    [InlineData("L'avant-veille, ils s'étaient parlé.", "2024-05-08")]
    [InlineData("Le lendemain, ils se sont revus.", "2024-05-11")]
    [InlineData("Le même jour, il a reçu son homologue.", "2024-05-10")]
    [InlineData("Il a reçu le jour même son homologue.", "2024-05-10")]
    public void Resolves_la_veille_le_lendemain_and_le_meme_jour_against_the_narrated_day(string text, string value)
    {
        // The news event the text narrates took place on Friday 10 May, five days before publication.
        var date = Single(text).WithAnchor(new DateOnly(2024, 5, 10));
        Assert.Equal(value, date.Resolve(s_wednesday, EventStatus.Reported));
        Assert.False(date.IsFuture(s_wednesday));
        Assert.True(new DateResolver(s_wednesday).IsWithinDaysBefore(date, 7));
    }

    [Fact]
    public void A_day_and_month_shortly_after_publication_is_future()
    {
        Assert.True(Single("Ils se verront le 20 mai.").IsFuture(s_wednesday));
        Assert.False(Single("Ils se sont vus le 2 mai.").IsFuture(s_wednesday));
    }

    [Fact]
    public void Today_and_a_weekday_in_apposition_read_as_the_weekday()
    {
        const string Text = "Il l'a accueilli aujourd'hui, mercredi, au Kremlin.";
        var date = Single(Text);
        Assert.Equal("mercredi", Text[date.Start..date.End]);
        Assert.Equal("2024-05-15", date.Resolve(s_wednesday, EventStatus.Reported));
    }

    [Theory]
    [InlineData("Ils se sont vus mercredi.", null)]
    [InlineData("Ils se sont vus l'an dernier.", null)]
    [InlineData("Ils se sont vus le 15 octobre 2022.", "2022-10-15")]
    [InlineData("Ils s'étaient vus en 2019.", "2019")]
    public void Without_a_publication_date_only_absolute_dates_resolve(string text, string? value) =>
        Assert.Equal(value, Single(text).Resolve(null, EventStatus.Reported));

    [Fact]
    public void A_vague_future_has_no_value()
    {
        var date = Single("Il se rendra prochainement à Pékin.");
        Assert.True(date.Vague);
        Assert.Null(date.Resolve(s_wednesday, EventStatus.Planned));
        Assert.True(date.IsFuture(s_wednesday));
    }

    [Theory]
    [InlineData("La mission vers mars est prête.")]
    [InlineData("Les sept ministres sont arrivés.")]
    [InlineData("Il a lu un livre.")]
    public void Words_that_only_look_like_dates_are_not_dates(string text) => Assert.Empty(DateFinder.FindAll(Views.Of(text)));

    [Theory]
    [InlineData("Ils s'étaient vus en 2019.", true)]
    [InlineData("Ils s'étaient vus l'an dernier.", true)]
    [InlineData("Ils se sont vus il y a deux ans.", true)]
    [InlineData("Ils se sont vus le 15 octobre 2023.", true)]
    [InlineData("Ils se sont vus hier.", false)]
    [InlineData("Ils se sont vus mardi.", false)]
    [InlineData("Ils se sont vus le 2 mai.", false)]
    public void Dates_well_before_publication_make_background(string text, bool background) =>
        Assert.Equal(background, Single(text).IsBackground(s_wednesday));

    [Theory]
    [InlineData("le 26 juillet", EventStatus.Planned, false)]
    [InlineData("le 26 juillet", EventStatus.Reported, true)]
    [InlineData("le 2 mai", EventStatus.Planned, false)]
    [InlineData("le 15 octobre 2023", EventStatus.Planned, true)]
    public void A_day_without_a_year_is_background_only_as_the_tense_reads_it(string date, EventStatus status, bool background)
    {
        // Published on 15 May: « le 26 juillet » is next July for a meeting to come, last July for one that happened.
        Assert.Equal(background, Single($"Ils se verront {date}.").IsBackground(s_wednesday, status));
        Assert.Equal(background, new DateResolver(s_wednesday).IsBackground(Single($"Ils se verront {date}."), status));
    }

    [Theory]
    [InlineData("Ils se verront demain.", true)]
    [InlineData("Ils se verront mardi prochain.", true)]
    [InlineData("Ils se verront le 20 mai 2024.", true)]
    [InlineData("Ils se sont vus hier.", false)]
    [InlineData("Ils se sont vus mardi.", false)]
    public void Dates_after_publication_make_plans(string text, bool future) =>
        Assert.Equal(future, Single(text).IsFuture(s_wednesday));

    [Theory]
    [InlineData("Ils se sont vus hier.", -1)]
    [InlineData("Ils se verront demain.", 1)]
    [InlineData("Ils se sont vus mardi.", -1)]
    [InlineData("Ils se sont vus le 15 octobre 2022.", -578)]
    [InlineData("Ils se voient aujourd'hui.", 0)]
    public void Days_from_publication_count_to_the_resolved_day(string text, int days) =>
        Assert.Equal(days, new DateResolver(s_wednesday).DaysFromPublication(Single(text)));

    [Theory]
    [InlineData("Ils se sont vus la semaine dernière.")] // a week, not a day
    [InlineData("Ils s'étaient vus en 2019.")]
    public void Days_from_publication_need_a_day(string text) =>
        Assert.Null(new DateResolver(s_wednesday).DaysFromPublication(Single(text)));

    [Fact]
    public void Days_from_publication_need_a_publication_date() =>
        Assert.Null(new DateResolver(null).DaysFromPublication(Single("Ils se sont vus le 15 octobre 2022.")));
}
