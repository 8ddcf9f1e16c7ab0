using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace DaoPlatform.Services.Jobs;

/// <summary>Creates job instances from the host's services, one DI scope per job.</summary>
internal sealed class ServiceProviderJobActivator(IServiceScopeFactory scopes) : JobActivator
{
    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateScope());

    private sealed class Scope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.Dispose();
    }
}
