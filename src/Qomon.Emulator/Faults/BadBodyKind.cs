namespace Qomon.Emulator.Faults
{
    /// <summary>
    /// What a 200 answer can be instead of the contact asked for: a gateway's empty envelope, an API change, a
    /// proxy's page, a redirect to another host. A client must never build a write on any of them.
    /// </summary>
    public enum BadBodyKind
    {
        /// <summary>{"status":"success","data":null}</summary>
        DataNull,
        /// <summary>{"data":{"contact":null}}</summary>
        ContactNull,
        /// <summary>{"data":{"contact":{}}}</summary>
        ContactEmpty,
        /// <summary>The success envelope around another contact (a different id).</summary>
        OtherContact,
        /// <summary>The whole body a JSON array of one contact: [{…}].</summary>
        Array,
        /// <summary>{"status":"success","data":{"contact":[{…}]}}</summary>
        ContactArray,
        /// <summary>The contact without its formdatas list.</summary>
        NoFormdatas,
        /// <summary>The contact without custom_fields and without customfields.</summary>
        NoCustomFields,
        /// <summary>An HTML page, content-type text/html, as from a proxy or captive portal.</summary>
        Html,
        /// <summary>302 with a Location on another host (127.0.0.2, same port and path).</summary>
        Redirect,
        /// <summary>POST /search only: the page as it is, but one of its contacts lacks its id.</summary>
        SearchMissingId,
    }

    public static class BadBodyKinds
    {
        /// <summary>The kebab-case names of the kinds, as --bad-body-kinds and the stats spell them.</summary>
        public static readonly IReadOnlyDictionary<BadBodyKind, string> Names = new Dictionary<BadBodyKind, string>
        {
            [BadBodyKind.DataNull] = "data-null",
            [BadBodyKind.ContactNull] = "contact-null",
            [BadBodyKind.ContactEmpty] = "contact-empty",
            [BadBodyKind.OtherContact] = "other-contact",
            [BadBodyKind.Array] = "array",
            [BadBodyKind.ContactArray] = "contact-array",
            [BadBodyKind.NoFormdatas] = "no-formdatas",
            [BadBodyKind.NoCustomFields] = "no-custom-fields",
            [BadBodyKind.Html] = "html",
            [BadBodyKind.Redirect] = "redirect",
            [BadBodyKind.SearchMissingId] = "search-missing-id",
        };

        /// <summary>Kinds a search page can be turned into; the contact-shaped ones make no sense for a list.</summary>
        private static readonly HashSet<BadBodyKind> SearchKinds = [BadBodyKind.DataNull, BadBodyKind.Html, BadBodyKind.Redirect, BadBodyKind.SearchMissingId];

        public static string Name(this BadBodyKind kind) => Names[kind];

        public static bool AppliesTo(this BadBodyKind kind, bool search) => search ? SearchKinds.Contains(kind) : kind != BadBodyKind.SearchMissingId;
    }

    /// <summary>Whether a write answered with a bad body was applied: both (by the dice), or only one way.</summary>
    public enum BadBodyEffect { Both, Applied, Unapplied }

    /// <summary>
    /// --bad-body-kinds: the kinds the dice may pick, and optionally "applied" or "unapplied" to fix what happens
    /// to a write that gets one. Text form: "all", or names separated by commas.
    /// </summary>
    public sealed record BadBodySelection(IReadOnlyList<BadBodyKind> Kinds, BadBodyEffect Effect)
    {
        private const string AppliedWord = "applied", UnappliedWord = "unapplied", AllWord = "all";

        public static readonly BadBodySelection All = new(Enum.GetValues<BadBodyKind>(), BadBodyEffect.Both);

        public static BadBodySelection Parse(string text)
        {
            var words = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var kinds = new List<BadBodyKind>();
            var effect = BadBodyEffect.Both;
            foreach (var word in words)
            {
                if (word == AllWord) kinds.AddRange(Enum.GetValues<BadBodyKind>());
                else if (word == AppliedWord) effect = effect == BadBodyEffect.Unapplied ? BadBodyEffect.Both : BadBodyEffect.Applied;
                else if (word == UnappliedWord) effect = effect == BadBodyEffect.Applied ? BadBodyEffect.Both : BadBodyEffect.Unapplied;
                else if (BadBodyKinds.Names.FirstOrDefault(n => n.Value == word) is { Value: not null } found) kinds.Add(found.Key);
                else throw new FormatException($"'{word}' is not a bad-body kind; use all, {string.Join(", ", BadBodyKinds.Names.Values)}, applied or unapplied.");
            }
            return new BadBodySelection(kinds.Count == 0 ? All.Kinds : kinds.Distinct().ToList(), effect);
        }

        public override string ToString()
        {
            var kinds = Kinds.Count == All.Kinds.Count ? [AllWord] : Kinds.Select(k => k.Name());
            var effect = Effect switch { BadBodyEffect.Applied => [AppliedWord], BadBodyEffect.Unapplied => [UnappliedWord], _ => Array.Empty<string>() };
            return string.Join(",", kinds.Concat(effect));
        }
    }

    /// <summary>One bad answer to give: its kind, and for a write whether the write is applied first.</summary>
    public readonly record struct BadBody(BadBodyKind Kind, bool Applied);
}
