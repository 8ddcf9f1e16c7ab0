using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services;

/// <summary>Options bound to a configuration section and checked by a validator when the host starts.</summary>
internal static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/>; <typeparamref name="TValidator"/> checks it at start, so a bad setting stops the host with its message.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }

    /// <summary>Throws when <paramref name="validator"/> rejects <paramref name="options"/> given directly (not through a host).</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every wrong setting.</exception>
    public static void ThrowIfInvalid<TOptions>(this IValidateOptions<TOptions> validator, TOptions options, string parameterName)
        where TOptions : class
    {
        ValidateOptionsResult result = validator.Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, parameterName);
        }
    }
}
