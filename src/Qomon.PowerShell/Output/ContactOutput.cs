using System.Management.Automation;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// Turns a contact from the API into what the commands write: a PSCustomObject named Qomon.Contact whose
    /// NoteProperties are exactly the API's fields (address nested, arrays as arrays, unknown fields kept).
    /// Friendly names (Email, LastName, City...) and Answers are defined once for the type in
    /// Qomon.Types.ps1xml, not added to each object; the contact as read is kept in <see cref="ContactSnapshots"/>.
    /// </summary>
    public static class ContactOutput
    {
        public const string TypeName = "Qomon.Contact";

        /// <param name="contact">The contact as the client returned it; kept as the snapshot, so not modified afterwards.</param>
        /// <param name="forms">The connection's forms, for Answers; <see cref="FormCatalog.Empty"/> shows answers by form id.</param>
        public static PSObject Create(JsonObject contact, FormCatalog forms)
        {
            var result = JsonToPowerShell.ToContact(contact);
            result.TypeNames.Insert(0, TypeName);
            ContactSnapshots.Remember(result, contact, forms);
            return result;
        }
    }
}
