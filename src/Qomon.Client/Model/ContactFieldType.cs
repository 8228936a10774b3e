namespace Qomon.Client.Model
{
    /// <summary>How a writable contact field's input is checked and written.</summary>
    public enum ContactFieldType
    {
        /// <summary>One line of text (numbers are taken as their digits, e.g. a postal code).</summary>
        Text,
        /// <summary>Text that may span lines (address infos).</summary>
        MultilineText,
        /// <summary>An email address.</summary>
        Email,
        /// <summary>true/false; CSV text true, false, yes, no, 1, 0 is accepted.</summary>
        Bool,
        /// <summary>A whole number between Minimum and Maximum.</summary>
        IntRange,
        /// <summary>A positive whole number naming another record (user_contact_id).</summary>
        Id,
        /// <summary>F, M or O.</summary>
        Gender,
        /// <summary>A date, written as yyyy-MM-ddTHH:mm:ss.fffZ.</summary>
        Date,
        /// <summary>A list of positive whole numbers (action_ids).</summary>
        IdList,
        /// <summary>The tag names (written as [{name}]).</summary>
        Tags,
        /// <summary>The full list of notes.</summary>
        Notes,
    }
}
