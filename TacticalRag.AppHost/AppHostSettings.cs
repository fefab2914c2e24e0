using System.ComponentModel.DataAnnotations;
using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace TacticalRag.AppHost;

/// <summary>
/// Binds an AppHost settings section and checks it before anything starts: a key the class does not have (a typo, or
/// a name from an old README) and a value out of range stop the AppHost with the setting's name, instead of being
/// silently ignored the way a plain <c>Bind</c> ignores them.
/// </summary>
public static class AppHostSettings
{
    public static T Read<T>(IConfiguration configuration, string sectionName) where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(sectionName).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException exception)
        {
            throw new DistributedApplicationException($"Section {sectionName}: {exception.Message}", exception);
        }
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new DistributedApplicationException(
                $"Section {sectionName} is invalid: " + string.Join(" ", results.Select(r => $"{sectionName}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}")));
        }
        return options;
    }
}
