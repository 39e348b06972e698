using Spectre.Console;

namespace Ferry.Cli.Output;

public static class Consoles
{
    /// <summary>
    /// Standard output. When it is redirected Spectre cannot ask the terminal its width and would
    /// wrap tables at 80 columns; a file or pipe gets wide, colourless lines instead.
    /// </summary>
    public static readonly IAnsiConsole Out = Create();

    private static IAnsiConsole Create()
    {
        var redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected) console.Profile.Width = 200;
        return console;
    }
}
