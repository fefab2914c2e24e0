using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.FaultMatrix;

/// <summary>The rows and columns of the matrix, and a question per case that no other case asks (so no answer comes from the cache).</summary>
public static class MatrixCases
{
    public static IReadOnlyList<GeneratingEndpoint> Endpoints { get; } = Enum.GetValues<GeneratingEndpoint>();

    /// <summary>Every fault but <see cref="SimFault.Flapping"/>, whose outcome depends on the phase a request meets; it has its own cases.</summary>
    public static IReadOnlyList<SimFault> SteadyFaults { get; } =
        Enum.GetValues<SimFault>().Where(f => f is not (SimFault.None or SimFault.Flapping)).ToArray();

    /// <summary>
    /// Faults that strike after tokens have left the server: a stream caller has already seen them when the answer
    /// breaks (cut, in-band error, no end marker, stall), so it gets an error event and no switch to another backend.
    /// </summary>
    public static bool BreaksMidAnswer(this SimFault fault) =>
        fault is SimFault.StreamCut or SimFault.InBandError or SimFault.NoDoneMarker or SimFault.StallAfterFirstToken;

    public static TheoryData<SimFault, GeneratingEndpoint> Cross(IEnumerable<SimFault> faults)
    {
        var data = new TheoryData<SimFault, GeneratingEndpoint>();
        foreach (var fault in faults)
        {
            foreach (var endpoint in Endpoints)
            {
                data.Add(fault, endpoint);
            }
        }
        return data;
    }

    public static TheoryData<GeneratingEndpoint> EachEndpoint()
    {
        var data = new TheoryData<GeneratingEndpoint>();
        foreach (var endpoint in Endpoints)
        {
            data.Add(endpoint);
        }
        return data;
    }

    /// <summary>A short factual question the glossary answers (few words: the simulator echoes up to twelve).</summary>
    public static string Question(string row, SimFault fault, GeneratingEndpoint endpoint, int request = 0) =>
        $"What is the PACE plan? (case {row}-{fault}-{endpoint}-{request})";
}
