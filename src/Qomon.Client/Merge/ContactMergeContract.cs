using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.Client.Merge
{
    // CONTRACT (to be implemented by the merge work). Everything here is pure: no I/O, no clock.

    /// <summary>What a caller wants changed on one contact. Absent = keep; a present null = clear.</summary>
    public sealed partial class ContactChanges
    {
    }

    /// <summary>
    /// Turns caller input into ContactChanges. Input entries are (name, value) pairs as the PowerShell layer
    /// flattens them from a hashtable, PSCustomObject or CSV row: names may be dotted ("address.city"),
    /// values may be null, string, bool, long, double, decimal, DateTime/DateTimeOffset, arrays (object?[])
    /// or nested IDictionary&lt;string, object?&gt;. Form answers are named "form:&lt;label or id&gt;" and
    /// custom fields "custom:&lt;label or id&gt;". Every problem is reported, none is thrown half-way.
    /// </summary>
    public static partial class ContactChangesReader
    {
    }

    /// <summary>Merges ContactChanges into the contact as the server holds it, giving the complete PATCH body.</summary>
    public static partial class ContactMerger
    {
    }
}
