using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Vllm;

/// <summary>Runs the vLLM container with the shared memory vLLM's own Docker instructions ask for.</summary>
public static partial class VllmSharedMemoryExtensions
{
    /// <summary>The setting, read like a parameter (<c>Parameters:vllm-shm-size</c>) when the model is built.</summary>
    public const string SettingName = "vllm-shm-size";

    /// <summary>
    /// PyTorch passes tensors between vLLM's processes through <c>/dev/shm</c>, and Docker and Podman give a container
    /// 64 MB of it, so vLLM runs with the host's IPC namespace (<c>--ipc=host</c>) unless <c>vllm-shm-size</c> names a
    /// size (for example <c>16g</c>), then <c>--shm-size=16g</c>: both flags mean the same to Docker and Podman.
    /// </summary>
    public static IResourceBuilder<VllmResource> WithSharedMemory(this IResourceBuilder<VllmResource> builder)
    {
        var request = new SharedMemoryRequestAnnotation(ReadSize(builder.ApplicationBuilder.Configuration[$"Parameters:{SettingName}"]));
        return builder
            .WithAnnotation(request)
            .WithContainerRuntimeArgs(context => context.Args.Add(request.RuntimeArgument));
    }

    /// <summary>The configured size, or null (empty: the host's IPC namespace); a size the runtimes would refuse stops the AppHost.</summary>
    public static string? ReadSize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var size = value.Trim();
        return SizePattern().Match(size) is { Success: true } match
               && double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0
            ? size
            : throw new DistributedApplicationException(
                $"Parameter '{SettingName}' must be a size Docker and Podman take for --shm-size (a number and a unit, e.g. 16g or 10.24gb), or empty for --ipc=host; not '{value}'.");
    }

    /// <summary>The sizes Docker's and Podman's shared parser (go-units RAMInBytes) takes, without the optional space.</summary>
    [GeneratedRegex("^([0-9]+(?:\\.[0-9]+)?)(?:[kmgtp]i?b?|b)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();
}
