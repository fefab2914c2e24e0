namespace TacticalRag.Bench.Engines;

/// <summary>Unit vectors around random cluster centres: each a centre plus Gaussian noise of about 0.6 of its length.</summary>
internal sealed class ClusteredVectors(int dimensions, int clusters, int seed)
{
    private readonly Random _random = new(seed);
    private float[][]? _centres;

    public float[] Next()
    {
        _centres ??= Enumerable.Range(0, clusters).Select(_ => Unit(Gaussian())).ToArray();
        var centre = _centres[_random.Next(clusters)];
        var noise = Unit(Gaussian());
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = centre[i] + 0.6f * noise[i];
        }
        return Unit(vector);
    }

    private float[] Gaussian()
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble()));
        }
        return vector;
    }

    private static float[] Unit(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }
        return vector;
    }
}
