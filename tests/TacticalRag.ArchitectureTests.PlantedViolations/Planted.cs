using System.Diagnostics;

// Features Alpha, Beta, Gamma, Delta and the shared piece Common. The test's map allows Alpha -> Beta, Beta -> Alpha
// and Gamma -> Beta; everything else below that crosses a feature is planted.

namespace Planted.Common
{
    /// <summary>A shared piece: every feature may use it.</summary>
    public static class Text
    {
        public static string Trimmed(string value) => value.Trim();
    }
}

namespace Planted.Alpha
{
    /// <summary>Planted cycle, first half: Alpha uses Beta.</summary>
    public sealed class AlphaService
    {
        public string Describe() => Common.Text.Trimmed(new Beta.BetaService().Name);
    }
}

namespace Planted.Beta
{
    public sealed class BetaService
    {
        public string Name => " beta ";

        /// <summary>Planted cycle, second half: Beta uses Alpha.</summary>
        public string Both() => new Alpha.AlphaService().Describe() + Name;

        internal string Secret() => "internal to Beta";
    }
}

namespace Planted.Gamma
{
    internal sealed class GammaService
    {
        /// <summary>Planted internal member reach: Gamma may use Beta, but only Beta's public members.</summary>
        public string Peek() => new Beta.BetaService().Secret();

        /// <summary>Planted forbidden edge: the map has no Gamma -> Delta.</summary>
        public int Count() => Delta.DeltaCounter.Count;
    }
}

namespace Planted.Delta
{
    public static class DeltaCounter
    {
        public static int Count => 1;
    }

    /// <summary>Planted needless public type: no other feature uses it.</summary>
    public sealed class DeltaHelper
    {
        public int Twice(int value) => value * 2;
    }

    internal sealed class DeltaClock
    {
        /// <summary>Planted clocks: the system clock and a stopwatch instead of the injected TimeProvider.</summary>
        public TimeSpan Elapsed()
        {
            var started = TimeProvider.System.GetTimestamp();
            var watch = Stopwatch.StartNew();
            return TimeProvider.System.GetElapsedTime(started) + watch.Elapsed;
        }
    }
}
