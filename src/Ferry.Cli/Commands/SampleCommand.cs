using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ferry.Cli.Output;
using Ferry.Samples;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry sample PATH</c>: builds the sample chat-app SQLite database the demo and the benchmark use.</summary>
public static class SampleCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The SQLite file to create (must not exist)" };
        var scale = new Option<double>("--scale")
        {
            Description = "Size: 1 is 1,000,000 messages (about 500 MB); 0.01 is 10,000",
            DefaultValueFactory = _ => 0.01,
        };
        var command = new Command("sample", "Create the sample chat-app SQLite database (users, characters, conversations, messages, payments)") { path, scale };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(path)!;
            var size = ChatSampleSize.At(parse.GetValue(scale));
            var clock = Stopwatch.StartNew();
            await ChatSample.CreateAsync(file, parse.GetValue(scale), ct);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Created {file}: {size.TotalRows:N0} rows ({size.Messages:N0} messages) in {clock.Elapsed.TotalSeconds:0.0} s, {Sizes.Human(new FileInfo(file).Length)}."));
            return ExitCodes.Ok;
        });
        return command;
    }
}
