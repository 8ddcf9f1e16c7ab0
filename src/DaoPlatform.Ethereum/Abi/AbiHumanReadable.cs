using System.Text;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>Writes parameter lists in the human-readable signature form the parser reads back.</summary>
internal static class AbiHumanReadable
{
    public static void AppendParameters(StringBuilder builder, IReadOnlyList<AbiParameter> parameters)
    {
        builder.Append('(');
        for (int i = 0; i < parameters.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }
            AppendParameter(builder, parameters[i]);
        }
        builder.Append(')');
    }

    private static void AppendParameter(StringBuilder builder, AbiParameter parameter)
    {
        parameter.Type.AppendHumanReadable(builder);
        if (parameter.Indexed)
        {
            builder.Append(" indexed");
        }
        if (parameter.Name.Length > 0)
        {
            builder.Append(' ').Append(parameter.Name);
        }
    }
}
