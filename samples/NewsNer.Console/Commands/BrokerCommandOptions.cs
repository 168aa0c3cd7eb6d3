using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NewsNer.Cli.Broker;

namespace NewsNer.Cli.Commands;

/// <summary>The options every broker verb (<c>worker</c>, <c>enqueue</c>, <c>collect</c>) shares: where the broker is, which queues.</summary>
internal sealed class BrokerCommandOptions
{
    public Option<string?> Amqp { get; } = new("--amqp")
    {
        Description = $"The RabbitMQ broker, amqp://USER:PASSWORD@HOST:5672/VHOST (amqps:// for TLS). Default: the {BrokerSettings.UriVariable} "
            + "environment variable, which keeps the password out of process listings.",
        HelpName = "URI",
    };

    public Option<string> Prefix { get; } = new("--prefix")
    {
        Description = "Names the queues: PREFIX.articles (input), PREFIX.results (results exchange and queue), PREFIX.dead (dead letters). "
            + "Give each pipeline sharing a broker its own prefix.",
        HelpName = "NAME",
        DefaultValueFactory = _ => "newsner",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Amqp);
        command.Options.Add(Prefix);
    }

    public BrokerSettings Parse(ParseResult parse) => BrokerSettings.Parse(parse.GetValue(Amqp), parse.GetValue(Prefix));

    /// <summary>An option of whole seconds (fractions allowed) with a lower bound.</summary>
    public static Option<double> Seconds(string name, string description, double defaultValue, double minimum = 0)
    {
        var option = new Option<double>(name) { Description = description, HelpName = "SECONDS", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value < minimum)
            {
                result.AddError($"{name} must be a number of seconds, at least {minimum.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        return option;
    }

    /// <summary>An integer option with a lower bound.</summary>
    public static Option<T> AtLeast<T>(string name, string description, T defaultValue, T minimum, string helpName = "N")
        where T : struct, System.Numerics.INumber<T>
    {
        var option = new Option<T>(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() < minimum)
            {
                result.AddError($"{name} must be at least {minimum.ToString(null, CultureInfo.InvariantCulture)}");
            }
        });
        return option;
    }
}
