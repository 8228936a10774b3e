using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// The question before a write that loses data (Set-QomonContact -Replace). ShouldContinue would offer the same
    /// four answers but with Yes as the default, so an Enter pressed too early clears a contact; here Enter answers No.
    /// </summary>
    internal static class DestructivePrompt
    {
        internal const int Yes = 0;
        internal const int YesToAll = 1;
        internal const int No = 2;
        internal const int NoToAll = 3;

        /// <summary>The answer an empty reply (Enter) gives.</summary>
        internal const int DefaultChoice = No;

        internal static Collection<ChoiceDescription> Choices() => new Collection<ChoiceDescription>
        {
            new ChoiceDescription("&Yes", "Do it for this contact."),
            new ChoiceDescription("Yes to &All", "Do it for this contact and every one after it, without asking again."),
            new ChoiceDescription("&No", "Leave this contact as it is (the default)."),
            new ChoiceDescription("No to A&ll", "Leave this contact and every one after it as they are, without asking again."),
        };

        /// <summary>True to go ahead. Remembers Yes to All and No to All in the two flags, as ShouldContinue does; throws what the host throws when it cannot ask.</summary>
        internal static bool Ask(PSHostUserInterface ui, string caption, string query, ref bool yesToAll, ref bool noToAll)
        {
            if (yesToAll) return true;
            if (noToAll) return false;
            switch (ui.PromptForChoice(caption, query, Choices(), DefaultChoice))
            {
                case Yes: return true;
                case YesToAll: yesToAll = true; return true;
                case NoToAll: noToAll = true; return false;
                default: return false;
            }
        }
    }
}
