using Qomon.Emulator.Settings;

namespace Qomon.Emulator.Json
{
    /// <summary>The response details that are settings, plus per-request choices.</summary>
    public sealed record RenderOptions(string CustomFieldsKey, bool AddressNumbersAsNumbers, bool SoftDeletedVisible, bool IncludeInteractions = false,
        bool BirthPlaceJoined = false)
    {
        public static RenderOptions From(EmulatorSettings settings, bool includeInteractions = false) =>
            new(settings.CustomFieldsKey, settings.AddressNumbersAsNumbers, settings.SoftDeletedVisible, includeInteractions,
                settings.BirthPlaceKey == EmulatorSettings.BirthPlaceJoined);
    }
}
