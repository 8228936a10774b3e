using System.Management.Automation;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// What the caller said about confirming, read once per command: -WhatIf, an explicit -Confirm or
    /// -Confirm:$false, whether $ConfirmPreference makes ShouldProcess ask for this command's impact, -Force, and
    /// whether the session can ask at all. Set -Replace and Remove turn it into their own rules; both need to know
    /// before the batch starts whether a person will look at a prompt, because only then is a read worth its token.
    /// </summary>
    internal sealed class ConfirmSettings
    {
        /// <summary>-WhatIf (or $WhatIfPreference): nothing is written, the preview is shown.</summary>
        internal bool WhatIf { get; private set; }

        /// <summary>-Confirm given as on.</summary>
        internal bool ConfirmOn { get; private set; }

        /// <summary>-Confirm:$false given.</summary>
        internal bool ConfirmOff { get; private set; }

        /// <summary>No -Confirm given, and $ConfirmPreference is at or below the command's ConfirmImpact, so ShouldProcess asks by itself.</summary>
        internal bool PreferenceAsks { get; private set; }

        internal bool Force { get; private set; }

        /// <summary>Whether the session can show a prompt at all.</summary>
        internal bool CanPrompt { get; private set; }

        internal static ConfirmSettings Read(PSCmdlet cmdlet, ConfirmImpact impact, bool force, bool whatIf)
        {
            var confirmGiven = cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm);
            var confirmOn = confirmGiven && (confirm is SwitchParameter s ? s.IsPresent : confirm is bool b && b);
            return new ConfirmSettings
            {
                WhatIf = whatIf,
                ConfirmOn = confirmOn,
                ConfirmOff = confirmGiven && !confirmOn,
                PreferenceAsks = !confirmGiven && PreferenceAsksFor(cmdlet, impact),
                Force = force,
                CanPrompt = PromptAvailability.WhyNot(cmdlet.Host) == null,
            };
        }

        private static bool PreferenceAsksFor(PSCmdlet cmdlet, ConfirmImpact impact)
        {
            var preference = cmdlet.GetVariableValue("ConfirmPreference");
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            return preference is ConfirmImpact level && level != ConfirmImpact.None && level <= impact;
        }
    }
}
